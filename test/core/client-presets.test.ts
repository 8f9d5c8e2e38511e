import { describe, expect, it } from "vitest";
import {
  CLIENT_PRESETS,
  type ClientPreset,
  PRODUCER_DURABILITY_KEYS,
  confluentKafkaJsDurableSettings,
  durableConsumerProperties,
  durableProducerProperties,
  findWeakProducerSettings,
  weakProducerMessage,
} from "../../core";

/** Producer properties under a prefix, as a Connect config map holds them. */
const connect = (prefix: string) => ({ prefix, idempotenceDefault: "Kafka Connect's own default is false" });

describe("weak producer overrides", () => {
  it.each<[string, Record<string, unknown>, string, string[]]>([
    [
      "durable values",
      { "producer.acks": "all", "producer.enable.idempotence": "true", "producer.retries": "10" },
      "producer.",
      [],
    ],
    [
      "acks -1 and padded values",
      { "producer.acks": " -1 ", "producer.enable.idempotence": " TRUE " },
      "producer.",
      [],
    ],
    [
      "typed YAML values",
      { "producer.acks": -1, "producer.enable.idempotence": true, "producer.retries": 3 },
      "producer.",
      [],
    ],
    ["acks 1", { "producer.acks": "1" }, "producer.", ["producer.acks"]],
    ["acks 0 as a number", { "producer.acks": 0 }, "producer.", ["producer.acks"]],
    ["acks in capitals is not accepted by Kafka", { "producer.acks": "ALL" }, "producer.", ["producer.acks"]],
    ["idempotence off", { "producer.enable.idempotence": "false" }, "producer.", ["producer.enable.idempotence"]],
    ["no retries", { "producer.retries": "0" }, "producer.", ["producer.retries"]],
    ["negative retries", { "producer.retries": -1 }, "producer.", ["producer.retries"]],
    [
      "connector overrides",
      { "producer.override.acks": "1", "producer.override.retries": 0, "producer.acks": "0" },
      "producer.override.",
      ["producer.override.acks", "producer.override.retries"],
    ],
    ["unprefixed keys are not producer settings", { acks: "0", retries: "0" }, "producer.", []],
    ["keys for consumers are not read", { "consumer.enable.auto.commit": "true" }, "producer.", []],
  ])("%s", (_label, config, prefix, expected) => {
    expect(findWeakProducerSettings(config, connect(prefix)).map((weak) => weak.key)).toEqual(expected);
    // Filtered by risk, each key goes to exactly one side: loss (acks, retries) or duplicates (idempotence).
    const byRisk = [
      ...findWeakProducerSettings(config, connect(prefix), "loss"),
      ...findWeakProducerSettings(config, connect(prefix), "duplicates"),
    ];
    expect(byRisk.map((weak) => weak.key).sort()).toEqual([...expected].sort());
    for (const weak of byRisk) expect(weak.risk).toBe(weak.key.endsWith("enable.idempotence") ? "duplicates" : "loss");
  });

  it("accepts every value of the durable preset: one definition of a durable producer", () => {
    const preset: Record<string, unknown> = { ...durableProducerProperties() };
    expect(PRODUCER_DURABILITY_KEYS.every((key) => key in preset)).toBe(true);
    const prefixed = Object.fromEntries(Object.entries(preset).map(([key, value]) => [`producer.${key}`, value]));
    expect(findWeakProducerSettings(prefixed, connect("producer."))).toEqual([]);
  });

  it("says what to change, with the durable value", () => {
    const [weak] = findWeakProducerSettings({ "producer.override.acks": "1" }, connect("producer.override."));
    if (weak === undefined) throw new Error("expected a finding");
    expect(weakProducerMessage('Kafka connector "sink"', (key) => `spec.config["${key}"]`, weak)).toBe(
      'Kafka connector "sink": spec.config["producer.override.acks"] is "1", so a send counts as done before every in-sync replica has the record, and a leader crash loses it; set spec.config["producer.override.acks"] to "all" or remove it (the default is durable).',
    );
  });
});

describe("client presets", () => {
  it("render the durable producer and consumer properties in the Confluent KafkaJS-compatible shape", () => {
    const properties = durableProducerProperties();
    const { producer, consumer } = confluentKafkaJsDurableSettings("billing");
    expect(producer.kafkaJS.acks === -1 && properties.acks === "all").toBe(true);
    expect(String(producer.kafkaJS.idempotent)).toBe(properties["enable.idempotence"]);
    expect(String(producer.kafkaJS.maxInFlightRequests)).toBe(properties["max.in.flight.requests.per.connection"]);
    expect(String(producer.kafkaJS.retry.retries)).toBe(properties.retries);
    const consumerProperties = durableConsumerProperties("billing");
    expect(consumer.kafkaJS).toEqual({
      groupId: consumerProperties["group.id"],
      fromBeginning: consumerProperties["auto.offset.reset"] === "earliest",
      autoCommit: consumerProperties["enable.auto.commit"] !== "false",
    });
  });

  it.each<[ClientPreset["id"], boolean, RegExp]>([
    ["java-librdkafka", true, /await every send/],
    ["confluent-kafka-javascript", true, /not in send, subscribe and run/],
    ["kafkajs", false, /unmaintained.*Kafka 4.*replace the producer/],
  ])("%s: maintained %s, pitfall named", (id, maintained, pitfall) => {
    const preset = CLIENT_PRESETS.find((candidate) => candidate.id === id);
    expect(preset?.maintained).toBe(maintained);
    expect(preset?.pitfall).toMatch(pitfall);
  });
});
