import * as k8s from "@pulumi/kubernetes";

// One unsafe cluster, topic and Connect of each operator, each in its own namespace so that every topic inherits
// from its own cluster only. The safe counterparts are the examples in examples/strimzi,
// examples/confluent-for-kubernetes and examples/redpanda.

// Strimzi: a topic at 1 replica with min.insync.replicas 1 and unclean election on; Connect at producer.acks 1.
const strimzi = "kafka.strimzi.io/v1beta2";
const strimziCluster = { "strimzi.io/cluster": "main" };
new k8s.apiextensions.CustomResource("strimzi-kafka", {
  apiVersion: strimzi,
  kind: "Kafka",
  metadata: { name: "main", namespace: "strimzi", annotations: { "strimzi.io/node-pools": "enabled" } },
  spec: { kafka: { config: { "default.replication.factor": 3, "min.insync.replicas": 2 } } },
});
new k8s.apiextensions.CustomResource("strimzi-brokers", {
  apiVersion: strimzi,
  kind: "KafkaNodePool",
  metadata: { name: "brokers", namespace: "strimzi", labels: strimziCluster },
  spec: { replicas: 3, roles: ["broker"], storage: { type: "ephemeral" } },
});
new k8s.apiextensions.CustomResource("strimzi-topic", {
  apiVersion: strimzi,
  kind: "KafkaTopic",
  metadata: { name: "orders", namespace: "strimzi", labels: strimziCluster },
  spec: {
    partitions: 3,
    replicas: 1,
    config: { "min.insync.replicas": 1, "unclean.leader.election.enable": true },
  },
});
new k8s.apiextensions.CustomResource("strimzi-connect", {
  apiVersion: strimzi,
  kind: "KafkaConnect",
  metadata: { name: "connect", namespace: "strimzi" },
  spec: { replicas: 1, bootstrapServers: "main-kafka-bootstrap:9093", config: { "producer.acks": 1 } },
});

// Confluent for Kubernetes: brokers at min.insync.replicas 1; a topic at 1 replica with unclean election on that
// inherits it; Connect with storage topics at 1 replica and producer.acks 1.
const cfk = "platform.confluent.io/v1beta1";
new k8s.apiextensions.CustomResource("cfk-kafka", {
  apiVersion: cfk,
  kind: "Kafka",
  metadata: { name: "kafka", namespace: "confluent" },
  spec: { replicas: 3, configOverrides: { server: ["min.insync.replicas=1"] } },
});
new k8s.apiextensions.CustomResource("cfk-topic", {
  apiVersion: cfk,
  kind: "KafkaTopic",
  metadata: { name: "orders", namespace: "confluent" },
  spec: {
    replicas: 1,
    partitionCount: 3,
    configs: { "unclean.leader.election.enable": "true" },
    kafkaClusterRef: { name: "kafka" },
  },
});
new k8s.apiextensions.CustomResource("cfk-connect", {
  apiVersion: cfk,
  kind: "Connect",
  metadata: { name: "connect", namespace: "confluent" },
  spec: { replicas: 1, internalTopicReplicationFactor: 1, configOverrides: { server: ["producer.acks=1"] } },
});

// Redpanda: brokers whose topics default to 1 replica, a topic at 1 replica, and a pipeline writing through a broker
// to a redpanda output with acks leader and to a kafka output that waits for the leader alone (no ack_replicas) and
// creates its topic with 1 replica.
const redpanda = "cluster.redpanda.com/v1alpha2";
new k8s.apiextensions.CustomResource("redpanda-cluster", {
  apiVersion: redpanda,
  kind: "Redpanda",
  metadata: { name: "redpanda", namespace: "redpanda" },
  spec: { clusterSpec: { statefulset: { replicas: 3 }, config: { cluster: { default_topic_replications: 1 } } } },
});
new k8s.apiextensions.CustomResource("redpanda-topic", {
  apiVersion: redpanda,
  kind: "Topic",
  metadata: { name: "orders", namespace: "redpanda" },
  spec: { partitions: 3, replicationFactor: 1, cluster: { clusterRef: { name: "redpanda" } } },
});
new k8s.apiextensions.CustomResource("redpanda-pipeline", {
  apiVersion: redpanda,
  kind: "Pipeline",
  metadata: { name: "copy-orders", namespace: "redpanda" },
  spec: {
    cluster: { clusterRef: { name: "redpanda" } },
    configYaml: `
input:
  redpanda: { topics: [orders] }
output:
  broker:
    outputs:
      - redpanda: { topic: orders-copy, acks: leader }
      - kafka:
          addresses: [redpanda-0.redpanda:9093]
          topic: orders-mirror
          custom_topic_creation: { enabled: true, replication_factor: 1 }
`,
  },
});
