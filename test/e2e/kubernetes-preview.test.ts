import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { readPins } from "../support/pins";
import { POLICY_PACK_DIR, TestStack, toolchainEnv } from "../support/toolchain";

/**
 * The Kubernetes operators' custom resources through the real Kubernetes resource plugin, built by
 * scripts/toolchain/install-kubernetes-plugin.sh. With no kubeconfig the plugin cannot reach a cluster, and a
 * preview plans every resource as a create: the pack judges the resources as a real cluster's preview would.
 */
describe("pulumi preview --policy-pack of Kubernetes operators' resources, through the real Kubernetes plugin", () => {
  const toolchain = toolchainEnv();
  const pluginDir = toolchain["KAFKAGUARD_KUBERNETES_PLUGIN_DIR"] ?? "";
  const stacks: Record<string, TestStack> = {};
  const stack = (name: string): TestStack => {
    const found = stacks[name];
    if (found === undefined) throw new Error(`stack ${name} was not created`);
    return found;
  };
  const preview = (name: string) =>
    stack(name).pulumi(["preview", "--policy-pack", POLICY_PACK_DIR, "--non-interactive", "--diff"]);

  beforeAll(async () => {
    if (!existsSync(path.join(pluginDir, "pulumi-resource-kubernetes"))) {
      throw new Error(
        `no Kubernetes plugin in ${pluginDir}: run scripts/toolchain/install-kubernetes-plugin.sh (scripts/test.sh does)`,
      );
    }
    const env = {
      // The plugin the SDK asks for (a newer version) cannot be downloaded here; the CLI takes one found on PATH.
      PATH: `${pluginDir}:${toolchain["PATH"] ?? ""}`,
      // No cluster: a kubeconfig that does not exist, whatever the machine has in ~/.kube, and no in-cluster
      // configuration either when the tests themselves run in a Kubernetes pod.
      KUBECONFIG: path.join(mkdtempSync(path.join(tmpdir(), "kafkaguard-kube-")), "absent"),
      KUBERNETES_SERVICE_HOST: "",
      KUBERNETES_SERVICE_PORT: "",
    };
    const projects = {
      strimzi: "examples/strimzi",
      "confluent-for-kubernetes": "examples/confluent-for-kubernetes",
      redpanda: "examples/redpanda",
      unsafe: "test/e2e/stacks/kubernetes-unsafe",
    };
    for (const [name, dir] of Object.entries(projects)) {
      stacks[name] = await TestStack.create(path.join(REPO_ROOT, dir), env);
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(stacks).map((created) => created.remove()));
  });

  it.each([
    ["strimzi", 8],
    ["confluent-for-kubernetes", 4],
    ["redpanda", 4],
  ])("passes the %s example: every resource planned, no violation", async (name, creates) => {
    const result = await preview(name);
    expect(result.output).not.toMatch(/\[(mandatory|advisory)\]/);
    expect(result.output).toContain(`+ ${creates} to create`);
    expect(result.output).toMatch(/Policy Packs run:\s+Name\s+Version\s+kafkaguard\|local\|/);
    // The plugin built from the pinned module served the preview: the CLI names it and the version it reports.
    expect(result.output).toContain(`using pulumi-resource-kubernetes from $PATH at ${pluginDir}/`);
    expect(result.output).toContain(`but has ${(readPins()["K8S_PLUGIN_VERSION"] ?? "").replace(/^v/, "")};`);
    expect(result.code, result.output).toBe(0);
  });

  // Each violation as the CLI prints it: pack, enforcement level, severity, policy, then the resource's type and name.
  it.each([
    ["kafka-topic-min-replication-factor", "kafka.strimzi.io/v1beta2:KafkaTopic", "strimzi-topic"],
    ["kafka-topic-min-insync-replicas", "kafka.strimzi.io/v1beta2:KafkaTopic", "strimzi-topic"],
    ["kafka-topic-replicas-above-min-insync", "kafka.strimzi.io/v1beta2:KafkaTopic", "strimzi-topic"],
    ["kafka-topic-no-unclean-leader-election", "kafka.strimzi.io/v1beta2:KafkaTopic", "strimzi-topic"],
    ["kafka-broker-no-auto-create-topics", "kafka.strimzi.io/v1beta2:Kafka", "strimzi-kafka"],
    ["kafka-connect-durable-producer", "kafka.strimzi.io/v1beta2:KafkaConnect", "strimzi-connect"],
    ["kafka-broker-min-insync-replicas", "platform.confluent.io/v1beta1:Kafka", "cfk-kafka"],
    ["kafka-broker-default-replication-factor", "platform.confluent.io/v1beta1:Kafka", "cfk-kafka"],
    ["kafka-broker-no-auto-create-topics", "platform.confluent.io/v1beta1:Kafka", "cfk-kafka"],
    ["kafka-topic-min-replication-factor", "platform.confluent.io/v1beta1:KafkaTopic", "cfk-topic"],
    ["kafka-topic-no-unclean-leader-election", "platform.confluent.io/v1beta1:KafkaTopic", "cfk-topic"],
    ["kafka-topic-inherited-settings", "platform.confluent.io/v1beta1:KafkaTopic", "cfk-topic"],
    ["kafka-connect-durable-producer", "platform.confluent.io/v1beta1:Connect", "cfk-connect"],
    ["kafka-connect-internal-topics", "platform.confluent.io/v1beta1:Connect", "cfk-connect"],
    ["kafka-broker-default-replication-factor", "cluster.redpanda.com/v1alpha2:Redpanda", "redpanda-cluster"],
    ["kafka-topic-min-replication-factor", "cluster.redpanda.com/v1alpha2:Topic", "redpanda-topic"],
    ["kafka-connect-durable-producer", "cluster.redpanda.com/v1alpha2:Pipeline", "redpanda-pipeline"],
    ["kafka-connect-internal-topics", "cluster.redpanda.com/v1alpha2:Pipeline", "redpanda-pipeline"],
  ])("blocks the unsafe resources: %s on %s %s", async (policy, type, name) => {
    const result = await unsafePreview();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(violation(policy, type, name));
  });

  it("reports nothing else: 22 mandatory violations, and advice on the idempotence and protection", async () => {
    const result = await unsafePreview();
    const policiesAt = (level: string) =>
      [...result.output.matchAll(new RegExp(`${violationPrefix(level)}(\\S+)`, "g"))].map((match) => match[1]).sort();
    // Once per resource and setting: the CFK Connect's three storage topics, the pipeline's two outputs.
    expect(policiesAt("mandatory")).toHaveLength(22);
    expect(policiesAt("advisory")).toEqual([
      "kafka-connect-idempotent-producer", // the pipeline's kafka output
      ...Array<string>(3).fill("kafka-topic-deletion-protection"), // the three unprotected topics
    ]);
    expect(result.output).toContain("+ 11 to create");
  });

  // One preview of the unsafe stack, shared by the cases above.
  let unsafeResult: ReturnType<typeof preview> | undefined;
  const unsafePreview = () => (unsafeResult ??= preview("unsafe"));
});

/** How the CLI starts a violation line: the pack and its version, the enforcement level, the severity. */
function violationPrefix(level: string): string {
  return `kafkaguard@v\\S+ \\[${level}\\] \\[severity: \\w+\\]\\s+`;
}

/** A mandatory violation of a policy, then the resource's type and name, as the CLI prints it. */
function violation(policy: string, type: string, name: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return new RegExp(
    `${violationPrefix("mandatory")}${escape(policy)}\\s+\\(kubernetes:${escape(type)}: ${escape(name)}\\)`,
  );
}
