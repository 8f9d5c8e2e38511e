import { parseJavaProperties } from "../../core";
import { type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import { type Props, stringAt } from "../resources/props";
import { fromBase64 } from "./aws-native-msk";
import type { PlatformAdapter } from "./platform";

/**
 * Amazon MSK Connect, through @pulumi/aws 7.x (aws/mskconnect/*.d.ts) and the Cloud Control provider
 * @pulumi/aws-native (aws-native/kafkaconnect/*.d.ts), which name the properties alike: a connector's
 * `connectorConfiguration` is its connector config (string map); a worker configuration's `propertiesFileContent`
 * is connect-distributed.properties text, "base64 encoded or in raw format" in @pulumi/aws and base64 in aws-native.
 */

function connectorShape(type: string, label: string, nameKey: string): ProducerConfigShape {
  return {
    types: [type],
    label,
    roles: ["connector"],
    places(props, name) {
      const subject = `MSK Connect connector "${stringAt(props, nameKey) ?? name}"`;
      return [configPlace(subject, () => props["connectorConfiguration"], "connector", "connectorConfiguration")];
    },
  };
}

/** The worker properties as a map; text that is neither properties nor base64 of them is left unread. */
function workerProperties(props: Props): unknown {
  const text = props["propertiesFileContent"];
  if (typeof text !== "string") return text;
  const parsed = parseJavaProperties(fromBase64(text) ?? text);
  return parsed.ok ? parsed.entries : text;
}

function workerConfigurationShape(type: string, label: string): ProducerConfigShape {
  return {
    types: [type],
    label,
    roles: ["worker"],
    places(props, name) {
      const subject = `MSK Connect worker configuration "${stringAt(props, "name") ?? name}"`;
      return [configPlace(subject, () => workerProperties(props), "worker", "propertiesFileContent")];
    },
  };
}

const CUSTOM_PLUGIN_REASON = "connector code (a plugin archive), no Kafka settings";

export const awsMskConnect: PlatformAdapter = {
  platform: "Amazon MSK Connect (@pulumi/aws, @pulumi/aws-native)",
  producerConfigs: [
    connectorShape("aws:mskconnect/connector:Connector", "@pulumi/aws mskconnect.Connector", "name"),
    connectorShape("aws-native:kafkaconnect:Connector", "@pulumi/aws-native kafkaconnect.Connector", "connectorName"),
    workerConfigurationShape(
      "aws:mskconnect/workerConfiguration:WorkerConfiguration",
      "@pulumi/aws mskconnect.WorkerConfiguration",
    ),
    workerConfigurationShape(
      "aws-native:kafkaconnect:WorkerConfiguration",
      "@pulumi/aws-native kafkaconnect.WorkerConfiguration",
    ),
  ],
  nothingToCheck: [
    {
      types: ["aws:mskconnect/customPlugin:CustomPlugin"],
      label: "@pulumi/aws mskconnect.CustomPlugin",
      reason: CUSTOM_PLUGIN_REASON,
    },
    {
      types: ["aws-native:kafkaconnect:CustomPlugin"],
      label: "@pulumi/aws-native kafkaconnect.CustomPlugin",
      reason: CUSTOM_PLUGIN_REASON,
    },
  ],
};
