import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isKafkaTypeToken } from "../../core";
import { kafkaResourceStatus } from "../../policy-pack/platforms";
import { uncheckedResourcePolicy } from "../../policy-pack/policies/unchecked-resources";
import { REPO_ROOT } from "../support/analyzer-client";
import { runPolicy } from "./run-policy";

/** Every resource type token an installed provider SDK declares (its resource classes' __pulumiType). */
function typeTokensOf(sdk: string): string[] {
  const root = path.join(REPO_ROOT, "node_modules", sdk);
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".js")) {
        for (const match of readFileSync(file, "utf8").matchAll(/__pulumiType = '([^']+)'/g)) {
          if (match[1]?.includes(":")) found.add(match[1]);
        }
      }
    }
  };
  walk(root);
  return [...found].sort();
}

const SDKS = ["@pulumi/aws", "@pulumi/aws-native", "@pulumi/aiven", "@pulumi/confluentcloud", "@pulumi/kafka"];

/**
 * The Kafka resources of those SDKs that no adapter reads today, each reported by kafka-resource-unchecked: none. A
 * new SDK version that adds a Kafka resource fails this test until the resource is read, declared as holding nothing
 * to check, or added here.
 */
const REPORTED: string[] = [];

describe("Kubernetes operators' custom resources and SDKs not installed (kinds from their CRDs and schemas)", () => {
  it.each<[string, string]>([
    ["kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic", "read"],
    ["kubernetes:kafka.strimzi.io/v1:KafkaNodePool", "read"],
    ["kubernetes:kafka.strimzi.io/v1beta2:KafkaUser", "nothing-to-check"],
    ["kubernetes:kafka.strimzi.io/v1beta2:KafkaBridge", "read"],
    ["kubernetes:kafka.strimzi.io/v1:KafkaBridge", "read"],
    ["kubernetes:kafka.strimzi.io/v1beta2:KafkaMirrorMaker", "read"],
    ["kubernetes:core.strimzi.io/v1:StrimziPodSet", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:KafkaTopic", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:Kafka", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:KafkaRestClass", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:Connect", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:Connector", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:SchemaRegistry", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:KsqlDB", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:KafkaRestProxy", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:ClusterLink", "read"],
    ["kubernetes:platform.confluent.io/v1beta1:ControlCenter", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:Zookeeper", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:KRaftController", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:Schema", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:SchemaExporter", "nothing-to-check"],
    ["kubernetes:platform.confluent.io/v1beta1:ConfluentRolebinding", "nothing-to-check"],
    // Kinds of the CFK examples whose CRDs kafkaguard has not read: reported.
    ["kubernetes:platform.confluent.io/v1beta1:KRaftMigrationJob", "unchecked"],
    // The Redpanda operator's kinds (operator/config/crd/bases of redpanda-data/redpanda-operator).
    ["kubernetes:cluster.redpanda.com/v1alpha1:Topic", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Topic", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha1:Redpanda", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Redpanda", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:NodePool", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:User", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:RedpandaRole", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Group", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Schema", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Console", "nothing-to-check"],
    ["kubernetes:redpanda.vectorized.io/v1alpha1:Console", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:StretchCluster", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:RedpandaBrokerPool", "read"],
    ["kubernetes:redpanda.vectorized.io/v1alpha1:Cluster", "read"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:ShadowLink", "nothing-to-check"],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Broker", "nothing-to-check"],
    // Redpanda Connect's pipeline YAML decides its producers' acks: its Kafka outputs are read.
    ["kubernetes:cluster.redpanda.com/v1alpha2:Pipeline", "read"],
    // Redpanda Cloud through @pulumiverse/redpanda (pulumiverse-redpanda 0.1.0, not installed here).
    ["redpanda:index/topic:Topic", "read"],
    ["redpanda:index/cluster:Cluster", "nothing-to-check"],
    ["redpanda:index/serverlessCluster:ServerlessCluster", "nothing-to-check"],
    ["redpanda:index/acl:Acl", "nothing-to-check"],
    ["redpanda:index/user:User", "nothing-to-check"],
    ["redpanda:index/network:Network", "nothing-to-check"],
    ["redpanda:index/resourceGroup:ResourceGroup", "nothing-to-check"],
    ["redpanda:index/namespace:Namespace", "nothing-to-check"],
    ["kubernetes:apps/v1:StatefulSet", "not-kafka"],
  ])("%s is %s", (type, status) => {
    expect(kafkaResourceStatus(type)).toBe(status);
  });
});

describe("no Kafka resource of the installed provider SDKs passes in silence", () => {
  const tokensBySdk = new Map(SDKS.map((sdk) => [sdk, typeTokensOf(sdk)]));
  const tokens = [...tokensBySdk.values()].flat();

  it("finds the SDKs' resource types", () => {
    for (const [sdk, found] of tokensBySdk) expect(found.length, sdk).toBeGreaterThan(0);
    expect(tokens).toContain("aws:msk/topic:Topic");
    expect(tokens).toContain("aws:sns/topic:Topic");
  });

  it("reads each Kafka resource, declares it has nothing to check, or reports it", async () => {
    const kafka = tokens.filter(isKafkaTypeToken);
    const reported: string[] = [];
    for (const type of kafka) {
      const status = kafkaResourceStatus(type);
      const outcome = await runPolicy(uncheckedResourcePolicy, { type, name: "r", props: {} });
      if (status === "unchecked") {
        reported.push(type);
        expect(outcome).toEqual({
          kind: "violations",
          messages: [
            expect.stringMatching(
              new RegExp(
                `^Resource "r" \\(${type.replace(/[/.]/g, "\\$&")}\\) is a Kafka resource that kafkaguard does not read`,
              ),
            ),
          ],
        });
      } else {
        expect({ type, status, outcome: outcome.kind }).toEqual({ type, status, outcome: "not-applicable" });
      }
    }
    expect(reported.sort()).toEqual(REPORTED);
  });

  it("stays silent on every other resource of those SDKs, topics of other services included", async () => {
    const others = tokens.filter((type) => !isKafkaTypeToken(type));
    expect(others).toContain("aws:sns/topic:Topic");
    for (const type of others.filter((t) => /topic|stream|queue/i.test(t))) {
      expect({ type, outcome: (await runPolicy(uncheckedResourcePolicy, { type, props: {} })).kind }).toEqual({
        type,
        outcome: "not-applicable",
      });
    }
  });
});
