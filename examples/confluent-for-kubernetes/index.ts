import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

// Confluent for Kubernetes custom resources (platform.confluent.io/v1beta1), as its CRDs declare them.
const namespace = new pulumi.Config().require("namespace");
const apiVersion = "platform.confluent.io/v1beta1";
const images = { application: "confluentinc/cp-server:7.9.0", init: "confluentinc/confluent-init-container:2.11.0" };

// The brokers and their defaults: spec.configOverrides.server lines are server.properties entries, which topics
// that leave a key unset inherit (kafkaguard's stack policy kafka-topic-inherited-settings checks them).
const kafka = new k8s.apiextensions.CustomResource("kafka", {
  apiVersion,
  kind: "Kafka",
  metadata: { name: "kafka", namespace },
  spec: {
    replicas: 3,
    image: images,
    dataVolumeCapacity: "100Gi",
    dependencies: { kRaftController: { clusterRef: { name: "kraftcontroller" } } },
    configOverrides: {
      server: [
        "auto.create.topics.enable=false",
        "default.replication.factor=3",
        "min.insync.replicas=2",
        "unclean.leader.election.enable=false",
        "offsets.topic.replication.factor=3",
        "transaction.state.log.replication.factor=3",
        "transaction.state.log.min.isr=2",
      ],
    },
  },
});

// A topic of that cluster, found by spec.kafkaClusterRef: 3 replicas, min.insync.replicas 2 from the brokers.
new k8s.apiextensions.CustomResource(
  "orders",
  {
    apiVersion,
    kind: "KafkaTopic",
    metadata: { name: "orders", namespace },
    spec: {
      replicas: 3,
      partitionCount: 6,
      configs: { "retention.ms": "604800000" },
      kafkaClusterRef: { name: "kafka" },
    },
  },
  { protect: true, dependsOn: [kafka] },
);

// Kafka Connect: its worker properties, producer settings (producer.*) and storage topics included, are lines too.
new k8s.apiextensions.CustomResource(
  "connect",
  {
    apiVersion,
    kind: "Connect",
    metadata: { name: "connect", namespace },
    spec: {
      replicas: 2,
      image: { application: "confluentinc/cp-server-connect:7.9.0", init: images.init },
      internalTopicReplicationFactor: 3,
      dependencies: { kafka: { bootstrapEndpoint: "kafka:9071" } },
      configOverrides: { server: ["producer.acks=all", "producer.enable.idempotence=true"] },
    },
  },
  { dependsOn: [kafka] },
);
