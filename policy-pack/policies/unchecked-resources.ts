import type { ResourceValidationPolicy } from "@pulumi/policy";
import { uncheckedKafkaResource } from "../../core";
import { kafkaResourceStatus } from "../platforms";
import { configSchemaFor } from "./config-schema";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { notApplicable } from "./not-applicable";

/**
 * Names every Kafka resource that no platform adapter reads (and that no adapter declares as holding nothing to
 * check), so it does not pass in silence. Advisory by default; a settings block can make it mandatory.
 */
export function uncheckedResourcePolicyFor(pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(uncheckedKafkaResource.id);
  return {
    ...policyMetadata(uncheckedKafkaResource),
    enforcementLevel: "advisory",
    configSchema: configSchemaFor(uncheckedKafkaResource.id),
    validateResource: (args, reportViolation) => {
      settingsOf(args);
      const status = kafkaResourceStatus(args.type);
      if (status !== "unchecked") return notApplicable(args, `${args.type}: ${status}`);
      reportViolation(uncheckedKafkaResource.message(args.type, args.name));
    },
  };
}

export const uncheckedResourcePolicy = uncheckedResourcePolicyFor(DEFAULT_PACK_SETTINGS);
