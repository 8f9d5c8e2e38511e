// Template: a team's own policy pack with kafkaguard's policies, configured once, beside the team's own policies.
// Copy this folder, `npm install && npm run build`, then `pulumi preview --policy-pack <folder>` or
// `pulumi policy publish <org>` from it.
import { PolicyPack, type ResourceValidationPolicy } from "@pulumi/policy";
import { kafkaguardPolicies } from "kafkaguard/policy";

/** The team's own rule: every topic name starts with an owning team's prefix. */
const topicOwnerPrefix: ResourceValidationPolicy = {
  name: "acme-topic-owner-prefix",
  description: "Kafka topic names start with the owning team: payments-, orders- or scratch-.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type !== "kafka:index/topic:Topic") return;
    const name: unknown = args.props.name;
    if (typeof name === "string" && !/^(payments|orders|scratch)-/.test(name)) {
      reportViolation(`Topic "${name}" does not start with an owning team's prefix (payments-, orders-, scratch-).`);
    }
  },
};

new PolicyPack("acme-kafka", {
  description: "Kafka durability (kafkaguard) and topic ownership rules for every ACME stack.",
  policies: [
    // One settings block for every kafkaguard policy; a bad key or value stops the pack at start with one line.
    ...kafkaguardPolicies({
      minReplicationFactor: 3,
      minInsyncReplicas: 2,
      clusterDefaults: { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
      exemptions: [{ pattern: "scratch-.*", reason: "load-test topics, deleted nightly" }],
      policies: {
        // Per-policy overrides use the shape of --policy-pack-config.
        "kafka-topic-deletion-protection": "mandatory",
        "kafka-broker-min-insync-replicas": { minInsyncReplicas: 2 },
      },
    }),
    topicOwnerPrefix,
  ],
});
