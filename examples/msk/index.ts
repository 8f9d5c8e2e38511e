import * as aws from "@pulumi/aws";
import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const subnetIds = config.requireObject<string[]>("subnetIds");

// Broker defaults: what topics inherit for keys they do not set, and what auto-created topics would get.
// kafkaguard reads serverProperties the way the brokers do (java.util.Properties).
const brokerConfig = new aws.msk.Configuration("durable", {
  name: "durable",
  kafkaVersions: ["3.6.0"],
  serverProperties: [
    "# Topics are declared in infrastructure code, never created on first use.",
    "auto.create.topics.enable = false",
    "default.replication.factor = 3",
    "min.insync.replicas = 2",
    "unclean.leader.election.enable = false",
    "# Committed offsets and transaction state are replicated like the data.",
    "offsets.topic.replication.factor = 3",
    "transaction.state.log.replication.factor = 3",
    "transaction.state.log.min.isr = 2",
  ].join("\n"),
});

// Three brokers, one per Availability Zone: enough for replication factor 3 with one broker down.
const cluster = new aws.msk.Cluster("prod", {
  clusterName: "prod",
  kafkaVersion: "3.6.0",
  numberOfBrokerNodes: 3,
  brokerNodeGroupInfo: {
    instanceType: "kafka.m5.large",
    clientSubnets: subnetIds,
    securityGroups: [config.require("securityGroupId")],
  },
  configurationInfo: { arn: brokerConfig.arn, revision: brokerConfig.latestRevision },
});

// The topic reaches its cluster through this provider, so the stack policies compare it with the broker count.
const provider = new kafka.Provider("prod", {
  bootstrapServers: cluster.bootstrapBrokersSaslIam.apply((brokers) => brokers.split(",")),
  saslMechanism: "aws-iam",
  tlsEnabled: true,
});

const orders = new kafka.Topic(
  "orders",
  {
    name: "orders",
    partitions: 6,
    replicationFactor: 3,
    config: { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
  },
  { provider, protect: true },
);

export const topicName = orders.name;
