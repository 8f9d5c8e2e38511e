import { KafkaJS } from "@confluentinc/kafka-javascript";
import { confluentKafkaJsDurableSettings, durableConsumerProperties, durableProducerProperties } from "../../../core";
import { bootstrapServers } from "../../support/kafka-admin";
import { type ConsumerVariant, type PresetClient, type ProducerVariant, presetBehaviour, waitUntil } from "./harness";

/**
 * @confluentinc/kafka-javascript (librdkafka underneath), with both presets it can take: the librdkafka property
 * names (durableProducerProperties / durableConsumerProperties, as the Java client has them) and its
 * KafkaJS-compatible configuration shape (confluentKafkaJsDurableSettings). Runs on Kafka 3.x and 4.x.
 */

type ProducerConfig = KafkaJS.ProducerConstructorConfig;
type ConsumerConfig = KafkaJS.ConsumerConstructorConfig;

interface Shape {
  kafka: () => KafkaJS.Kafka;
  producer: (variant: ProducerVariant, deliveryTimeoutMs: number | undefined) => ProducerConfig;
  consumer: (groupId: string, variant: ConsumerVariant) => ConsumerConfig;
}

const QUIET = { log_level: 0 } as const;

/**
 * librdkafka reads every property as a string, as the Java client does, so the presets' values go in as they
 * are; the library's typings ask for booleans and numbers where librdkafka parses them.
 */
function asLibrdkafkaConfig<T>(properties: Record<string, string>): T {
  return properties as unknown as T;
}

/** librdkafka's own property names, the same as the Java client's. */
const librdkafkaProperties: Shape = {
  kafka: () => new KafkaJS.Kafka({ "bootstrap.servers": bootstrapServers().join(","), ...QUIET }),
  producer: (variant, deliveryTimeoutMs) =>
    asLibrdkafkaConfig<ProducerConfig>(
      variant === "preset"
        ? { ...durableProducerProperties(deliveryTimeoutMs) }
        : { acks: "1", "enable.idempotence": "false" },
    ),
  consumer: (groupId, variant) =>
    asLibrdkafkaConfig<ConsumerConfig>({
      ...durableConsumerProperties(groupId),
      ...(variant === "preset" ? {} : { "enable.auto.commit": "true" }),
    }),
};

/** The KafkaJS-compatible shape: everything in a kafkaJS block. */
const kafkaJsShape: Shape = {
  kafka: () => new KafkaJS.Kafka({ kafkaJS: { brokers: bootstrapServers(), logLevel: KafkaJS.logLevel.NOTHING } }),
  producer: (variant, deliveryTimeoutMs) =>
    variant === "preset"
      ? {
          ...confluentKafkaJsDurableSettings("unused").producer,
          // librdkafka's own name for the delivery timeout; the KafkaJS shape has none.
          ...(deliveryTimeoutMs === undefined ? {} : { "message.timeout.ms": deliveryTimeoutMs }),
        }
      : { kafkaJS: { acks: 1, idempotent: false } },
  consumer: (groupId, variant) => {
    const { consumer } = confluentKafkaJsDurableSettings(groupId);
    return variant === "preset" ? consumer : { kafkaJS: { ...consumer.kafkaJS, autoCommit: true } };
  },
};

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: unknown }).code;
  return `${error.name}: ${error.message}${code === undefined ? "" : ` (code ${String(code)})`}`;
}

function confluentClient(shape: Shape): PresetClient {
  return {
    async produce(topic, count, variant, { deliveryTimeoutMs }) {
      const producer = shape.kafka().producer(shape.producer(variant, deliveryTimeoutMs));
      await producer.connect();
      let acknowledged = 0;
      try {
        for (let n = 0; n < count; n++) {
          await producer.send({ topic, messages: [{ value: String(n), partition: 0 }] });
          acknowledged += 1;
        }
        return { acknowledged };
      } catch (error) {
        return { acknowledged, error: describeError(error) };
      } finally {
        await producer.disconnect();
      }
    },

    async consume(topic, groupId, count, variant) {
      const consumer = shape.kafka().consumer(shape.consumer(groupId, variant));
      const offsets: number[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic] });
        await consumer.run({
          eachMessage: async ({ message }) => {
            offsets.push(Number(message.offset));
          },
        });
        await waitUntil(() => offsets.length >= count, 90_000, `${groupId} reading ${count} messages of ${topic}`);
      } finally {
        await consumer.disconnect();
      }
      return offsets;
    },
  };
}

presetBehaviour("librdkafka property names in @confluentinc/kafka-javascript", () =>
  confluentClient(librdkafkaProperties),
);
presetBehaviour("@confluentinc/kafka-javascript, KafkaJS-compatible shape", () => confluentClient(kafkaJsShape));
