import type { ResourceValidationPolicy } from "@pulumi/policy";
import { BROKER_RULES, type BrokerRule, describeBrokerDurability } from "../../core";
import { BROKER_CONFIG_SHAPES, brokerConfigShapeFor } from "../platforms";
import { ignoredKeys } from "../resources/broker-resources";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { notApplicable } from "./not-applicable";

/** One mandatory policy per broker rule; it reads the threshold it checks, if any (POLICY_SETTINGS). */
export function brokerPolicy(rule: BrokerRule, pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(rule.id);
  return {
    ...policyMetadata(rule),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(rule.id),
    validateResource: (args, reportViolation) => {
      const { thresholds } = settingsOf(args);
      const shape = brokerConfigShapeFor(args.type);
      if (shape === undefined) return notApplicable(args, `${args.type} does not declare Kafka broker defaults`);
      const ignored = ignoredKeys(shape, rule.reads);
      if (ignored !== undefined) return notApplicable(args, `${shape.label}: ${ignored}`);
      const broker = describeBrokerDurability(shape.read(args.props, args.name));
      for (const message of rule.check(broker, thresholds)) reportViolation(message);
    },
  };
}

export function brokerPoliciesFor(pack: PackSettings): CoveredPolicy[] {
  return BROKER_RULES.map((rule) => ({
    policy: brokerPolicy(rule, pack),
    checks: BROKER_CONFIG_SHAPES.filter((shape) => ignoredKeys(shape, rule.reads) === undefined),
  }));
}

export const brokerPolicies = brokerPoliciesFor(DEFAULT_PACK_SETTINGS);
