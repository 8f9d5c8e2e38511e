import { Kafka, Partitioners, logLevel } from "kafkajs";
import { kafkaJsDurableSettings } from "../../../core";
import { bootstrapServers } from "../../support/kafka-admin";
import { type PresetClient, presetBehaviour, waitUntil } from "./harness";

/**
 * KafkaJS 2.2.4 with kafkaJsDurableSettings. KafkaJS is unmaintained and cannot talk to Kafka 4 (it sends protocol
 * versions that Kafka 4 removed): this file runs on Kafka 3.x only.
 */

const kafka = () =>
  new Kafka({ clientId: "kafkaguard-preset", brokers: bootstrapServers(), logLevel: logLevel.NOTHING });

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: Error & { type?: string } }).cause;
  return `${error.name}: ${error.message}${cause?.type === undefined ? "" : ` (${cause.type})`}`;
}

const kafkaJsClient: PresetClient = {
  async produce(topic, count, variant, { deliveryTimeoutMs }) {
    const settings = kafkaJsDurableSettings(topic, "unused");
    const producer = kafka().producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      ...(variant === "preset" ? settings.producer : { idempotent: false }),
      // The preset retries without limit; a bounded send has to give up.
      ...(deliveryTimeoutMs === undefined ? {} : { retry: { retries: 2, maxRetryTime: deliveryTimeoutMs / 4 } }),
    });
    await producer.connect();
    let acknowledged = 0;
    try {
      for (let n = 0; n < count; n++) {
        await producer.send({
          topic,
          messages: [{ value: String(n), partition: 0 }],
          ...(variant === "preset" ? settings.send : { acks: 1 }),
        });
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
    const settings = kafkaJsDurableSettings(topic, groupId);
    const consumer = kafka().consumer(settings.consumer);
    const offsets: number[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe(settings.subscribe);
      await consumer.run({
        ...(variant === "preset" ? settings.run : { autoCommit: true }),
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

presetBehaviour("KafkaJS 2.2.4 (unmaintained, Kafka 3.x only)", () => kafkaJsClient);
