import {
  JSON_CONFIGS,
  MSK_CHANNEL,
  MSK_REPLICATOR,
  MSK_SERVERLESS,
  type TopicConfigsCodec,
  mskClusterShape,
  mskConfigurationShape,
  mskTopicShape,
} from "./aws-msk";
import type { PlatformAdapter } from "./platform";

/**
 * Amazon MSK through the Cloud Control provider, @pulumi/aws-native (aws-native/msk/*.d.ts): the same property
 * names as @pulumi/aws for the configuration and the cluster; a topic's `configs` is base64 text ("Base64 encoded
 * configuration properties of the topic"), which the MSK API reads as a JSON object of Kafka topic configs.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The UTF-8 text a base64 string encodes, or undefined when it is not base64 of UTF-8 text. */
export function fromBase64(text: string): string | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const decoded = Buffer.from(text, "base64");
  // Invalid UTF-8 would decode with replacement characters; re-encoding shows it.
  const utf8 = decoded.toString("utf8");
  return Buffer.from(utf8, "utf8").equals(decoded) ? utf8 : undefined;
}

export const BASE64_JSON_CONFIGS: TopicConfigsCodec = {
  name: "(base64 of a JSON object)",
  decode(text) {
    const json = fromBase64(text);
    const decoded = json === undefined ? text : JSON_CONFIGS.decode(json);
    return typeof decoded === "string" ? text : decoded;
  },
  encode: (config) => Buffer.from(JSON_CONFIGS.encode(config), "utf8").toString("base64"),
};

const configuration = mskConfigurationShape("aws-native:msk:Configuration", "@pulumi/aws-native msk.Configuration");

export const awsNativeMsk: PlatformAdapter = {
  platform: "Amazon MSK (@pulumi/aws-native, Cloud Control)",
  topics: [mskTopicShape("aws-native:msk:Topic", "@pulumi/aws-native msk.Topic", "topicName", BASE64_JSON_CONFIGS)],
  brokerConfigs: [configuration],
  clusters: [mskClusterShape("aws-native:msk:Cluster", "@pulumi/aws-native msk.Cluster", configuration)],
  nothingToCheck: [
    {
      types: ["aws-native:msk:ClusterPolicy"],
      label: "@pulumi/aws-native msk.ClusterPolicy",
      reason: "an IAM resource policy",
    },
    {
      types: ["aws-native:msk:BatchScramSecret"],
      label: "@pulumi/aws-native msk.BatchScramSecret",
      reason: "client credentials",
    },
    {
      types: ["aws-native:msk:VpcConnection"],
      label: "@pulumi/aws-native msk.VpcConnection",
      reason: "network access",
    },
    {
      types: ["aws-native:msk:ServerlessCluster"],
      label: "@pulumi/aws-native msk.ServerlessCluster",
      reason: MSK_SERVERLESS,
    },
    { types: ["aws-native:msk:Channel"], label: "@pulumi/aws-native msk.Channel", reason: MSK_CHANNEL },
    { types: ["aws-native:msk:Replicator"], label: "@pulumi/aws-native msk.Replicator", reason: MSK_REPLICATOR },
  ],
};
