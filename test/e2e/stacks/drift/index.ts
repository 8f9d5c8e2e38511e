import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";

// Compliant as declared: RF 3 and min.insync.replicas 2 (unclean election keeps Kafka's default, false).
const topic = new kafka.Topic("payments", {
  name: `drift-${pulumi.getStack()}`,
  partitions: 2,
  replicationFactor: 3,
  config: { "min.insync.replicas": "2" },
});

export const topicName = topic.name;
