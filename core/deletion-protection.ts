import type { RuleMetadata } from "./rules";

/** How a topic resource is guarded against the delete that a replace or destroy performs. */
export interface DeletionGuards {
  /** Pulumi's `protect` resource option. */
  protect: boolean;
  /**
   * A platform's own guard, e.g. Aiven's terminationProtection; undefined where the platform has none. guardingValue
   * is the value that guards (true unless the key allows deletion, like Redpanda Cloud's allowDeletion).
   */
  platformGuard?: { key: string; enabled: boolean; guardingValue?: boolean };
}

export const deletionProtection: RuleMetadata & { check(topicName: string, guards: DeletionGuards): string[] } = {
  id: "kafka-topic-deletion-protection",
  title: "Topics are protected from deletion",
  description:
    "A topic resource should be protected: a replace (after a change to a property that forces one, such as the topic name) or a destroy deletes the topic and every message in it. Policies can see the protect option but not retainOnDelete.",
  remediation:
    "Set the resource option protect: true on the topic (kafkaguard components do this by default). retainOnDelete is not passed to policies, so it cannot satisfy this check; use protect, or exempt the topic with a reason.",
  severity: "high",
  /** One message when the topic is not guarded; empty when it is. */
  check(topicName: string, guards: DeletionGuards): string[] {
    if (guards.protect || guards.platformGuard?.enabled === true) return [];
    const guard = guards.platformGuard;
    const alternative = guard ? ` (or ${guard.key}: ${guard.guardingValue ?? true})` : "";
    return [
      `Topic "${topicName}": the resource is not protected, so a replace or destroy deletes the topic and every message in it; set the resource option protect: true${alternative}. retainOnDelete is not visible to policies, so it does not count here.`,
    ];
  },
};
