import * as confluentcloud from "@pulumi/confluentcloud";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const kafkaCluster = { id: config.require("clusterId") };
const environment = { id: config.require("environmentId") };

// Confluent Cloud replicates every topic 3 times and defaults min.insync.replicas to 2; writing it down keeps
// the topic safe if it ever moves, and kafkaguard checks whatever the config map says.
const orders = new confluentcloud.KafkaTopic(
  "orders",
  {
    kafkaCluster,
    restEndpoint: config.require("restEndpoint"),
    topicName: "orders",
    partitionsCount: 6,
    config: { "min.insync.replicas": "2", "cleanup.policy": "delete" },
  },
  { protect: true },
);

// Producer overrides of a connector are checked too: acks, enable.idempotence and retries must stay durable.
new confluentcloud.Connector("orders-source", {
  environment,
  kafkaCluster,
  configNonsensitive: {
    "connector.class": "DatagenSource",
    name: "orders-source",
    "kafka.auth.mode": "SERVICE_ACCOUNT",
    "kafka.topic": "orders",
    "output.data.format": "JSON",
    quickstart: "ORDERS",
    "tasks.max": "1",
    "producer.override.acks": "all",
  },
  configSensitive: {},
});

export const topicName = orders.topicName;
