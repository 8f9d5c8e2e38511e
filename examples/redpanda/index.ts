import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

// The Redpanda operator's custom resources (cluster.redpanda.com/v1alpha2), as its CRDs declare them.
const namespace = new pulumi.Config().require("namespace");
const apiVersion = "cluster.redpanda.com/v1alpha2";

// Three brokers. Redpanda's own default_topic_replications is 1: written down here, as the topics that leave their
// replication factor unset inherit it (kafka-topic-inherited-settings checks them).
const cluster = new k8s.apiextensions.CustomResource("redpanda", {
  apiVersion,
  kind: "Redpanda",
  metadata: { name: "redpanda", namespace },
  spec: {
    clusterSpec: {
      statefulset: { replicas: 3 },
      config: {
        cluster: {
          default_topic_replications: 3,
          internal_topic_replication_factor: 3,
          auto_create_topics_enabled: false,
        },
      },
    },
  },
});

// A topic of that cluster: Redpanda replicates with Raft, so its replication factor alone decides (odd, at least 3).
new k8s.apiextensions.CustomResource(
  "orders",
  {
    apiVersion,
    kind: "Topic",
    metadata: { name: "orders", namespace },
    spec: { partitions: 6, replicationFactor: 3, cluster: { clusterRef: { name: "redpanda" } } },
  },
  { protect: true, dependsOn: [cluster] },
);

// A Redpanda Connect pipeline from that topic to another. The redpanda output's defaults are durable (acks: all,
// idempotent_write: true); a kafka output would need ack_replicas: true, as kafkaguard would say.
new k8s.apiextensions.CustomResource(
  "enrich-orders",
  {
    apiVersion,
    kind: "Pipeline",
    metadata: { name: "enrich-orders", namespace },
    spec: {
      cluster: { clusterRef: { name: "redpanda" } },
      configYaml: [
        "input:",
        "  redpanda:",
        "    topics: [orders]",
        "    consumer_group: enrich-orders",
        "pipeline:",
        "  processors:",
        "    - mapping: 'root = this.merge({\"enriched\": true})'",
        "output:",
        "  redpanda:",
        "    topic: orders-enriched",
        "    acks: all",
        "",
      ].join("\n"),
    },
  },
  { dependsOn: [cluster] },
);
