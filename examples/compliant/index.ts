import * as kafka from "@pulumi/kafka";
import { DurableTopic } from "../../components";

// The component: durable by default.
const invoices = new DurableTopic("invoices", { partitions: 3 });

// A raw topic written by hand can pass too, when every durability key is set (and it is protected like the component).
const shipments = new kafka.Topic(
  "shipments",
  {
    name: "shipments",
    partitions: 3,
    replicationFactor: 3,
    config: { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
  },
  { protect: true },
);

export const topicNames = [invoices.topicName, shipments.name];
