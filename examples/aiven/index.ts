import * as aiven from "@pulumi/aiven";
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const project = config.require("project");
const serviceName = config.require("serviceName");

// Aiven types min.insync.replicas as a string and unclean leader election as a boolean; kafkaguard reads both.
// terminationProtection is Aiven's own deletion guard; protect is Pulumi's. Either satisfies the deletion policy.
const orders = new aiven.KafkaTopic(
  "orders",
  {
    project,
    serviceName,
    topicName: "orders",
    partitions: 6,
    replication: 3,
    terminationProtection: true,
    config: { minInsyncReplicas: "2", uncleanLeaderElectionEnable: false, cleanupPolicy: "delete" },
  },
  { protect: true },
);

export const topicName = orders.topicName;
