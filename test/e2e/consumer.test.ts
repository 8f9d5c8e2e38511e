import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { ClusterAdmin } from "../support/kafka-admin";
import { type CommandResult, TestStack, run, toolchainEnv } from "../support/toolchain";

/**
 * A team's first use of kafkaguard, outside this repository: `npm pack`, install the tarball into fresh
 * TypeScript and JavaScript Pulumi projects in a temporary directory, and preview and deploy with the policy pack
 * inside the installed package. The packages come from the npm cache (`--offline`), as on a machine without network
 * after `npm ci`.
 */

/** The version this repository builds and tests with, so the consumer installs the same (tested) line. */
function installedVersion(name: string): string {
  return (
    JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version: string;
    }
  ).version;
}

const BOOTSTRAP = (toolchainEnv()["KAFKA_BOOTSTRAP_SERVERS"] ?? "").split(",");
const PACK_IN_PACKAGE = path.join("node_modules", "kafkaguard", "policy-pack");

async function npm(args: string[], cwd: string): Promise<CommandResult> {
  const result = await run("npm", args, { cwd, timeoutMs: 600_000 });
  if (result.code !== 0) throw new Error(`npm ${args.join(" ")} failed in ${cwd}:\n${result.output}`);
  return result;
}

/** `npm install` from the cache only; with a cache that lacks some metadata, the registry may fill the gap. */
async function installFromCache(cwd: string): Promise<void> {
  const flags = ["--no-audit", "--no-fund", "--ignore-scripts"];
  const offline = await run("npm", ["install", "--offline", ...flags], { cwd, timeoutMs: 600_000 });
  if (offline.code === 0) return;
  if (!offline.output.includes("ENOTCACHED")) throw new Error(`npm install --offline failed:\n${offline.output}`);
  await npm(["install", "--prefer-offline", ...flags], cwd);
}

const TS_PROGRAM = `import * as kafka from "@pulumi/kafka";
import { DurableTopic, durableProducerProperties } from "kafkaguard";

const suffix = process.env["CONSUMER_SUFFIX"] ?? "local";
const orders = new DurableTopic("orders", { topicName: \`consumer-ts-orders-\${suffix}\`, partitions: 2, deletionGuard: "none" });

if (process.env["CONSUMER_UNSAFE"] === "1") {
  new kafka.Topic("unsafe", { name: \`consumer-ts-unsafe-\${suffix}\`, partitions: 1, replicationFactor: 1 });
}

export const topicName = orders.topicName;
export const producer = orders.producerProperties;
export const consumer = orders.consumerProperties("billing");
export const acks: string = durableProducerProperties().acks;
`;

const JS_PROGRAM = `"use strict";
const { DurableTopic, kafkaJsDurableSettings } = require("kafkaguard");

const suffix = process.env.CONSUMER_SUFFIX || "local";
const events = new DurableTopic("events", { topicName: "consumer-js-events-" + suffix, deletionGuard: "none" });

exports.topicName = events.topicName;
exports.kafkaJs = kafkaJsDurableSettings("consumer-js-events-" + suffix, "audit");
`;

/** A Pulumi YAML program: DurableTopic through the component package inside the installed npm package. */
const YAML_PROGRAM = (suffix: string): string => `resources:
  payments:
    type: kafkaguard:DurableTopic
    properties:
      topicName: consumer-yaml-payments-${suffix}
      deletionGuard: none
outputs:
  producer: \${payments.producerProperties}
`;
const PACKAGE_IN_PACKAGE = "./node_modules/kafkaguard/provider";

interface Consumer {
  kind: "typescript" | "javascript" | "yaml";
  dir: string;
  stack?: TestStack;
}

function writeProject(dir: string, kind: Consumer["kind"], tarball: string, suffix: string): void {
  mkdirSync(dir, { recursive: true });
  const typescript = kind === "typescript";
  const dependencies: Record<string, string> = {
    kafkaguard: `file:${tarball}`,
    "@pulumi/pulumi": installedVersion("@pulumi/pulumi"),
    "@pulumi/kafka": installedVersion("@pulumi/kafka"),
    ...(typescript ? { typescript: installedVersion("typescript"), "ts-node": installedVersion("ts-node") } : {}),
  };
  const main = typescript ? "index.ts" : "index.js";
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: `consumer-${kind}`, version: "1.0.0", private: true, main, dependencies }, null, 2),
  );
  if (kind !== "yaml") writeFileSync(path.join(dir, main), typescript ? TS_PROGRAM : JS_PROGRAM);
  if (typescript) {
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", skipLibCheck: true } }),
    );
  }
  writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    [
      `name: kafkaguard-consumer-${kind}`,
      ...(kind === "yaml"
        ? ["runtime: yaml", "packages:", `  kafkaguard: ${PACKAGE_IN_PACKAGE}`]
        : ["runtime:", "  name: nodejs", "  options:", `    typescript: ${typescript}`]),
      "config:",
      "  kafka:bootstrapServers:",
      "    value:",
      ...BOOTSTRAP.map((server) => `      - ${server}`),
      "  kafka:tlsEnabled:",
      "    value: false",
      kind === "yaml" ? YAML_PROGRAM(suffix) : "",
    ].join("\n"),
  );
}

/** Every file in the project (node_modules aside) and every module it resolves stays outside the repository. */
function expectNoPathIntoRepository(dir: string): void {
  const repo = realpathSync(REPO_ROOT);
  for (const file of readdirSync(dir)) {
    if (file === "node_modules") continue;
    const text = readFileSync(path.join(dir, file), "utf8");
    expect(text.includes(REPO_ROOT) || text.includes(repo), `${file} names the repository`).toBe(false);
  }
  const resolved = execFileSync(
    process.execPath,
    [
      "-e",
      `for (const m of ["kafkaguard", "kafkaguard/policy", "kafkaguard/core", "@pulumi/pulumi", "@pulumi/kafka", "@pulumi/policy"]) console.log(require("fs").realpathSync(require.resolve(m)));`,
    ],
    { cwd: dir, encoding: "utf8" },
  );
  const packDir = realpathSync(path.join(dir, PACK_IN_PACKAGE));
  for (const file of [...resolved.trim().split("\n"), packDir]) {
    expect(file.startsWith(realpathSync(dir)), `${file} is outside the consumer project`).toBe(true);
    expect(file.startsWith(repo), `${file} leads back into the repository`).toBe(false);
  }
}

describe("kafkaguard installed from its npm tarball, outside the repository", () => {
  const root = mkdtempSync(path.join(tmpdir(), "kafkaguard-consumer-"));
  const consumers: Consumer[] = [
    { kind: "typescript", dir: path.join(root, "ts-app") },
    { kind: "javascript", dir: path.join(root, "js-app") },
    { kind: "yaml", dir: path.join(root, "yaml-app") },
  ];
  const suffix = `${process.pid}`;
  let admin: ClusterAdmin;
  let tarball: string;

  beforeAll(async () => {
    const packed = await npm(["pack", "--json", "--pack-destination", root], REPO_ROOT);
    tarball = path.join(root, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? "");
    for (const consumer of consumers) {
      writeProject(consumer.dir, consumer.kind, tarball, suffix);
      await installFromCache(consumer.dir);
      // The installed package's type declarations must serve a strict TypeScript program: type-check it.
      consumer.stack = await TestStack.create(consumer.dir, { PULUMI_NODEJS_TRANSPILE_ONLY: "false" });
      consumer.stack.env["CONSUMER_SUFFIX"] = suffix;
    }
    admin = await ClusterAdmin.connect();
  }, 900_000);

  afterAll(async () => {
    for (const consumer of consumers) {
      await consumer.stack?.destroy();
      await consumer.stack?.remove();
    }
    await admin?.disconnect();
    rmSync(root, { recursive: true, force: true });
  });

  it("ships exactly what a user needs", () => {
    const listed = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(
      expect.arrayContaining(["package/policy-pack/PulumiPolicy.yaml", "package/policy-pack/index.js"]),
    );
    expect(listed).toContain("package/dist/components/index.d.ts");
    // The component package: the plugin folder, its compiled entry point and the schema inferred at build time.
    expect(listed).toEqual(
      expect.arrayContaining([
        "package/provider/PulumiPlugin.yaml",
        "package/provider/package.json",
        "package/dist/provider/index.js",
        "package/dist/provider/schema.json",
      ]),
    );
    expect(listed.filter((file) => /^package\/(test|scripts|bench|examples|docs)\//.test(file))).toEqual([]);
    expect(listed.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  });

  it.each(consumers.map((consumer) => [consumer.kind, consumer] as const))(
    "%s: installs with no path back into the repository, previews and deploys with the installed pack",
    async (_kind, consumer) => {
      const stack = consumer.stack as TestStack;
      expectNoPathIntoRepository(consumer.dir);
      const preview = await stack.pulumi(["preview", "--non-interactive", "--policy-pack", PACK_IN_PACKAGE]);
      expect(preview.code, preview.output).toBe(0);
      // The advisory deletion-protection note (deletionGuard "none") shows the installed pack ran.
      expect(preview.output).toContain("kafka-topic-deletion-protection");
      const up = await stack.up("--policy-pack", PACK_IN_PACKAGE);
      expect(up.code, up.output).toBe(0);
      const topic = {
        typescript: `consumer-ts-orders-${suffix}`,
        javascript: `consumer-js-events-${suffix}`,
        yaml: `consumer-yaml-payments-${suffix}`,
      }[consumer.kind];
      const onCluster = await admin.describe(topic);
      expect(onCluster.replicationFactors.every((replicas) => replicas === 3)).toBe(true);
      expect(onCluster.config["min.insync.replicas"]).toBe("2");
    },
  );

  it("typescript: the installed pack blocks an unsafe topic, and takes one settings file (KAFKAGUARD_SETTINGS)", async () => {
    const consumer = consumers[0] as Consumer;
    const stack = consumer.stack as TestStack;
    stack.env["CONSUMER_UNSAFE"] = "1";
    try {
      const blocked = await stack.pulumi(["preview", "--non-interactive", "--policy-pack", PACK_IN_PACKAGE]);
      expect(blocked.code).not.toBe(0);
      expect(blocked.output).toContain("kafka-topic-min-replication-factor");
      const settings = path.join(consumer.dir, "kafkaguard.json");
      writeFileSync(
        settings,
        JSON.stringify({ exemptions: [{ pattern: "consumer-ts-unsafe-.*", reason: "consumer test fixture" }] }),
      );
      stack.env["KAFKAGUARD_SETTINGS"] = settings;
      const exempt = await stack.pulumi(["preview", "--non-interactive", "--policy-pack", PACK_IN_PACKAGE]);
      expect(exempt.code, exempt.output).toBe(0);
      expect(exempt.output).toContain("kafka-topic-exemption-notice");
      expect(exempt.output).toContain("consumer test fixture");
    } finally {
      delete stack.env["CONSUMER_UNSAFE"];
      delete stack.env["KAFKAGUARD_SETTINGS"];
    }
  });

  it("yaml: the component package inside the installed npm package serves the schema built with it", async () => {
    const consumer = consumers.find((candidate) => candidate.kind === "yaml") as Consumer;
    const stack = consumer.stack as TestStack;
    // The CLI normalises what a package serves, so the installed package is compared with the checkout's, both
    // read through the CLI.
    const schemaOf = async (packageDir: string, cwd: string): Promise<unknown> => {
      const result = await run("pulumi", ["package", "get-schema", packageDir], { cwd, env: stack.env });
      expect(result.code, result.output).toBe(0);
      return JSON.parse(result.stdout);
    };
    const installed = await schemaOf(PACKAGE_IN_PACKAGE, consumer.dir);
    expect(installed).toMatchObject({ name: "kafkaguard", resources: { "kafkaguard:index:DurableTopic": {} } });
    expect(installed).toEqual(await schemaOf("./provider", REPO_ROOT));
    const outputs = await stack.pulumi(["stack", "output", "--json"]);
    expect(outputs.code, outputs.output).toBe(0);
    expect((JSON.parse(outputs.stdout) as { producer: Record<string, string> }).producer).toMatchObject({
      acks: "all",
      "enable.idempotence": "true",
    });
  });
});
