import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";

// Unsafe in every way the pack checks: it is the pack in remediate mode that makes it durable.
const topic = new kafka.Topic("unsafe", {
  name: `remediated-${pulumi.getStack()}`,
  partitions: 1,
  replicationFactor: 1,
  config: { "unclean.leader.election.enable": "true" },
});

export const topicName = topic.name;
