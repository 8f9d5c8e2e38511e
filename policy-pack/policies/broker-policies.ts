import type { ResourceValidationPolicy } from "@pulumi/policy";
import { BROKER_RULES, type BrokerRule, describeBrokerDurability } from "../../core";
import { BROKER_CONFIG_SHAPES, brokerConfigShapeFor } from "../resources/broker-resources";
import { TOPIC_POLICY_CONFIG_SCHEMA } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { settingsOf } from "./settings";

/** One mandatory policy per broker rule; it reads the thresholds of the shared settings block. */
export function brokerPolicy(rule: BrokerRule): ResourceValidationPolicy {
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: TOPIC_POLICY_CONFIG_SCHEMA,
    validateResource: (args, reportViolation) => {
      const shape = brokerConfigShapeFor(args.type);
      if (shape === undefined) return args.notApplicable(`${args.type} does not declare Kafka broker defaults`);
      const { thresholds } = settingsOf(args);
      const broker = describeBrokerDurability(shape.read(args.props, args.name));
      for (const message of rule.check(broker, thresholds)) reportViolation(message);
    },
  };
}

export const brokerPolicies: CoveredPolicy[] = BROKER_RULES.map((rule) => ({
  policy: brokerPolicy(rule),
  checks: BROKER_CONFIG_SHAPES,
}));
