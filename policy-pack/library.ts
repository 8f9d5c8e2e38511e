import type { Policies } from "@pulumi/policy";
import type { KafkaguardSettingsInput } from "../core";
import { coveredPoliciesWith } from "./policies";
import { PackSettings } from "./policies/settings";

export {
  type EnforcementLevel,
  type KafkaguardSettings,
  type KafkaguardSettingsInput,
  KafkaguardConfigError,
  POLICY_SETTINGS,
  parseKafkaguardSettings,
} from "../core";

export const KAFKAGUARD_PACK_DESCRIPTION =
  "Rejects Kafka topic, broker, cluster and producer settings that can lose acknowledged messages, on @pulumi/kafka, Aiven, Confluent Cloud, Amazon MSK and Strimzi.";

/**
 * kafkaguard's policies with a settings block baked in, to put in a team's own PolicyPack beside its own policies.
 * The block is validated here (a KafkaguardConfigError names the key and policy); what Pulumi passes a policy
 * (--policy-pack-config, a policy group) is still laid over it. Keep the list's order: the exemption notice comes
 * last so it reports what the others exempted.
 */
export function kafkaguardPolicies(settings: KafkaguardSettingsInput = {}): Policies {
  return coveredPoliciesWith(new PackSettings(settings)).map((covered) => covered.policy);
}
