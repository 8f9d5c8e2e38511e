import type { ProducerProperties } from "./connect-topics";
import { describeValue, parseKafkaBoolean, parseKafkaInt } from "./kafka-values";
import type { RuleMetadata } from "./rules";

/**
 * Durable client settings: what a producer and a consumer need so that what the topic keeps is also
 * what the application sent and processed. One definition, rendered for Java/librdkafka, for
 * @confluentinc/kafka-javascript's KafkaJS-compatible API and for KafkaJS.
 */

/** Producer properties (Java client names; librdkafka accepts the same names). */
export interface DurableProducerProperties {
  /** Wait until every in-sync replica (at least min.insync.replicas) has the record. */
  acks: "all";
  /** Retries cannot duplicate or reorder records. */
  "enable.idempotence": "true";
  /** Retry transient errors (leader moves, NOT_ENOUGH_REPLICAS) until delivery.timeout.ms runs out. */
  retries: string;
  /** At most 5 keeps ordering with idempotence on. */
  "max.in.flight.requests.per.connection": string;
  /** Upper bound on how long a send may take, retries included, before the callback gets an error. */
  "delivery.timeout.ms": string;
}

/** The producer keys whose value decides whether a send survives, or is written once; overrides of them are checked. */
export const PRODUCER_DURABILITY_KEYS = ["acks", "enable.idempotence", "retries"] as const;
export type ProducerDurabilityKey = (typeof PRODUCER_DURABILITY_KEYS)[number];

/** What a weak value of a producer key risks: losing records, or writing a retried record twice. */
export type ProducerRisk = "loss" | "duplicates";

export const PRODUCER_KEY_RISKS: Readonly<Record<ProducerDurabilityKey, ProducerRisk>> = {
  acks: "loss",
  retries: "loss",
  "enable.idempotence": "duplicates",
};

/** Consumer properties (Java client names; librdkafka accepts the same names). */
export interface DurableConsumerProperties {
  "group.id": string;
  /** Commit offsets only after the work is done; auto-commit can mark unprocessed records as consumed. */
  "enable.auto.commit": "false";
  /** A partition without committed offsets (e.g. one just added) is read from its start, not skipped. */
  "auto.offset.reset": "earliest";
}

export const INT32_MAX_RETRIES = "2147483647";
export const DEFAULT_DELIVERY_TIMEOUT_MS = 120_000;

export function durableProducerProperties(deliveryTimeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS): DurableProducerProperties {
  return {
    acks: "all",
    "enable.idempotence": "true",
    retries: INT32_MAX_RETRIES,
    "max.in.flight.requests.per.connection": "5",
    "delivery.timeout.ms": String(deliveryTimeoutMs),
  };
}

const ACKS_VALUES = ["all", "-1", "0", "1"];

/** Why a producer value loses or duplicates records, or undefined when it keeps the durable guarantee. */
const PRODUCER_VALUE_PROBLEMS: Record<ProducerDurabilityKey, (raw: unknown) => string | undefined> = {
  acks(raw) {
    const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : undefined;
    if (text === undefined || !ACKS_VALUES.includes(text)) {
      return `which is malformed (Kafka accepts ${ACKS_VALUES.join(", ")})`;
    }
    return text === "all" || text === "-1"
      ? undefined
      : "so a send counts as done before every in-sync replica has the record, and a leader crash loses it";
  },
  "enable.idempotence"(raw) {
    const parsed = parseKafkaBoolean(raw);
    if (!parsed.ok) return `which is malformed (${parsed.problem})`;
    return parsed.value
      ? undefined
      : "so a retried send can be written twice or out of order (a duplicate, not a loss)";
  },
  retries(raw) {
    const parsed = parseKafkaInt(raw);
    if (!parsed.ok) return `which is malformed (${parsed.problem})`;
    if (parsed.value < 0) return "which is malformed (retries must be at least 0)";
    return parsed.value === 0
      ? "so a transient error (a leader move, NOT_ENOUGH_REPLICAS) drops the record instead of retrying it"
      : undefined;
  },
};

/** A producer setting that weakens durability: a Kafka producer override, or a Redpanda Connect output's field. */
export interface WeakProducerSetting {
  /** The key as it appears in the config map, prefix included (or the field's path in a YAML config). */
  key: string;
  /** Undefined when the key is not set and its default is the weak value. */
  raw: unknown;
  problem: string;
  risk: ProducerRisk;
  /** The durable value, as the config map spells it. */
  durable: string | boolean;
  /** Whether leaving the key out is durable too, so removing it is a fix. */
  defaultIsDurable: boolean;
  /** Whose idempotence default applies, for the fix of a duplicate risk (e.g. "Kafka Connect's own default is false"). */
  idempotenceDefault: string;
}

/**
 * Finds producer overrides in a config map that weaken the durable producer settings, e.g. keys prefixed with
 * "producer." in a Connect worker config or "producer.override." in a connector config; only those keys are read,
 * and only the keys of one risk when `risk` is given.
 */
export function findWeakProducerSettings(
  config: Record<string, unknown>,
  { prefix, idempotenceDefault }: ProducerProperties,
  risk?: ProducerRisk,
): WeakProducerSetting[] {
  const durable = durableProducerProperties();
  const found: WeakProducerSetting[] = [];
  for (const key of PRODUCER_DURABILITY_KEYS) {
    if (risk !== undefined && PRODUCER_KEY_RISKS[key] !== risk) continue;
    const prefixed = `${prefix}${key}`;
    if (!Object.prototype.hasOwnProperty.call(config, prefixed)) continue;
    const raw = config[prefixed];
    if (raw === undefined || raw === null) continue;
    const problem = PRODUCER_VALUE_PROBLEMS[key](raw);
    if (problem !== undefined) {
      found.push({
        key: prefixed,
        raw,
        problem,
        risk: PRODUCER_KEY_RISKS[key],
        durable: durable[key],
        defaultIsDurable: PRODUCER_KEY_RISKS[key] === "loss",
        idempotenceDefault,
      });
    }
  }
  return found;
}

/** The rule for producer overrides that lose records (Kafka Connect, MirrorMaker 2, connectors). */
export const durableProducerOverrides: RuleMetadata = {
  id: "kafka-connect-durable-producer",
  title: "Connect, MirrorMaker 2 and platform-component producers do not lose records",
  description:
    "Producer overrides declared for Kafka Connect workers, connectors, MirrorMaker 2 and the servers that produce for their clients (Strimzi KafkaBridge, Confluent REST Proxy, ksqlDB), and the Kafka outputs of Redpanda Connect pipelines, must not lose records: acks other than all/-1 counts a send as done before the in-sync replicas have it, so a leader crash loses it; retries=0 drops a record on a transient error (a leader move, NOT_ENOUGH_REPLICAS).",
  remediation:
    'Remove the override (Kafka Connect\'s own producers use acks=all and retry without limit) or set it to the durable value: acks "all", retries above 0 — with the "producer." prefix in a Connect worker config and "producer.override." in a connector config; in Redpanda Connect YAML, ack_replicas: true on a kafka output and acks: all (the default) on the others.',
  severity: "high",
};

/** The rule for producer overrides that let retries duplicate records: a risk of its own, not a loss. */
export const idempotentProducerOverrides: RuleMetadata = {
  id: "kafka-connect-idempotent-producer",
  title: "Connect, MirrorMaker 2 and platform-component producers write a retried record once",
  description:
    "Producer overrides that set enable.idempotence=false let a retried send be written twice or out of order: a duplicate, not a loss. Kafka Connect turns idempotence off in the producers it creates unless it is configured (KAFKA-13759, Kafka 3.2 and later), so say true explicitly where duplicates matter.",
  remediation:
    'Set enable.idempotence to "true" with the "producer." prefix in a Connect worker config or "producer.override." in a connector config, or idempotent_write: true on a Redpanda Connect output (the cluster must grant the IDEMPOTENT_WRITE permission on clusters older than Kafka 2.8), or make the consumers tolerate duplicates.',
  severity: "medium",
};

/** The message for one weak producer setting, in the style of the topic rules. */
export function weakProducerMessage(
  subject: string,
  where: (key: string) => string,
  weak: WeakProducerSetting,
): string {
  const set = `set ${where(weak.key)} to ${JSON.stringify(weak.durable)}`;
  let fix = set;
  if (weak.risk === "duplicates") fix = `${set} (${weak.idempotenceDefault})`;
  else if (weak.defaultIsDurable) fix = `${set} or remove it (the default is durable)`;
  const value = weak.raw === undefined ? "is not set" : `is ${describeValue(weak.raw)}`;
  return `${subject}: ${where(weak.key)} ${value}, ${weak.problem}; ${fix}.`;
}

export function durableConsumerProperties(groupId: string): DurableConsumerProperties {
  return { "group.id": groupId, "enable.auto.commit": "false", "auto.offset.reset": "earliest" };
}

/** A Kafka client library that a preset is rendered for. */
export interface ClientPreset {
  id: "java-librdkafka" | "confluent-kafka-javascript" | "kafkajs";
  client: string;
  /** Still released and able to talk to current Kafka. */
  maintained: boolean;
  /** What the settings alone do not cover. */
  pitfall: string;
}

const AWAIT_EVERY_SEND =
  "await every send (or check the delivery report) and treat an error as not written: a fire-and-forget send is lost whatever the settings";

/** The clients kafkaguard has presets for, newest first. */
export const CLIENT_PRESETS: readonly ClientPreset[] = [
  {
    id: "java-librdkafka",
    client: "Java client, librdkafka and the clients built on it (property names: durableProducerProperties)",
    maintained: true,
    pitfall: AWAIT_EVERY_SEND,
  },
  {
    id: "confluent-kafka-javascript",
    client: "@confluentinc/kafka-javascript, KafkaJS-compatible API (confluentKafkaJsDurableSettings)",
    maintained: true,
    pitfall: `${AWAIT_EVERY_SEND}; acks, fromBeginning and autoCommit go in the producer and consumer configuration, not in send, subscribe and run`,
  },
  {
    id: "kafkajs",
    client: "KafkaJS 2.x (kafkaJsDurableSettings)",
    maintained: false,
    pitfall: `unmaintained (no release since 2022) and cannot talk to Kafka 4, which removed the protocol versions it sends; after a rejected send, replace the producer: KafkaJS 2.2.4 does not advance an idempotent producer's sequence numbers on failure, so a reused producer can be acknowledged for a batch it never wrote; ${AWAIT_EVERY_SEND}`,
  },
];

/**
 * The durable settings in the shape @confluentinc/kafka-javascript's KafkaJS-compatible API takes: `kafka.producer(
 * settings.producer)`, `kafka.consumer(settings.consumer)`. Unlike KafkaJS, it reads acks from the producer's
 * configuration and fromBeginning/autoCommit from the consumer's (it rejects them on send, subscribe and run).
 * The values are those of durableProducerProperties and durableConsumerProperties.
 */
export interface ConfluentKafkaJsDurableSettings {
  producer: { kafkaJS: { idempotent: true; acks: -1; maxInFlightRequests: number; retry: { retries: number } } };
  consumer: { kafkaJS: { groupId: string; fromBeginning: true; autoCommit: false } };
}

export function confluentKafkaJsDurableSettings(groupId: string): ConfluentKafkaJsDurableSettings {
  const producer = durableProducerProperties();
  return {
    producer: {
      kafkaJS: {
        idempotent: true,
        acks: -1,
        maxInFlightRequests: Number(producer["max.in.flight.requests.per.connection"]),
        // Without it the API sets librdkafka's retries to 5, which a leader failover can use up.
        retry: { retries: Number(producer.retries) },
      },
    },
    consumer: { kafkaJS: { groupId, fromBeginning: true, autoCommit: false } },
  };
}

/**
 * The same guarantees in the shape KafkaJS takes (`kafka.producer(...)`, `producer.send(...)`, `consumer.*`).
 * KafkaJS is unmaintained and cannot talk to Kafka 4 (see CLIENT_PRESETS for its pitfall): prefer
 * confluentKafkaJsDurableSettings. After a rejected send, replace the producer: KafkaJS 2.2.4 does not advance an
 * idempotent producer's sequence numbers on failure, so a reused producer can be acknowledged for a batch it never
 * wrote.
 */
export interface KafkaJsDurableSettings {
  producer: { idempotent: true; maxInFlightRequests: 1 };
  /** `acks: -1` is "all"; pass with every `producer.send` and await it. */
  send: { acks: -1 };
  consumer: { groupId: string };
  subscribe: { topics: string[]; fromBeginning: true };
  run: { autoCommit: false };
}

export function kafkaJsDurableSettings(topicName: string, groupId: string): KafkaJsDurableSettings {
  return {
    // KafkaJS keeps ordering under idempotence only with one request in flight; with idempotence on it
    // already retries without limit.
    producer: { idempotent: true, maxInFlightRequests: 1 },
    send: { acks: -1 },
    consumer: { groupId },
    subscribe: { topics: [topicName], fromBeginning: true },
    run: { autoCommit: false },
  };
}
