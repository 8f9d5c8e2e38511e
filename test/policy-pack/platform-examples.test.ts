import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { policies } from "../../policy-pack/policies";
import { runPolicy, runStackPolicy } from "./run-policy";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const EXAMPLES = ["aiven", "confluent", "confluent-for-kubernetes", "msk", "redpanda", "strimzi"] as const;
const registered: Registered[] = [];

// The examples run against Pulumi's mock runtime with the real provider SDKs, so the policies see exactly the
// inputs those SDKs register. YAML decoding (normally done by the Kubernetes provider) is done here.
beforeAll(async () => {
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, arn: `arn:${args.name}` } };
      },
      call: (args) =>
        args.token === "kubernetes:yaml:decode"
          ? { result: parseAllDocuments(String(args.inputs["text"])).map((doc) => doc.toJSON()) }
          : args.inputs,
    },
    "kafkaguard-examples",
    "test",
    true,
  );
  // The examples' Pulumi.yaml config, under the mock project's name.
  const config: Record<string, string> = {
    project: "acme-streaming",
    serviceName: "kafka-prod",
    environmentId: "env-abc123",
    clusterId: "lkc-abc123",
    restEndpoint: "https://pkc-00000.us-central1.gcp.confluent.cloud:443",
    subnetIds: JSON.stringify(["subnet-a", "subnet-b", "subnet-c"]),
    securityGroupId: "sg-0",
    namespace: "kafka",
  };
  for (const [key, value] of Object.entries(config)) pulumi.runtime.setConfig(`kafkaguard-examples:${key}`, value);
  for (const example of EXAMPLES) await import(`../../examples/${example}/index.ts`);
  // Every registration the examples issued has reached the mocks; nothing registers after this.
  await pulumi.runtime.disconnect();
});

describe("the platform examples", () => {
  it("register a resource of every kind the pack reads", () => {
    const types = new Set(registered.map((r) => r.type));
    for (const type of [
      "aiven:index/kafkaTopic:KafkaTopic",
      "confluentcloud:index/kafkaTopic:KafkaTopic",
      "confluentcloud:index/connector:Connector",
      "aws:msk/configuration:Configuration",
      "aws:msk/cluster:Cluster",
      "kafka:index/topic:Topic",
      "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
      "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
      "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
      "kubernetes:kafka.strimzi.io/v1beta2:KafkaConnect",
      "kubernetes:platform.confluent.io/v1beta1:Kafka",
      "kubernetes:platform.confluent.io/v1beta1:KafkaTopic",
      "kubernetes:platform.confluent.io/v1beta1:Connect",
      "kubernetes:cluster.redpanda.com/v1alpha2:Redpanda",
      "kubernetes:cluster.redpanda.com/v1alpha2:Topic",
      "kubernetes:cluster.redpanda.com/v1alpha2:Pipeline",
    ]) {
      expect(types).toContain(type);
    }
    // The YAML-rendered topic is a ConfigGroup child with the same type token as a CustomResource.
    expect(
      registered.filter((r) => r.type.startsWith("kubernetes:kafka.strimzi.io/") && r.type.endsWith(":KafkaTopic")),
    ).toHaveLength(2);
  });

  it("pass every resource policy (protect is set in the examples; mocks do not see it)", async () => {
    const failures: string[] = [];
    for (const resource of registered) {
      for (const policy of policies) {
        if (!("validateResource" in policy) || policy.name === "kafka-topic-deletion-protection") continue;
        const outcome = await runPolicy(policy, { type: resource.type, name: resource.name, props: resource.inputs });
        if (outcome.kind === "violations" && outcome.messages.length > 0) failures.push(...outcome.messages);
        if (outcome.kind === "unknown-during-preview") failures.push(`${policy.name}: ${outcome.message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("pass every stack policy", async () => {
    const stack = registered.map((r) => ({ type: r.type, name: r.name, props: r.inputs }));
    for (const policy of policies) {
      if (!("validateStack" in policy)) continue;
      expect({ policy: policy.name, outcome: await runStackPolicy(policy, stack) }).toEqual({
        policy: policy.name,
        outcome: { kind: "violations", violations: [] },
      });
    }
  });
});
