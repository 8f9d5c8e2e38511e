import { DurableTopic } from "./components";

// Two topics with the durable defaults: RF 3, min.insync.replicas 2, unclean leader election off, protected.
const orders = new DurableTopic("orders", { partitions: 6 });
const payments = new DurableTopic("payments", {
  config: { "retention.ms": String(7 * 24 * 60 * 60 * 1000) },
});

export const topics = [orders, payments].map((topic) => ({
  name: topic.topicName,
  replicationFactor: topic.replicationFactor,
  minInsyncReplicas: topic.minInsyncReplicas,
  brokerFailuresWithoutDataLoss: topic.brokerFailuresWithoutDataLoss,
  brokerFailuresWhileWritable: topic.brokerFailuresWhileWritable,
}));
export const producerProperties = orders.producerProperties;
export const consumerProperties = orders.consumerProperties("orders-service");
