import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("kafkaguard", {
  description: "Rejects Kafka topic settings that can lose acknowledged messages.",
  policies,
});
