import { describe, expect, it } from "vitest";
import { KafkaguardConfigError, findExemption, parsePolicySettings, validateThresholds } from "../../core";

describe("parsePolicySettings", () => {
  it("defaults to RF 3, min ISR 2, Kafka's built-in defaults and no exemptions", () => {
    expect(parsePolicySettings({})).toEqual({
      thresholds: { minReplicationFactor: 3, minInsyncReplicas: 2 },
      clusterDefaults: {},
      exemptions: [],
    });
    expect(parsePolicySettings(undefined).thresholds).toEqual({ minReplicationFactor: 3, minInsyncReplicas: 2 });
  });

  it("reads thresholds, cluster defaults and exemptions", () => {
    const settings = parsePolicySettings({
      minReplicationFactor: 4,
      minInsyncReplicas: 3,
      clusterDefaults: { "min.insync.replicas": " 2 ", "unclean.leader.election.enable": false },
      exemptions: [{ pattern: "scratch-.*", reason: "throwaway load-test topics" }],
    });
    expect(settings.thresholds).toEqual({ minReplicationFactor: 4, minInsyncReplicas: 3 });
    expect(settings.clusterDefaults).toEqual({ "min.insync.replicas": "2", "unclean.leader.election.enable": "false" });
    expect(findExemption("scratch-1", settings.exemptions)?.reason).toBe("throwaway load-test topics");
    expect(findExemption("orders-scratch-1", settings.exemptions)).toBeUndefined();
  });

  it.each<[string, unknown, RegExp]>([
    ["min ISR threshold of 1", { minInsyncReplicas: 1 }, /minInsyncReplicas must be at least 2/],
    ["RF threshold below 2", { minReplicationFactor: 1 }, /minReplicationFactor must be at least 2/],
    ["negative threshold", { minReplicationFactor: -3 }, /minReplicationFactor must be at least 2/],
    ["non-integer threshold", { minInsyncReplicas: 2.5 }, /minInsyncReplicas must be an integer/],
    ["string threshold", { minInsyncReplicas: "2" }, /minInsyncReplicas must be an integer/],
    ["config not an object", "strict", /policy configuration must be an object/],
    ["unknown cluster default", { clusterDefaults: { "min.isr": "2" } }, /unknown key "min.isr"/],
    [
      "malformed cluster default",
      { clusterDefaults: { "min.insync.replicas": "two" } },
      /clusterDefaults.min.insync.replicas/,
    ],
    ["exemptions not an array", { exemptions: "orders" }, /exemptions must be an array/],
    ["exemption without reason", { exemptions: [{ pattern: "x" }] }, /exemptions\[0\].reason is required/],
    ["exemption with blank reason", { exemptions: [{ pattern: "x", reason: "  " }] }, /reason is required/],
    [
      "exemption without pattern",
      { exemptions: [{ reason: "r" }] },
      /exemptions\[0\].pattern must be a non-empty string/,
    ],
    ["invalid regex", { exemptions: [{ pattern: "orders-(", reason: "r" }] }, /not a valid regular expression/],
  ])("rejects %s with a one-line error", (_label, input, message) => {
    let caught: unknown;
    try {
      parsePolicySettings(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KafkaguardConfigError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain("\n");
  });

  it("validateThresholds keeps valid stricter values", () => {
    expect(validateThresholds({ minReplicationFactor: 5, minInsyncReplicas: 4 })).toEqual({
      minReplicationFactor: 5,
      minInsyncReplicas: 4,
    });
  });
});
