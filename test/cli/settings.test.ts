import { describe, expect, it } from "vitest";
import { auditSettingsFrom } from "../../cli/settings";
import { KafkaguardConfigError, TOPIC_RULES } from "../../core";

const RF = "kafka-topic-min-replication-factor";
const ISR = "kafka-topic-min-insync-replicas";

describe("auditSettingsFrom: kafkaguard's settings block, read with the pack's parser", () => {
  const levels: { name: string; settings: object; rule: string; expected: string | undefined }[] = [
    { name: "a policy without a level runs mandatory", settings: {}, rule: RF, expected: "mandatory" },
    { name: "a level string", settings: { policies: { [RF]: "advisory" } }, rule: RF, expected: "advisory" },
    {
      name: "remediate counts as mandatory",
      settings: { policies: { [RF]: "remediate" } },
      rule: RF,
      expected: "mandatory",
    },
    {
      name: "disabled skips the rule",
      settings: { policies: { [RF]: { enforcementLevel: "disabled" } } },
      rule: RF,
      expected: undefined,
    },
    {
      name: "a live-only rule runs mandatory",
      settings: {},
      rule: "kafka-live-offline-partitions",
      expected: "mandatory",
    },
  ];
  it.each(levels)("$name", ({ settings, rule, expected }) => {
    expect(auditSettingsFrom(settings).lookup(rule)?.enforcement).toBe(expected);
  });

  it("gives every policy the shared settings, with its own override laid over them", () => {
    const settings = auditSettingsFrom({
      exemptions: [{ pattern: "tmp-.*", reason: "scratch" }],
      clusterDefaults: { "min.insync.replicas": "2" },
      policies: { [ISR]: { minInsyncReplicas: 3 } },
    });
    expect(settings.lookup(ISR)?.settings.thresholds.minInsyncReplicas).toBe(3);
    expect(settings.lookup(RF)?.settings.thresholds.minInsyncReplicas).toBe(2);
    expect(settings.lookup(RF)?.settings.exemptions.map((exemption) => exemption.pattern)).toEqual(["tmp-.*"]);
    // Every topic rule assumes the cluster's defaults, each for the keys it reads.
    const byPolicy = new Map(settings.assumptions.map((assumption) => [assumption.policy, assumption]));
    for (const rule of TOPIC_RULES) {
      expect(byPolicy.get(rule.id)?.clusterDefaults, rule.id).toEqual({ "min.insync.replicas": "2" });
    }
    expect(byPolicy.get(RF)?.keys).toEqual(["default.replication.factor"]);
    expect(byPolicy.get(ISR)?.keys).toEqual(["min.insync.replicas"]);
  });

  it("assumes nothing for a policy that is disabled", () => {
    const settings = auditSettingsFrom({ policies: { [ISR]: "disabled" } });
    expect(settings.assumptions.map((assumption) => assumption.policy)).not.toContain(ISR);
  });

  const errors: { name: string; settings: unknown; message: RegExp }[] = [
    { name: "not an object", settings: [1], message: /settings must be an object/ },
    { name: "an unknown key", settings: { minIsr: 2 }, message: /unknown key "minIsr"/ },
    { name: "a bad threshold", settings: { minInsyncReplicas: 1 }, message: /minInsyncReplicas must be at least 2/ },
    {
      name: "an unknown policy",
      settings: { policies: { "kafka-topic-nope": "advisory" } },
      message: /unknown policy/,
    },
  ];
  it.each(errors)("refuses $name in one line", ({ settings, message }) => {
    expect(() => auditSettingsFrom(settings)).toThrow(KafkaguardConfigError);
    expect(() => auditSettingsFrom(settings)).toThrow(message);
  });
});
