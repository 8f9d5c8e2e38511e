import { describe, expect, it } from "vitest";
import {
  type ProducerRisk,
  findUnderReplicatedRedpandaConnectTopics,
  findWeakRedpandaConnectSettings,
} from "../../core";

/** The weak settings found, as "path=risk", or the problem when the YAML cannot be read. */
function weak(configYaml: string, risk?: ProducerRisk): string[] | string {
  const found = findWeakRedpandaConnectSettings(configYaml, risk);
  return found.ok ? found.value.map((setting) => `${setting.key}=${setting.risk}`) : found.problem;
}

describe("Redpanda Connect outputs' producer settings", () => {
  it.each<[string, string, string[] | string]>([
    // kafka (sarama): ack_replicas and idempotent_write default to false.
    [
      "kafka output with the defaults",
      "output:\n  kafka:\n    topic: a\n",
      ["output.kafka.ack_replicas=loss", "output.kafka.idempotent_write=duplicates"],
    ],
    ["kafka output made durable", "output:\n  kafka:\n    ack_replicas: true\n    idempotent_write: true\n", []],
    ["YAML 1.2 booleans in capitals", "output:\n  kafka:\n    ack_replicas: True\n    idempotent_write: TRUE\n", []],
    [
      "ack_replicas false",
      "output:\n  kafka: { ack_replicas: false, idempotent_write: true }\n",
      ["output.kafka.ack_replicas=loss"],
    ],
    // Redpanda Connect decodes bools with yaml.v3, which takes YAML 1.1's words too but not "true" in quotes.
    [
      "YAML 1.1 words",
      'output:\n  kafka: { ack_replicas: yes, idempotent_write: "On" }\n  redpanda: { idempotent_write: off }\n',
      ["output.redpanda.idempotent_write=duplicates"],
    ],
    [
      "a quoted true",
      'output:\n  kafka: { ack_replicas: "true", idempotent_write: true }\n',
      ["output.kafka.ack_replicas=loss"],
    ],
    // kafka_franz, redpanda and redpanda_migrator: acks defaults to all, idempotent_write to true.
    ["franz outputs with the defaults", "output:\n  kafka_franz: { topic: a }\n", []],
    [
      "redpanda output acks leader",
      "output:\n  redpanda: { acks: leader, idempotent_write: false }\n",
      ["output.redpanda.acks=loss", "output.redpanda.idempotent_write=duplicates"],
    ],
    [
      "redpanda_migrator acks none",
      "output:\n  redpanda_migrator: { acks: none }\n",
      ["output.redpanda_migrator.acks=loss"],
    ],
    ["acks all", "output:\n  kafka_franz: { acks: all }\n", []],
    [
      "acks spelled as Kafka's -1 is not accepted",
      "output:\n  kafka_franz: { acks: -1 }\n",
      ["output.kafka_franz.acks=loss"],
    ],
    [
      "a value from an environment variable",
      'output:\n  kafka_franz: { acks: "${ACKS}" }\n',
      ["output.kafka_franz.acks=loss"],
    ],
    // redpanda_common takes its producer fields from the top-level redpanda block, reported once.
    [
      "redpanda_common with a weak block",
      "redpanda: { acks: leader }\noutput:\n  broker:\n    outputs:\n      - redpanda_common: { topic: a }\n      - redpanda_common: { topic: b }\n",
      ["redpanda.acks=loss"],
    ],
    ["redpanda_common with no block", "output:\n  redpanda_common: { topic: a }\n", []],
    ["a weak redpanda block no output uses", "redpanda: { acks: none }\noutput:\n  stdout: {}\n", []],
    // Outputs nest at any depth, and output_resources hold more.
    [
      "nested outputs",
      "output:\n  switch:\n    cases:\n      - check: this.urgent\n        output:\n          fallback:\n            - kafka: { ack_replicas: true, idempotent_write: true }\n            - kafka: { topic: dead }\noutput_resources:\n  - label: audit\n    redpanda: { acks: leader }\n",
      [
        "output.switch.cases[0].output.fallback[1].kafka.ack_replicas=loss",
        "output.switch.cases[0].output.fallback[1].kafka.idempotent_write=duplicates",
        "output_resources[0].redpanda.acks=loss",
      ],
    ],
    // Inputs and caches do not produce.
    ["a kafka input", "input:\n  kafka: { topics: [a] }\noutput:\n  stdout: {}\n", []],
    ["a redpanda cache", "cache_resources:\n  - label: c\n    redpanda: { acks: none }\n", []],
    ["an empty config", "", []],
    ["a header named kafka", "output:\n  http_client:\n    headers: { kafka: yes }\n", []],
    // What cannot be read is a problem, not a pass.
    ["malformed acks", "output:\n  kafka_franz: { acks: 1 }\n", ["output.kafka_franz.acks=loss"]],
    [
      "invalid YAML",
      "output:\n  kafka: [\n",
      "is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 3, column 1)",
    ],
    [
      "two documents",
      "output: {}\n---\noutput: {}\n",
      "is not valid YAML (Source contains multiple documents; please use YAML.parseAllDocuments() at line 2, column 1)",
    ],
  ])("%s", (_label, configYaml, expected) => {
    expect(weak(configYaml)).toEqual(expected);
    if (typeof expected === "string") return;
    // Filtered by risk, each finding goes to exactly one side.
    expect([...(weak(configYaml, "loss") as string[]), ...(weak(configYaml, "duplicates") as string[])].sort()).toEqual(
      [...expected].sort(),
    );
  });

  it("says why each weak value loses or duplicates, and what to write", () => {
    const found = findWeakRedpandaConnectSettings(
      "output:\n  kafka_franz: { acks: none, idempotent_write: 1 }\n  processors: []\n",
    );
    if (!found.ok) throw new Error(found.problem);
    expect(
      found.value.map(({ key, raw, problem, durable, defaultIsDurable }) => ({
        key,
        raw,
        problem,
        durable,
        defaultIsDurable,
      })),
    ).toEqual([
      {
        key: "output.kafka_franz.acks",
        raw: "none",
        problem: "so the output waits for no broker (acks=0), and a write is lost without an error",
        durable: "all",
        defaultIsDurable: true,
      },
      {
        key: "output.kafka_franz.idempotent_write",
        raw: 1,
        problem: "which is malformed (Redpanda Connect accepts true, false)",
        durable: true,
        defaultIsDurable: true,
      },
    ]);
  });

  it("refuses an alias bomb as YAML it cannot read", () => {
    const bomb = [
      "a: &a [x, x]",
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${i === 0 ? "*a" : `*${"b".repeat(i)}`}, ${i === 0 ? "*a" : `*${"b".repeat(i)}`}]`,
      ),
    ].join("\n");
    const found = findWeakRedpandaConnectSettings(`${bomb}\noutput: {}\n`);
    expect(found.ok).toBe(false);
  });
});

describe("Redpanda Connect outputs' topic creation", () => {
  /** The replication factors found below 3, as "path: problem", or the problem when the YAML cannot be read. */
  function underReplicated(configYaml: string): string[] | string {
    const found = findUnderReplicatedRedpandaConnectTopics(configYaml, 3);
    return found.ok ? found.value.map(({ key, problem }) => `${key} ${problem}`) : found.problem;
  }

  it.each<[string, string, string[] | string]>([
    ["kafka output without topic creation", "output:\n  kafka: { topic: a }\n", []],
    [
      "custom_topic_creation off, whatever its replication factor",
      "output:\n  kafka:\n    custom_topic_creation: { enabled: false, replication_factor: 1 }\n",
      [],
    ],
    [
      "custom_topic_creation with the brokers' default",
      "output:\n  kafka:\n    custom_topic_creation: { enabled: true }\n",
      [],
    ],
    [
      "custom_topic_creation with 1 replica",
      "output:\n  kafka:\n    custom_topic_creation: { enabled: yes, replication_factor: 1 }\n",
      [
        "output.kafka.custom_topic_creation.replication_factor is 1, below the minimum of 3, so the topic of this output's messages keeps fewer than 3 copies",
      ],
    ],
    [
      "custom_topic_creation with a malformed replication factor",
      "output:\n  kafka:\n    custom_topic_creation: { enabled: true, replication_factor: 0 }\n",
      [
        "output.kafka.custom_topic_creation.replication_factor is 0, which is malformed (a replication factor is at least 1, or -1 for the brokers' default)",
      ],
    ],
    // Unset, redpanda_migrator gives a created topic its source topic's replication factor.
    ["redpanda_migrator unset", "output:\n  redpanda_migrator: { topic: a }\n", []],
    [
      "redpanda_migrator with 1 replica, in output_resources",
      "output_resources:\n  - label: m\n    redpanda_migrator: { topic_replication_factor: 1 }\n",
      [
        "output_resources[0].redpanda_migrator.topic_replication_factor is 1, below the minimum of 3, so the topic of this output's messages keeps fewer than 3 copies",
      ],
    ],
    ["redpanda_migrator with 3 replicas", "output:\n  redpanda_migrator: { topic_replication_factor: 3 }\n", []],
    [
      "invalid YAML",
      "output: [\n",
      "is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1)",
    ],
  ])("%s", (_label, configYaml, expected) => {
    expect(underReplicated(configYaml)).toEqual(expected);
  });
});
