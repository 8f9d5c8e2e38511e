/**
 * Durable client settings: what a producer and a consumer need so that what the topic keeps is also
 * what the application sent and processed. One definition, rendered for Java/librdkafka and for KafkaJS.
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

export function durableConsumerProperties(groupId: string): DurableConsumerProperties {
  return { "group.id": groupId, "enable.auto.commit": "false", "auto.offset.reset": "earliest" };
}

/** The same guarantees in the shape KafkaJS takes (`kafka.producer(...)`, `producer.send(...)`, `consumer.*`). */
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
