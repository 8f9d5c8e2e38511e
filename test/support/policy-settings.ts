import { type PolicySettings, parseKafkaguardSettings } from "../../core";

/** The settings one policy runs with, from a settings block (the defaults for an empty one). */
export function policySettings(block: unknown, policy = "kafka-topic-min-replication-factor"): PolicySettings {
  const found = parseKafkaguardSettings(block).policies[policy];
  if (found === undefined) throw new Error(`kafkaguard has no policy ${policy}`);
  return found.settings;
}
