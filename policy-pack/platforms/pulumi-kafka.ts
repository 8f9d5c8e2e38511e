import { type Props, mergeAt } from "../resources/props";
import { type TopicResourceShape, topLevelTopic } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/** `kafka.Topic` from @pulumi/kafka: `replicationFactor` plus a string map `config`. */
export const pulumiKafkaTopic: TopicResourceShape = {
  types: ["kafka:index/topic:Topic"],
  label: "@pulumi/kafka Topic",
  read: (props, resourceName) => topLevelTopic(props, resourceName, "config"),
  apply(props: Props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["config"], fix.config);
    return fix.replicationFactor === undefined ? fixed : { ...fixed, replicationFactor: fix.replicationFactor };
  },
  link: { kind: "dependencies", of: () => ({ kind: "dependencies" }) },
};

/** Any Kafka cluster, managed through @pulumi/kafka (kafka/index.d.ts: Topic, Acl, Quota, UserScramCredential). */
export const pulumiKafka: PlatformAdapter = {
  platform: "Any Kafka cluster (@pulumi/kafka)",
  topics: [pulumiKafkaTopic],
  nothingToCheck: [
    { types: ["kafka:index/acl:Acl"], label: "@pulumi/kafka Acl", reason: "access control, not storage" },
    { types: ["kafka:index/quota:Quota"], label: "@pulumi/kafka Quota", reason: "client throughput limits" },
    {
      types: ["kafka:index/userScramCredential:UserScramCredential"],
      label: "@pulumi/kafka UserScramCredential",
      reason: "a client credential",
    },
  ],
};
