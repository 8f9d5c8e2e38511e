import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnalyzedResource, PolicyPackProcess, REPO_ROOT } from "../support/analyzer-client";
import { PACK_POLICY_NAMES } from "./pack-policy-names";

const TEMPLATE = path.join(REPO_ROOT, "examples/own-pack");
const TOPIC = "kafka:index/topic:Topic";

function topic(name: string, replicationFactor: number, config: Record<string, string> = {}): AnalyzedResource {
  return { type: TOPIC, name, props: { name, partitions: 3, replicationFactor, config }, protect: true };
}

/**
 * The template as a team would have it after `npm install && npm run build`: its own folder, its index.ts
 * compiled, and kafkaguard (this repository, built) and the Pulumi SDKs in its node_modules.
 */
function stageTemplate(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-own-pack-"));
  for (const file of ["package.json", "PulumiPolicy.yaml"])
    copyFileSync(path.join(TEMPLATE, file), path.join(dir, file));
  const source = readFileSync(path.join(TEMPLATE, "index.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  mkdirSync(path.join(dir, "bin"));
  writeFileSync(path.join(dir, "bin/index.js"), outputText);
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, path.join(dir, "node_modules/kafkaguard"));
  symlinkSync(path.join(REPO_ROOT, "node_modules/@pulumi"), path.join(dir, "node_modules/@pulumi"));
  return dir;
}

describe("the own-pack template (kafkaguardPolicies with settings baked in) over the analyzer protocol", () => {
  let dir: string;
  let pack: PolicyPackProcess;

  beforeAll(async () => {
    dir = stageTemplate();
    pack = await PolicyPackProcess.start(dir);
  }, 60_000);

  afterAll(async () => {
    await pack?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("serves kafkaguard's policies, in order, then the team's own, with the baked enforcement levels", async () => {
    const info = await pack.info();
    expect(info.name).toBe("acme-kafka");
    expect(info.version).toBe("1.0.0");
    expect(info.policiesList.map((policy) => policy.name)).toEqual([...PACK_POLICY_NAMES, "acme-topic-owner-prefix"]);
    const deletion = info.policiesList.find((policy) => policy.name === "kafka-topic-deletion-protection");
    expect(deletion?.enforcementlevel).toBe(1); // mandatory, from the baked settings (advisory by default)
  });

  it("applies the baked settings with no Pulumi configuration, and the team's policy beside them", async () => {
    await pack.configure({});
    const unsafe = await pack.analyze({ ...topic("orders-unsafe", 2), protect: false });
    expect(unsafe.map((d) => d.policyName)).toEqual([
      "kafka-topic-min-replication-factor",
      "kafka-topic-replicas-above-min-insync",
      "kafka-topic-deletion-protection",
    ]);
    // min.insync.replicas is unset but the baked clusterDefaults say 2: no min-ISR violation.
    expect(unsafe.every((d) => d.enforcementLevel === "mandatory")).toBe(true);
    expect((await pack.analyze(topic("billing", 3))).map((d) => d.policyName)).toEqual(["acme-topic-owner-prefix"]);

    const scratch = topic("scratch-load-1", 1);
    expect(await pack.analyze(scratch)).toEqual([]);
    const notices = await pack.analyzeStack([scratch]);
    expect(notices.map((d) => d.policyName)).toEqual(["kafka-topic-exemption-notice"]);
    expect(notices[0]?.message).toContain("load-test topics, deleted nightly");
  });

  it("lays Pulumi's per-policy configuration over the baked settings, and refuses keys a policy does not read", async () => {
    await pack.configure({ "kafka-topic-min-replication-factor": { properties: { minReplicationFactor: 4 } } });
    const diagnostics = await pack.analyze(topic("orders-events", 3));
    expect(diagnostics.map((d) => d.policyName)).toEqual(["kafka-topic-min-replication-factor"]);
    expect(diagnostics[0]?.message).toContain("below the minimum of 4");

    await pack.configure({ "kafka-broker-no-auto-create-topics": { properties: { exemptions: [] } } });
    await expect(
      pack.analyze({ type: "aws:msk/configuration:Configuration", name: "msk", props: { serverProperties: "" } }),
    ).rejects.toThrow(/kafka-broker-no-auto-create-topics does not read "exemptions"; it accepts enforcementLevel\n?/);
  });
});

describe("the ready-made pack with KAFKAGUARD_SETTINGS", () => {
  it("reads one settings block for every policy", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-settings-"));
    const file = path.join(dir, "kafkaguard.json");
    writeFileSync(
      file,
      JSON.stringify({
        minReplicationFactor: 4,
        exemptions: [{ pattern: "legacy-.*", reason: "moves to the new cluster in Q3" }],
        policies: { "kafka-topic-deletion-protection": "disabled" },
      }),
    );
    const pack = await PolicyPackProcess.start(undefined, { ...process.env, KAFKAGUARD_SETTINGS: file });
    try {
      await pack.configure({});
      const diagnostics = await pack.analyze({ ...topic("orders", 3, { "min.insync.replicas": "2" }), protect: false });
      expect(diagnostics.map((d) => d.policyName)).toEqual(["kafka-topic-min-replication-factor"]);
      const legacy = topic("legacy-billing", 1);
      expect(await pack.analyze(legacy)).toEqual([]);
      const notices = await pack.analyzeStack([legacy]);
      // Resource and stack policies alike: every policy that exempted the topic is named.
      expect(notices.map((d) => d.message)).toEqual([
        expect.stringMatching(
          /exempt from kafka-topic-min-replication-factor, kafka-topic-min-insync-replicas, kafka-topic-replicas-above-min-insync, kafka-topic-no-unclean-leader-election, kafka-topic-replicas-within-brokers, kafka-topic-min-insync-below-brokers \(pattern "legacy-\.\*"\): moves to the new cluster in Q3$/,
        ),
      ]);
    } finally {
      await pack.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("does not start with a bad settings file, and says why in one line", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-settings-"));
    const file = path.join(dir, "kafkaguard.json");
    writeFileSync(file, JSON.stringify({ policies: { "kafka-cluster-min-brokers": { minInsyncReplicas: 3 } } }));
    try {
      await expect(PolicyPackProcess.start(undefined, { ...process.env, KAFKAGUARD_SETTINGS: file })).rejects.toThrow(
        /exited with 1 before serving: kafkaguard: KAFKAGUARD_SETTINGS: kafka-cluster-min-brokers does not read "minInsyncReplicas"; it accepts enforcementLevel, minReplicationFactor\n$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
