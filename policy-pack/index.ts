import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("kafkaguard", {
  description:
    "Rejects Kafka topic, broker, cluster and producer settings that can lose acknowledged messages, on @pulumi/kafka, Aiven, Confluent Cloud, Amazon MSK and Strimzi.",
  policies,
});
