import { describe, expect, it } from "vitest";
import { auditSettingsFromPackConfig } from "../../cli/settings";

const RF = "kafka-topic-min-replication-factor";
const ISR = "kafka-topic-min-insync-replicas";

describe("auditSettingsFromPackConfig: the pack's --policy-pack-config file", () => {
  const levels: { name: string; config: object; rule: string; expected: string | undefined }[] = [
    { name: "an unnamed policy runs mandatory", config: {}, rule: RF, expected: "mandatory" },
    { name: "a level string", config: { [RF]: "advisory" }, rule: RF, expected: "advisory" },
    { name: "remediate counts as mandatory", config: { [RF]: "remediate" }, rule: RF, expected: "mandatory" },
    {
      name: "disabled skips the rule",
      config: { [RF]: { enforcementLevel: "disabled" } },
      rule: RF,
      expected: undefined,
    },
    { name: '"all" sets the default level', config: { all: "advisory" }, rule: ISR, expected: "advisory" },
    {
      name: "a policy's own level beats all",
      config: { all: "advisory", [ISR]: "mandatory" },
      rule: ISR,
      expected: "mandatory",
    },
  ];
  it.each(levels)("$name", ({ config, rule, expected }) => {
    expect(auditSettingsFromPackConfig(config).lookup(rule)?.enforcement).toBe(expected);
  });

  it("gives each policy its own thresholds, exemptions and clusterDefaults", () => {
    const settings = auditSettingsFromPackConfig({
      [ISR]: { minInsyncReplicas: 3, clusterDefaults: { "min.insync.replicas": "2" } },
      [RF]: { exemptions: [{ pattern: "tmp-.*", reason: "scratch" }] },
    });
    expect(settings.lookup(ISR)?.settings.thresholds.minInsyncReplicas).toBe(3);
    expect(settings.lookup(RF)?.settings.exemptions.map((exemption) => exemption.pattern)).toEqual(["tmp-.*"]);
    expect(settings.assumptions).toEqual([
      { policy: RF, clusterDefaults: {}, keys: ["default.replication.factor"] },
      { policy: ISR, clusterDefaults: { "min.insync.replicas": "2" }, keys: ["min.insync.replicas"] },
      {
        policy: "kafka-topic-replicas-above-min-insync",
        clusterDefaults: {},
        keys: ["default.replication.factor", "min.insync.replicas"],
      },
      {
        policy: "kafka-topic-no-unclean-leader-election",
        clusterDefaults: {},
        keys: ["unclean.leader.election.enable"],
      },
    ]);
  });

  const errors: { name: string; config: unknown; message: RegExp }[] = [
    { name: "not an object", config: [1], message: /must hold a JSON object/ },
    {
      name: "a bad level",
      config: { [RF]: "strict" },
      message: /"kafka-topic-min-replication-factor" must be one of advisory/,
    },
    { name: "a bad entry", config: { [RF]: 3 }, message: /must be an enforcement level or an object/ },
    {
      name: "a bad setting, prefixed with its policy",
      config: { [ISR]: { minInsyncReplicas: 1 } },
      message: /^"kafka-topic-min-insync-replicas": minInsyncReplicas must be at least 2/,
    },
    { name: "an unknown setting", config: { [ISR]: { minIsr: 2 } }, message: /unknown key "minIsr"/ },
  ];
  it.each(errors)("refuses $name in one line", ({ config, message }) => {
    expect(() => auditSettingsFromPackConfig(config)).toThrow(message);
  });
});
