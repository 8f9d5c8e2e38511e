import { describe, expect, it } from "vitest";
import {
  BROKER_RULES,
  type BrokerDeclaration,
  DEFAULT_THRESHOLDS,
  type PlatformBrokerDefault,
  describeBrokerDurability,
} from "../../core";

const RF = "kafka-broker-default-replication-factor";
const ISR = "kafka-broker-min-insync-replicas";
const UNCLEAN = "kafka-broker-no-unclean-leader-election";
const AUTO = "kafka-broker-no-auto-create-topics";
const INTERNAL = "kafka-broker-internal-topics";

const SAFE = {
  "default.replication.factor": "3",
  "min.insync.replicas": "2",
  "unclean.leader.election.enable": "false",
  "auto.create.topics.enable": "false",
};

function declaration(
  entries: Record<string, unknown> | { problem: string },
  platformDefaults?: BrokerDeclaration["platformDefaults"],
): BrokerDeclaration {
  return {
    subject: 'Kafka "main"',
    entries: () => ("problem" in entries ? { ok: false, problem: String(entries.problem) } : { ok: true, entries }),
    fix: (key, value) => `set ${key} to ${value}`,
    ...(platformDefaults ? { platform: "Platform X", platformDefaults } : {}),
  };
}

function violated(
  entries: Record<string, unknown> | { problem: string },
  platform?: BrokerDeclaration["platformDefaults"],
) {
  const broker = describeBrokerDurability(declaration(entries, platform));
  return BROKER_RULES.filter((rule) => rule.check(broker, DEFAULT_THRESHOLDS).length > 0).map((rule) => rule.id);
}

describe("broker rules", () => {
  it.each<[string, Record<string, unknown> | { problem: string }, string[]]>([
    ["all safe", SAFE, []],
    ["typed YAML values", { ...SAFE, "default.replication.factor": 3, "unclean.leader.election.enable": false }, []],
    ["nothing set: Kafka's defaults", {}, [RF, ISR, AUTO]],
    ["RF 2", { ...SAFE, "default.replication.factor": "2" }, [RF]],
    ["min ISR 1", { ...SAFE, "min.insync.replicas": 1 }, [ISR]],
    ["unclean TRUE", { ...SAFE, "unclean.leader.election.enable": " TRUE " }, [UNCLEAN]],
    ["auto-create on", { ...SAFE, "auto.create.topics.enable": true }, [AUTO]],
    ["malformed values", { ...SAFE, "min.insync.replicas": "two", "auto.create.topics.enable": "no" }, [ISR, AUTO]],
    ["unreadable config", { problem: "serverProperties: malformed" }, [RF, ISR, UNCLEAN, AUTO, INTERNAL]],
    // Kafka's own defaults for its internal topics (3, 3, 2) are durable; lowering any of them is not.
    ["offsets topic on 1 replica", { ...SAFE, "offsets.topic.replication.factor": "1" }, [INTERNAL]],
    ["transaction log on 2 replicas", { ...SAFE, "transaction.state.log.replication.factor": 2 }, [INTERNAL]],
    ["transaction log min ISR 1", { ...SAFE, "transaction.state.log.min.isr": "1" }, [INTERNAL]],
  ])("%s", (_label, entries, expected) => {
    expect(violated(entries)).toEqual(expected);
  });

  it.each<[string, Partial<Record<string, PlatformBrokerDefault>>, string[]]>([
    [
      "documented platform values are used for unset keys",
      { "auto.create.topics.enable": { value: "false" } },
      [RF, ISR],
    ],
    [
      "a platform value that cannot be confirmed is reported",
      { "unclean.leader.election.enable": { unconfirmed: "the platform decides" } },
      [RF, ISR, UNCLEAN, AUTO],
    ],
  ])("%s", (_label, platform, expected) => {
    expect(violated({}, platform)).toEqual(expected);
  });

  it("explicit values win over platform defaults", () => {
    expect(violated(SAFE, { "min.insync.replicas": { unconfirmed: "the platform decides" } })).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, BrokerDeclaration["platformDefaults"], string, string]>([
    [
      "a set value",
      { ...SAFE, "min.insync.replicas": "1" },
      undefined,
      ISR,
      'Kafka "main": min.insync.replicas is "1", below the minimum of 2, so topics that do not set it acknowledge acks=all writes stored on fewer than 2 brokers; set min.insync.replicas to 2.',
    ],
    [
      "Kafka's default",
      { ...SAFE, "auto.create.topics.enable": undefined },
      undefined,
      AUTO,
      'Kafka "main": auto.create.topics.enable is not set, so the brokers use Kafka\'s built-in default "true", and a producer or consumer that names a missing topic creates it with the broker defaults, outside every topic guard; set auto.create.topics.enable to false.',
    ],
    [
      "a platform default",
      { ...SAFE, "default.replication.factor": undefined },
      { "default.replication.factor": { value: "2" } },
      RF,
      'Kafka "main": default.replication.factor is not set, so the brokers use Platform X\'s default "2", below the minimum of 3, so topics that do not set a replication factor keep fewer than 3 copies; set default.replication.factor to 3.',
    ],
    [
      "an unconfirmed platform default",
      { ...SAFE, "unclean.leader.election.enable": undefined },
      { "unclean.leader.election.enable": { unconfirmed: "the platform's own default applies" } },
      UNCLEAN,
      'Kafka "main": unclean.leader.election.enable is not set, so the platform\'s own default applies; set unclean.leader.election.enable to false.',
    ],
    [
      "a malformed value",
      { ...SAFE, "default.replication.factor": "3.5" },
      undefined,
      RF,
      'Kafka "main": default.replication.factor "3.5" is malformed ("3.5" is not an integer); set default.replication.factor to 3.',
    ],
  ])("says what to change for %s", (_label, entries, platform, ruleId, message) => {
    const rule = BROKER_RULES.find((r) => r.id === ruleId);
    expect(rule?.check(describeBrokerDurability(declaration(entries, platform)), DEFAULT_THRESHOLDS)).toEqual([
      message,
    ]);
  });

  it("explains unreadable broker config without showing a value it never read", () => {
    const broker = describeBrokerDurability(declaration({ problem: "serverProperties is 42, not properties text" }));
    for (const rule of BROKER_RULES) {
      const [message] = rule.check(broker, DEFAULT_THRESHOLDS);
      expect(message).toContain("is malformed (serverProperties is 42, not properties text)");
      expect(message).not.toContain("undefined");
    }
  });

  it("uses the thresholds", () => {
    const broker = describeBrokerDurability(declaration(SAFE));
    const strict = { minReplicationFactor: 5, minInsyncReplicas: 3 };
    expect(BROKER_RULES.filter((rule) => rule.check(broker, strict).length > 0).map((r) => r.id)).toEqual([
      RF,
      ISR,
      INTERNAL,
    ]);
  });

  it("reports each internal-topic setting on its own line, saying what it holds", () => {
    const broker = describeBrokerDurability(
      declaration({ ...SAFE, "offsets.topic.replication.factor": "1", "transaction.state.log.min.isr": "1" }),
    );
    const rule = BROKER_RULES.find((r) => r.id === INTERNAL);
    expect(rule?.check(broker, DEFAULT_THRESHOLDS)).toEqual([
      'Kafka "main": offsets.topic.replication.factor is "1", below the minimum of 3, so the offsets topic keeps every group\'s committed offsets on fewer than 3 brokers (a commit is only as durable as that topic); set offsets.topic.replication.factor to 3.',
      'Kafka "main": transaction.state.log.min.isr is "1", below the minimum of 2, so a transaction\'s state (and the offsets it commits) can be acknowledged by fewer than 2 brokers; set transaction.state.log.min.isr to 2.',
    ]);
  });

  it("exposes the topic defaults it sets, trimmed, and nothing it does not set", () => {
    const broker = describeBrokerDurability(
      declaration({ "min.insync.replicas": 2, "default.replication.factor": " 3 " }),
    );
    expect(broker.declaredTopicDefaults).toEqual({ "min.insync.replicas": "2", "default.replication.factor": "3" });
    expect(describeBrokerDurability(declaration({ problem: "unreadable" })).declaredTopicDefaults).toEqual({});
  });

  it("reads the entries once, and only when a rule needs them", () => {
    let reads = 0;
    const broker = describeBrokerDurability({
      ...declaration(SAFE),
      entries: () => {
        reads += 1;
        return { ok: true, entries: SAFE };
      },
    });
    expect(reads).toBe(0);
    for (const rule of BROKER_RULES) rule.check(broker, DEFAULT_THRESHOLDS);
    expect(reads).toBe(1);
  });

  it("declares the keys each rule reads", () => {
    expect(Object.fromEntries(BROKER_RULES.map((rule) => [rule.id, rule.reads]))).toEqual({
      [RF]: ["default.replication.factor"],
      [ISR]: ["min.insync.replicas"],
      [UNCLEAN]: ["unclean.leader.election.enable"],
      [AUTO]: ["auto.create.topics.enable"],
      [INTERNAL]: [
        "offsets.topic.replication.factor",
        "transaction.state.log.replication.factor",
        "transaction.state.log.min.isr",
      ],
    });
  });

  it("checks nothing a platform ignores, even where Kafka's default would fail", () => {
    const ignores = {
      "min.insync.replicas": "no such setting",
      "transaction.state.log.min.isr": "no such setting",
    };
    const broker = describeBrokerDurability({
      ...declaration({ ...SAFE, "min.insync.replicas": "1", "offsets.topic.replication.factor": "1" }),
      ignores,
    });
    const strict = { minReplicationFactor: 3, minInsyncReplicas: 3 };
    expect(BROKER_RULES.filter((rule) => rule.check(broker, strict).length > 0).map((r) => r.id)).toEqual([INTERNAL]);
    expect(BROKER_RULES.find((r) => r.id === INTERNAL)?.check(broker, strict)).toEqual([
      expect.stringMatching(/^Kafka "main": offsets\.topic\.replication\.factor is "1"/),
    ]);
  });
});
