import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnalyzedResource, PolicyPackProcess, analyzeRequest } from "../support/analyzer-client";
import { PACK_POLICY_NAMES } from "./pack-policy-names";
import { UNKNOWN_NUMBER, UNKNOWN_STRING } from "./run-policy";

const TOPIC = "kafka:index/topic:Topic";
const SAFE = { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" };

// Protected, as a topic should be, so only the durability policies speak.
function topic(name: string, replicationFactor: unknown, config?: Record<string, unknown>): AnalyzedResource {
  return {
    type: TOPIC,
    name,
    props: { name, partitions: 3, replicationFactor, ...(config ? { config } : {}) },
    protect: true,
  };
}

let pack: PolicyPackProcess;

beforeAll(async () => {
  pack = await PolicyPackProcess.start();
});

afterAll(async () => {
  await pack?.stop();
});

describe("the policy pack over the analyzer protocol", () => {
  it("describes its policies in GetAnalyzerInfo", async () => {
    const info = await pack.info();
    expect(info.name).toBe("kafkaguard");
    expect(info.version).toBe("0.1.0");
    const byName = new Map(info.policiesList.map((p) => [p.name, p]));
    expect([...byName.keys()]).toEqual(PACK_POLICY_NAMES);
    const rf = byName.get("kafka-topic-min-replication-factor");
    expect(rf?.remediationSteps).toContain("replication factor");
    expect(rf?.configschema?.properties?.fieldsMap.map(([key]) => key).sort()).toEqual([
      "clusterDefaults",
      "exemptions",
      "minReplicationFactor",
    ]);
    // A policy that reads no settings declares none.
    expect(byName.get("kafka-broker-no-auto-create-topics")?.configschema).toBeUndefined();
  });

  it("passes a compliant topic and flags an unsafe one with the expected policies", async () => {
    await pack.configure({});
    expect(await pack.analyze(topic("ok", 3, SAFE))).toEqual([]);
    const diagnostics = await pack.analyze(topic("bad", "1", { "unclean.leader.election.enable": "TRUE" }));
    expect(diagnostics.map((d) => d.policyName)).toEqual([
      "kafka-topic-min-replication-factor",
      "kafka-topic-min-insync-replicas",
      "kafka-topic-replicas-above-min-insync",
      "kafka-topic-no-unclean-leader-election",
    ]);
    expect(diagnostics.every((d) => d.enforcementLevel === "mandatory")).toBe(true);
  });

  it("answers a request encoded beforehand as it answers the same request made per call (what the bench times)", async () => {
    await pack.configure({});
    const unsafe = topic("bad", 1, { "unclean.leader.election.enable": "true" });
    const encoded = await pack.callEncoded("Analyze", analyzeRequest(unsafe).serializeBinary());
    const decoded = analyzer.AnalyzeResponse.deserializeBinary(encoded);
    const perCall = await pack.analyze(unsafe);
    expect(perCall.length).toBeGreaterThan(0);
    expect(decoded.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getMessage()])).toEqual(
      perCall.map((d) => [d.policyName, d.message]),
    );
    expect(decoded.getNotApplicableList().length).toBeGreaterThan(0);
  });

  it("reports unknown values as unknown, never as compliant", async () => {
    await pack.configure({});
    const diagnostics = await pack.analyze({
      type: TOPIC,
      name: "later",
      props: {
        name: "later",
        partitions: 3,
        replicationFactor: UNKNOWN_NUMBER,
        config: { ...SAFE, "min.insync.replicas": UNKNOWN_STRING },
      },
    });
    const byPolicy = new Map(diagnostics.map((d) => [d.policyName, d]));
    for (const name of [
      "kafka-topic-min-replication-factor",
      "kafka-topic-min-insync-replicas",
      "kafka-topic-replicas-above-min-insync",
    ]) {
      expect(byPolicy.get(name)?.message).toMatch(/can't run policy .* during preview/);
      expect(byPolicy.get(name)?.enforcementLevel).toBe("advisory");
    }
    expect(byPolicy.has("kafka-topic-no-unclean-leader-election")).toBe(false);
  });

  it("applies thresholds, cluster defaults and exemptions from Configure", async () => {
    const shared = {
      clusterDefaults: { "min.insync.replicas": "2" },
      exemptions: [{ pattern: "legacy-.*", reason: "pre-dates the platform; migration planned" }],
    };
    await pack.configure({
      "kafka-topic-min-replication-factor": { properties: { ...shared, minReplicationFactor: 4 } },
      "kafka-topic-min-insync-replicas": { enforcementLevel: "advisory", properties: shared },
    });
    const diagnostics = await pack.analyze(topic("events", 3, {}));
    expect(diagnostics.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-topic-min-replication-factor", "mandatory"],
    ]);
    expect(diagnostics[0]?.message).toContain("below the minimum of 4");

    const legacy = topic("legacy-billing", 1, SAFE);
    const exempt = await pack.analyze(legacy);
    expect(exempt.map((d) => [d.policyName, d.enforcementLevel])).toEqual([
      ["kafka-topic-replicas-above-min-insync", "mandatory"],
    ]);
    // The notice is a stack policy: it reports, at the end of the analysis, what the resource policies exempted.
    const notices = await pack.analyzeStack([legacy]);
    expect(notices.map((d) => [d.policyName, d.enforcementLevel, d.urn])).toEqual([
      [
        "kafka-topic-exemption-notice",
        "advisory",
        "urn:pulumi:test::kafkaguard::kafka:index/topic:Topic::legacy-billing",
      ],
    ]);
    expect(notices[0]?.message).toContain("pre-dates the platform; migration planned");
  });

  it("remediates an unsafe topic to compliant inputs and leaves a compliant one alone", async () => {
    const all = [
      "kafka-topic-min-replication-factor",
      "kafka-topic-min-insync-replicas",
      "kafka-topic-replicas-above-min-insync",
      "kafka-topic-no-unclean-leader-election",
    ];
    await pack.configure(Object.fromEntries(all.map((name) => [name, { enforcementLevel: "remediate" as const }])));
    const fixed = await pack.remediate(
      topic("fixme", 1, { "unclean.leader.election.enable": "true", "retention.ms": "1000" }),
    );
    expect(fixed.props).toEqual({
      name: "fixme",
      partitions: 3,
      replicationFactor: 3,
      config: { "retention.ms": "1000", "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
    });
    expect(await pack.remediate(topic("fine", 3, SAFE))).toEqual({ props: undefined, diagnostics: [] });
  });
});
