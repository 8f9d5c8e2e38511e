import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { DurableTopicArgsError, planDurableTopic } from "../../components/durable-topic-plan";
import { REPO_ROOT } from "../support/analyzer-client";
import { ClusterAdmin } from "../support/kafka-admin";
import { POLICY_PACK_DIR, TestStack } from "../support/toolchain";

/**
 * DurableTopic from a Pulumi YAML program through the component package, with the real CLI, the YAML language
 * host, the package run from source and the local cluster. The example declares two DurableTopics and a raw
 * unsafe kafka:Topic; the variants below are written from it, so they cannot drift from it.
 */

const EXAMPLE_DIR = path.join(REPO_ROOT, "examples/yaml-package");
const PACKAGE_DIR = path.join(REPO_ROOT, "provider");
const RAW_RESOURCE = "unsafe-raw";
const DURABLE_TOPICS = ["yaml-orders", "yaml-audit-log"];
const RAW_TOPIC = "yaml-unsafe-raw";

interface YamlProgram {
  packages: Record<string, string>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
  [key: string]: unknown;
}

const example = parse(readFileSync(path.join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8")) as YamlProgram;

/**
 * A copy of the example program without the raw topic, with `extra` resources, in a project directory of its own.
 */
function programVariant(label: string, extra: YamlProgram["resources"] = {}): string {
  const program = structuredClone(example);
  program.packages = { ...program.packages, kafkaguard: PACKAGE_DIR };
  program.resources = Object.fromEntries(Object.entries(program.resources).filter(([name]) => name !== RAW_RESOURCE));
  Object.assign(program.resources, extra);
  const dir = mkdtempSync(path.join(tmpdir(), `kafkaguard-yaml-${label}-`));
  writeFileSync(path.join(dir, "Pulumi.yaml"), stringify(program));
  return dir;
}

function preview(stack: TestStack): ReturnType<TestStack["pulumi"]> {
  return stack.pulumi(["preview", "--policy-pack", POLICY_PACK_DIR, "--non-interactive"]);
}

let admin: ClusterAdmin;
const stacks: TestStack[] = [];
async function stackFor(projectDir: string): Promise<TestStack> {
  const stack = await TestStack.create(projectDir);
  stacks.push(stack);
  return stack;
}

beforeAll(async () => {
  admin = await ClusterAdmin.connect();
  await admin.deleteIfPresent([...DURABLE_TOPICS, RAW_TOPIC]);
});

afterAll(async () => {
  // The DurableTopics are protected: the stacks go with --force, the topics through the admin client.
  for (const stack of stacks) await stack.remove();
  await admin?.deleteIfPresent([...DURABLE_TOPICS, RAW_TOPIC]);
  await admin?.disconnect();
});

describe("the kafkaguard component package from a Pulumi YAML program", () => {
  it("the example program declares two DurableTopics and the raw unsafe topic", () => {
    const types = Object.values(example.resources).map((resource) => resource.type);
    expect(types.filter((type) => type === "kafkaguard:DurableTopic")).toHaveLength(2);
    expect(example.resources[RAW_RESOURCE]?.type).toBe("kafka:Topic");
  });

  it("pulumi preview --policy-pack blocks the raw topic and only it", async () => {
    const stack = await stackFor(EXAMPLE_DIR);
    const result = await preview(stack);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("[mandatory]");
    expect(result.output).toContain(`Topic "${RAW_TOPIC}"`);
    for (const topic of DURABLE_TOPICS) expect(result.output).not.toContain(`Topic "${topic}"`);
    // The components were constructed by the package, so the pack saw their topics and let them through.
    expect(result.output).toContain("kafkaguard:index:DurableTopic");
  });

  it("without the raw topic, pulumi up creates both topics durable on the cluster, with the client settings as outputs", async () => {
    const stack = await stackFor(programVariant("durable"));
    const up = await stack.up("--policy-pack", POLICY_PACK_DIR);
    expect(up.code, up.output).toBe(0);

    for (const name of DURABLE_TOPICS) {
      const topic = await admin.describe(name);
      expect(new Set(topic.replicationFactors), name).toEqual(new Set([3]));
      expect(topic.config["min.insync.replicas"], name).toBe("2");
      expect(topic.config["unclean.leader.election.enable"], name).toBe("false");
    }
    const auditLog = await admin.describe("yaml-audit-log");
    const extra = example.resources["audit-log"]?.properties ?? {};
    expect(auditLog.partitions).toBe(extra["partitions"]);
    expect(auditLog.config).toMatchObject(extra["config"] as Record<string, string>);
    expect((await admin.topicNames()).includes(RAW_TOPIC)).toBe(false);

    const outputs = await stack.pulumi(["stack", "output", "--json"]);
    expect(outputs.code, outputs.output).toBe(0);
    const values = JSON.parse(outputs.stdout) as Record<string, unknown>;
    expect(values["ordersProducerProperties"]).toMatchObject({ acks: "all", "enable.idempotence": "true" });
    expect(values["ordersConsumerProperties"]).toEqual({
      "enable.auto.commit": "false",
      "auto.offset.reset": "earliest",
    });
    expect(values["auditLogReplicationFactor"]).toBe(3);

    const again = await stack.up("--expect-no-changes", "--policy-pack", POLICY_PACK_DIR);
    expect(again.code, again.output).toBe(0);
  });

  it("an unsafe DurableTopic argument fails the preview with the component's message, one line per problem", async () => {
    const unsafeArgs = {
      topicName: "yaml-weak",
      replicationFactor: 2,
      config: { "unclean.leader.election.enable": "true" },
    };
    let expected: DurableTopicArgsError | undefined;
    try {
      planDurableTopic("weak", unsafeArgs);
    } catch (error) {
      expected = error as DurableTopicArgsError;
    }
    const lines = expected?.message.split("\n") ?? [];
    expect(lines.length, "the TypeScript component refuses the same arguments").toBeGreaterThan(2);

    const stack = await stackFor(
      programVariant("unsafe-argument", { weak: { type: "kafkaguard:DurableTopic", properties: unsafeArgs } }),
    );
    const result = await preview(stack);
    expect(result.code).not.toBe(0);
    for (const line of lines) expect(result.output).toContain(line.trim());
    expect((await admin.topicNames()).includes("yaml-weak")).toBe(false);
  });
});
