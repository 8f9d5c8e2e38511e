import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClusterDefaults,
  DEFAULT_THRESHOLDS,
  TOPIC_RULES,
  type TopicDeclaration,
  checkTopic,
  describeTopicDurability,
} from "../../core";

function topic(replicationFactor: unknown, config?: unknown, clusterDefaults?: ClusterDefaults) {
  const declaration: TopicDeclaration = {
    topicName: "orders",
    replicationFactor,
    replicationFactorKey: "replicationFactor",
    config,
  };
  return describeTopicDurability(declaration, clusterDefaults);
}

function violatedRules(replicationFactor: unknown, config?: unknown, clusterDefaults?: ClusterDefaults): string[] {
  return checkTopic(topic(replicationFactor, config, clusterDefaults), DEFAULT_THRESHOLDS).map((v) => v.ruleId);
}

const RF = "kafka-topic-min-replication-factor";
const ISR = "kafka-topic-min-insync-replicas";
const ABOVE = "kafka-topic-replicas-above-min-insync";
const UNCLEAN = "kafka-topic-no-unclean-leader-election";

describe("topic rules", () => {
  it.each<[string, unknown, unknown, ClusterDefaults | undefined, string[]]>([
    ["compliant", 3, { "min.insync.replicas": "2" }, undefined, []],
    [
      "compliant with RF 5 / ISR 3",
      5,
      { "min.insync.replicas": "3", "unclean.leader.election.enable": "false" },
      undefined,
      [],
    ],
    ["RF 1, nothing set", 1, undefined, undefined, [RF, ISR, ABOVE]],
    ["RF 2, ISR 2", 2, { "min.insync.replicas": "2" }, undefined, [RF, ABOVE]],
    ["ISR unset inherits 1", 3, {}, undefined, [ISR]],
    ["ISR unset, cluster default 2", 3, {}, { "min.insync.replicas": "2" }, []],
    ["ISR unset, cluster default 1", 3, {}, { "min.insync.replicas": "1" }, [ISR]],
    ["explicit ISR 1", 3, { "min.insync.replicas": "1" }, undefined, [ISR]],
    ["RF equals ISR", 3, { "min.insync.replicas": "3" }, undefined, [ABOVE]],
    ["ISR above RF", 3, { "min.insync.replicas": "4" }, undefined, [ABOVE]],
    ["unclean true", 3, { "min.insync.replicas": "2", "unclean.leader.election.enable": "true" }, undefined, [UNCLEAN]],
    [
      "unclean TRUE padded",
      3,
      { "min.insync.replicas": "2", "unclean.leader.election.enable": " TRUE " },
      undefined,
      [UNCLEAN],
    ],
    [
      "unclean inherited from cluster",
      3,
      { "min.insync.replicas": "2" },
      { "unclean.leader.election.enable": "true" },
      [UNCLEAN],
    ],
    [
      "unclean off overrides cluster",
      3,
      { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
      { "unclean.leader.election.enable": "true" },
      [],
    ],
    [
      "RF unset inherits cluster default 3",
      undefined,
      { "min.insync.replicas": "2" },
      { "default.replication.factor": "3" },
      [],
    ],
    ["RF unset inherits Kafka default 1", undefined, { "min.insync.replicas": "2" }, undefined, [RF, ABOVE]],
    ["padded numeric strings", " 3 ", { "min.insync.replicas": " 2 " }, undefined, []],
  ])("%s", (_label, rf, config, defaults, expected) => {
    expect(violatedRules(rf, config, defaults)).toEqual(expected);
  });

  it.each<[string, unknown, unknown, string[], string]>([
    ["RF 1.5", 1.5, { "min.insync.replicas": "2" }, [RF, ABOVE], "1.5"],
    ["RF 'two'", "two", { "min.insync.replicas": "2" }, [RF, ABOVE], '"two"'],
    ["RF 0", 0, { "min.insync.replicas": "2" }, [RF, ABOVE], "0"],
    ["RF -3", -3, { "min.insync.replicas": "2" }, [RF, ABOVE], "-3"],
    ["ISR 0x2", 3, { "min.insync.replicas": "0x2" }, [ISR, ABOVE], '"0x2"'],
    ["ISR 0", 3, { "min.insync.replicas": "0" }, [ISR, ABOVE], '"0"'],
    ["ISR -2", 3, { "min.insync.replicas": "-2" }, [ISR, ABOVE], '"-2"'],
    ["unclean yes", 3, { "min.insync.replicas": "2", "unclean.leader.election.enable": "yes" }, [UNCLEAN], '"yes"'],
    ["config not a map", 3, "min.insync.replicas=2", [ISR, ABOVE, UNCLEAN], "min.insync.replicas=2"],
  ])("malformed %s is a violation naming the key and value", (_label, rf, config, expected, shownValue) => {
    const violations = checkTopic(topic(rf, config), DEFAULT_THRESHOLDS);
    expect(violations.map((v) => v.ruleId)).toEqual(expected);
    for (const violation of violations) expect(violation.message).toContain(shownValue);
  });

  it("says to set min.insync.replicas explicitly when it is inherited", () => {
    const [violation] = checkTopic(topic(3, {}), DEFAULT_THRESHOLDS);
    expect(violation?.message).toContain("not set on the topic");
    expect(violation?.message).toContain(`set config "min.insync.replicas" to "2"`);
  });

  it("explains the RF = minISR + 1 trade-off", () => {
    const [violation] = checkTopic(topic(3, { "min.insync.replicas": "3" }), DEFAULT_THRESHOLDS);
    expect(violation?.message).toMatch(/min\.insync\.replicas \+ 1/);
    expect(violation?.message).toContain("one broker down");
  });

  it("points out look-alike keys that Kafka would not apply", () => {
    const [violation] = checkTopic(topic(3, { "min.insync.replicas ": "2" }), DEFAULT_THRESHOLDS);
    expect(violation?.ruleId).toBe(ISR);
    expect(violation?.message).toContain('"min.insync.replicas "');
  });

  it("honours stricter thresholds", () => {
    const strict = { minReplicationFactor: 4, minInsyncReplicas: 3 };
    expect(checkTopic(topic(3, { "min.insync.replicas": "2" }), strict).map((v) => v.ruleId)).toEqual([RF, ISR]);
  });
});

/** The specification, written independently of the rule code. */
function expectedVerdict(rf: number, isr: number | undefined, unclean: boolean | undefined): string[] {
  const effectiveIsr = isr ?? 1;
  const expected: string[] = [];
  if (rf < 3) expected.push(RF);
  if (effectiveIsr < 2) expected.push(ISR);
  if (rf <= effectiveIsr) expected.push(ABOVE);
  if (unclean === true) expected.push(UNCLEAN);
  return expected;
}

describe("topic rules, property-based", () => {
  it("the verdict equals the specification for every RF / min ISR / unclean combination", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.option(fc.boolean(), { nil: undefined }),
        fc.boolean(),
        (rf, isr, unclean, asStrings) => {
          const config: Record<string, unknown> = {};
          if (isr !== undefined) config["min.insync.replicas"] = asStrings ? ` ${isr}` : isr;
          if (unclean !== undefined)
            config["unclean.leader.election.enable"] = asStrings ? String(unclean).toUpperCase() : unclean;
          expect(violatedRules(asStrings ? String(rf) : rf, config)).toEqual(expectedVerdict(rf, isr, unclean));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("arbitrary junk never throws and never passes silently when a durability value is junk", () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (rf, isr, unclean) => {
        const durability = topic(rf, { "min.insync.replicas": isr, "unclean.leader.election.enable": unclean });
        const violations = checkTopic(durability, DEFAULT_THRESHOLDS);
        if (!durability.replicationFactor.ok) expect(violations.map((v) => v.ruleId)).toContain(RF);
        if (!durability.minInsyncReplicas.ok) expect(violations.map((v) => v.ruleId)).toContain(ISR);
        if (!durability.uncleanLeaderElection.ok) expect(violations.map((v) => v.ruleId)).toContain(UNCLEAN);
      }),
    );
  });

  it("applying every rule's fix in pack order always yields a compliant topic", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constant("two")),
        fc.option(fc.oneof(fc.integer({ min: -1, max: 8 }), fc.constant("0x2")), { nil: undefined }),
        fc.option(fc.constantFrom("true", "false", "maybe"), { nil: undefined }),
        (rf, isr, unclean) => {
          let declaration: TopicDeclaration = {
            topicName: "t",
            replicationFactor: rf,
            replicationFactorKey: "replicationFactor",
            config: {
              ...(isr === undefined ? {} : { "min.insync.replicas": String(isr) }),
              ...(unclean === undefined ? {} : { "unclean.leader.election.enable": unclean }),
            },
          };
          for (const rule of TOPIC_RULES) {
            const fix = rule.fix(describeTopicDurability(declaration), DEFAULT_THRESHOLDS);
            if (fix === undefined) continue;
            declaration = {
              ...declaration,
              replicationFactor: fix.replicationFactor ?? declaration.replicationFactor,
              config: { ...(declaration.config as object), ...fix.config },
            };
          }
          expect(checkTopic(describeTopicDurability(declaration), DEFAULT_THRESHOLDS)).toEqual([]);
        },
      ),
    );
  });
});
