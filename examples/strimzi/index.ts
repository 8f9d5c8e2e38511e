import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

const namespace = new pulumi.Config().require("namespace");
const apiVersion = "kafka.strimzi.io/v1beta2";
const cluster = "main";
const clusterLabel = { "strimzi.io/cluster": cluster };

// The cluster's broker defaults: topics of this cluster that leave a key unset inherit these, and kafkaguard's
// stack policy kafka-topic-inherited-settings checks what they inherit.
const kafka = new k8s.apiextensions.CustomResource("main", {
  apiVersion,
  kind: "Kafka",
  metadata: {
    name: cluster,
    namespace,
    annotations: { "strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled" },
  },
  spec: {
    kafka: {
      version: "3.9.0",
      listeners: [{ name: "tls", port: 9093, type: "internal", tls: true }],
      config: {
        "auto.create.topics.enable": false,
        "default.replication.factor": 3,
        "min.insync.replicas": 2,
        "unclean.leader.election.enable": false,
      },
    },
    entityOperator: { topicOperator: {}, userOperator: {} },
  },
});

// The brokers: kafkaguard sums the replicas of broker-role node pools labelled for the cluster.
new k8s.apiextensions.CustomResource("brokers", {
  apiVersion,
  kind: "KafkaNodePool",
  metadata: { name: "brokers", namespace, labels: clusterLabel },
  spec: { replicas: 3, roles: ["broker"], storage: { type: "persistent-claim", size: "100Gi", deleteClaim: false } },
});
new k8s.apiextensions.CustomResource("controllers", {
  apiVersion,
  kind: "KafkaNodePool",
  metadata: { name: "controllers", namespace, labels: clusterLabel },
  spec: { replicas: 3, roles: ["controller"], storage: { type: "persistent-claim", size: "10Gi" } },
});

// A topic declared in code: it sets its replicas and inherits min.insync.replicas 2 from the cluster above.
new k8s.apiextensions.CustomResource(
  "orders",
  {
    apiVersion,
    kind: "KafkaTopic",
    metadata: { name: "orders", namespace, labels: clusterLabel },
    spec: { partitions: 6, replicas: 3, config: { "retention.ms": 604800000 } },
  },
  { protect: true, dependsOn: [kafka] },
);

// Resources rendered from YAML get the same type tokens, so the same policies apply. Children inherit protect.
new k8s.yaml.ConfigGroup(
  "payments",
  {
    yaml: `
apiVersion: ${apiVersion}
kind: KafkaTopic
metadata:
  name: payments
  namespace: ${namespace}
  labels:
    strimzi.io/cluster: ${cluster}
spec:
  partitions: 6
  replicas: 3
  config:
    min.insync.replicas: 2
    unclean.leader.election.enable: false
---
apiVersion: ${apiVersion}
kind: KafkaConnect
metadata:
  name: connect
  namespace: ${namespace}
  annotations:
    strimzi.io/use-connector-resources: "true"
spec:
  replicas: 2
  bootstrapServers: ${cluster}-kafka-bootstrap:9093
  config:
    group.id: connect
    offset.storage.topic: connect-offsets
    config.storage.topic: connect-configs
    status.storage.topic: connect-status
    producer.acks: all
    producer.enable.idempotence: true
`,
  },
  { protect: true, dependsOn: [kafka] },
);
