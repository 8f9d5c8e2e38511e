import { describe, expect, it } from "vitest";
import {
  KafkaguardConfigError,
  POLICY_SETTINGS,
  type PolicySettings,
  findExemption,
  parseKafkaguardSettings,
  validateThresholds,
} from "../../core";

const TOPIC_RF = "kafka-topic-min-replication-factor";
const BROKER_ISR = "kafka-broker-min-insync-replicas";
const AUTO_CREATE = "kafka-broker-no-auto-create-topics";
const DELETION = "kafka-topic-deletion-protection";
const INHERITED = "kafka-topic-inherited-settings";

function settingsOf(input: unknown, policy: string): PolicySettings {
  const entry = parseKafkaguardSettings(input).policies[policy];
  if (entry === undefined) throw new Error(`no settings for ${policy}`);
  return entry.settings;
}

describe("parseKafkaguardSettings", () => {
  it("gives every policy RF 3, min ISR 2, Kafka's built-in defaults and no exemptions by default", () => {
    for (const input of [{}, undefined]) {
      const { policies } = parseKafkaguardSettings(input);
      expect(Object.keys(policies)).toEqual(Object.keys(POLICY_SETTINGS));
      for (const entry of Object.values(policies)) {
        expect(entry).toEqual({
          settings: {
            thresholds: { minReplicationFactor: 3, minInsyncReplicas: 2 },
            clusterDefaults: {},
            exemptions: [],
          },
        });
      }
    }
  });

  it("gives the shared block to every policy that reads each key, and to no other", () => {
    const input = {
      minReplicationFactor: 4,
      minInsyncReplicas: 3,
      clusterDefaults: { "min.insync.replicas": " 2 ", "unclean.leader.election.enable": false },
      exemptions: [{ pattern: "scratch-.*", reason: "throwaway load-test topics" }],
    };
    const topic = settingsOf(input, TOPIC_RF);
    expect(topic.thresholds).toEqual({ minReplicationFactor: 4, minInsyncReplicas: 2 });
    expect(topic.clusterDefaults).toEqual({ "min.insync.replicas": "2", "unclean.leader.election.enable": "false" });
    expect(findExemption("scratch-1", topic.exemptions)?.reason).toBe("throwaway load-test topics");
    expect(findExemption("orders-scratch-1", topic.exemptions)).toBeUndefined();
    expect(settingsOf(input, INHERITED).thresholds).toEqual({ minReplicationFactor: 4, minInsyncReplicas: 3 });
    // Broker policies read a threshold, never exemptions or cluster defaults; deletion protection reads exemptions only.
    expect(settingsOf(input, BROKER_ISR)).toEqual({
      thresholds: { minReplicationFactor: 3, minInsyncReplicas: 3 },
      clusterDefaults: {},
      exemptions: [],
    });
    expect(settingsOf(input, DELETION).thresholds).toEqual({ minReplicationFactor: 3, minInsyncReplicas: 2 });
    expect(settingsOf(input, DELETION).exemptions).toHaveLength(1);
  });

  it("lays per-policy overrides over the shared block, for that policy only", () => {
    const input = {
      minInsyncReplicas: 2,
      exemptions: [{ pattern: "legacy-.*", reason: "migration planned" }],
      policies: {
        [BROKER_ISR]: { enforcementLevel: "advisory", minInsyncReplicas: 3 },
        [DELETION]: { exemptions: [] },
        [AUTO_CREATE]: "disabled",
      },
    };
    const { policies } = parseKafkaguardSettings(input);
    expect(policies[BROKER_ISR]?.enforcementLevel).toBe("advisory");
    expect(policies[BROKER_ISR]?.settings.thresholds.minInsyncReplicas).toBe(3);
    expect(policies["kafka-topic-min-insync-replicas"]?.settings.thresholds.minInsyncReplicas).toBe(2);
    expect(policies[DELETION]?.settings.exemptions).toEqual([]);
    expect(policies[TOPIC_RF]?.settings.exemptions).toHaveLength(1);
    expect(policies[AUTO_CREATE]).toEqual(expect.objectContaining({ enforcementLevel: "disabled" }));
    expect(policies[TOPIC_RF]?.enforcementLevel).toBeUndefined();
  });

  it.each<[string, unknown, RegExp]>([
    ["min ISR threshold of 1", { minInsyncReplicas: 1 }, /^settings: minInsyncReplicas must be at least 2/],
    ["RF threshold below 2", { minReplicationFactor: 1 }, /minReplicationFactor must be at least 2/],
    ["negative threshold", { minReplicationFactor: -3 }, /minReplicationFactor must be at least 2/],
    ["non-integer threshold", { minInsyncReplicas: 2.5 }, /minInsyncReplicas must be an integer/],
    ["string threshold", { minInsyncReplicas: "2" }, /minInsyncReplicas must be an integer/],
    ["settings not an object", "strict", /settings must be an object/],
    ["misspelt shared key", { minInSyncReplicas: 3 }, /settings have unknown key "minInSyncReplicas"/],
    ["unknown cluster default", { clusterDefaults: { "min.isr": "2" } }, /unknown key "min.isr"/],
    [
      "malformed cluster default",
      { clusterDefaults: { "min.insync.replicas": "two" } },
      /clusterDefaults.min.insync.replicas/,
    ],
    ["exemptions not an array", { exemptions: "orders" }, /exemptions must be an array/],
    ["exemption without reason", { exemptions: [{ pattern: "x" }] }, /exemptions\[0\].reason is required/],
    ["exemption with blank reason", { exemptions: [{ pattern: "x", reason: "  " }] }, /reason is required/],
    ["exemption with an odd key", { exemptions: [{ pattern: "x", reason: "r", policy: "a" }] }, /unknown key "policy"/],
    [
      "exemption without pattern",
      { exemptions: [{ reason: "r" }] },
      /exemptions\[0\].pattern must be a non-empty string/,
    ],
    ["invalid regex", { exemptions: [{ pattern: "orders-(", reason: "r" }] }, /not a valid RE2 regular expression/],
    ["a lookahead RE2 cannot run", { exemptions: [{ pattern: "(?=a)a", reason: "r" }] }, /not a valid RE2/],
    [
      "an unknown policy",
      { policies: { "kafka-topic-min-replicas": {} } },
      /unknown policy "kafka-topic-min-replicas"/,
    ],
    [
      "a key the policy does not read",
      { policies: { [AUTO_CREATE]: { exemptions: [] } } },
      /^kafka-broker-no-auto-create-topics does not read "exemptions"; it accepts enforcementLevel$/,
    ],
    [
      "a threshold a broker policy does not read",
      { policies: { [BROKER_ISR]: { minReplicationFactor: 4 } } },
      /^kafka-broker-min-insync-replicas does not read "minReplicationFactor"; it accepts enforcementLevel, minInsyncReplicas$/,
    ],
    ["a misspelt per-policy key", { policies: { [TOPIC_RF]: { minRF: 4 } } }, /does not read "minRF".*misspelt/],
    [
      "a bad per-policy value",
      { policies: { [TOPIC_RF]: { minReplicationFactor: 1 } } },
      /^kafka-topic-min-replication-factor: minReplicationFactor must be at least 2/,
    ],
    ["a bad enforcement level", { policies: { [TOPIC_RF]: "strict" } }, /enforcementLevel must be one of advisory/],
  ])("refuses %s with a one-line error", (_label, input, message) => {
    let caught: unknown;
    try {
      parseKafkaguardSettings(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KafkaguardConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain("\n");
  });

  it("matches exemption patterns in linear time: (a+)+b against 30 a's and a '!' does not backtrack", () => {
    // A backtracking engine takes about 20 s for this one name, and twice as long per added "a"; RE2 does not.
    const { exemptions } = settingsOf({ exemptions: [{ pattern: "(a+)+b", reason: "careless" }] }, TOPIC_RF);
    expect(findExemption(`${"a".repeat(30)}!`, exemptions)).toBeUndefined();
    expect(findExemption(`${"a".repeat(5_000)}!`, exemptions)).toBeUndefined();
    expect(findExemption("aaab", exemptions)?.reason).toBe("careless");
  });

  it("validateThresholds keeps valid stricter values", () => {
    expect(validateThresholds({ minReplicationFactor: 5, minInsyncReplicas: 4 })).toEqual({
      minReplicationFactor: 5,
      minInsyncReplicas: 4,
    });
  });
});
