import { AdminClient, KafkaJS } from "@confluentinc/kafka-javascript";
import { confluentKafkaJsDurableSettings } from "../../../core";
import {
  type DeliveredMessage,
  type DurabilityClient,
  type HandOffConsumer,
  type ProducerOptions,
  type ProducerSettings,
  kafkaJsStyleAdmin,
  kafkaJsStyleHandOff,
  partitionInfos,
} from "./client";
import { bootstrapServers } from "./cluster";
import { type PartitionInfo, type ReaderOptions, type TestProducer, TopicReader } from "./workload";

/**
 * @confluentinc/kafka-javascript (librdkafka underneath) on confluentKafkaJsDurableSettings, for the durability
 * scenarios: Confluent's maintained client, which talks to Kafka 4 as well as 3.x.
 */

export const CONFLUENT_CLIENT = "@confluentinc/kafka-javascript 1.10.1";

let shared: KafkaJS.Kafka | undefined;
// Created on first use: the bootstrap servers come from scripts/lib/common.sh, run once per process.
const kafka = () =>
  (shared ??= new KafkaJS.Kafka({
    kafkaJS: { brokers: bootstrapServers(), logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: 5_000 },
  }));

const admins = kafkaJsStyleAdmin(() => kafka().admin());

/** Each unsafe setting turns idempotence off, which needs acks=all and retries. */
const SETTINGS: Record<ProducerSettings, KafkaJS.ProducerConfig> = {
  preset: confluentKafkaJsDurableSettings("unused").producer.kafkaJS,
  "acks=1": { acks: 1, idempotent: false },
  "acks=0": { acks: 0, idempotent: false },
  "retries=0": { acks: -1, idempotent: false, retry: { retries: 0 } },
};

async function producer(options: ProducerOptions): Promise<TestProducer> {
  const kafkaJS = SETTINGS[options.settings];
  const created = kafka().producer({
    kafkaJS: {
      ...kafkaJS,
      ...(options.metadataMaxAgeMs === undefined ? {} : { metadataMaxAge: options.metadataMaxAgeMs }),
    },
    // librdkafka's names: the broker-side timeout, and the delivery timeout that bounds retries (the preset's
    // delivery.timeout.ms); the KafkaJS shape has neither.
    ...(options.bounded ? { "request.timeout.ms": 2_500, "message.timeout.ms": 6_000 } : {}),
  });
  await created.connect();
  return {
    async send(topic, messages) {
      await created.send({ topic, messages });
    },
    disconnect: () => created.disconnect(),
  };
}

/** The part of librdkafka's statistics (statistics.interval.ms) the reader looks at. */
interface Statistics {
  /** When the report was made, on librdkafka's monotonic clock (µs). */
  ts?: number;
  topics?: Record<
    string,
    { metadata_age?: number; partitions?: Record<string, { desired?: boolean; fetch_state?: string }> }
  >;
}

class ConfluentReader extends TopicReader {
  /** Statistics received since the last assignment, and the partitions they show fetching from a resolved offset. */
  private statisticsSinceJoin = 0;
  private fetching = new Set<number>();
  /** The last metadata refresh seen, on librdkafka's clock (ms). */
  private lastRefresh = Number.NEGATIVE_INFINITY;
  private consumer: KafkaJS.Consumer | undefined;

  static async start(options: ReaderOptions): Promise<ConfluentReader> {
    const { kafkaJS } = confluentKafkaJsDurableSettings(options.groupId).consumer;
    const reader = new ConfluentReader(options);
    const consumer = kafka().consumer({
      kafkaJS: {
        ...kafkaJS,
        fromBeginning: options.start === "earliest",
        ...(options.metadataMaxAgeMs === undefined ? {} : { metadataMaxAge: options.metadataMaxAgeMs }),
      },
      // librdkafka reports no metadata refresh or fetch start as an event; its statistics show both (1 s is
      // their finest granularity).
      "statistics.interval.ms": 1_000,
      stats_cb: (event: { message: string }) => reader.onStatistics(event.message),
      rebalance_cb: (error: { code: number }, assignment: KafkaJS.TopicPartition[]) =>
        reader.onRebalance(error.code, assignment),
    });
    reader.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic] });
    await consumer.run({
      eachBatch: ({ batch }) =>
        reader.readBatch(batch.partition, batch.messages, (offset) =>
          consumer.commitOffsets([{ topic: options.topic, partition: batch.partition, offset }]),
        ),
    });
    return reader;
  }

  // Returns nothing: the library then assigns or revokes as it would without the callback.
  private onRebalance(code: number, assignment: KafkaJS.TopicPartition[]): void {
    const partitions = assignment.filter((tp) => tp.topic === this.options.topic).map((tp) => tp.partition);
    if (code === KafkaJS.ErrorCodes.ERR__ASSIGN_PARTITIONS) {
      this.assigned = [...new Set([...this.assigned, ...partitions])].sort((a, b) => a - b);
      this.joins.push(Date.now());
    } else if (code === KafkaJS.ErrorCodes.ERR__REVOKE_PARTITIONS) {
      this.assigned = this.assigned.filter((p) => !partitions.includes(p));
    }
    this.statisticsSinceJoin = 0;
    this.fetching.clear();
  }

  private onStatistics(json: string): void {
    const statistics = JSON.parse(json) as Statistics;
    const topic = statistics.topics?.[this.options.topic];
    if (topic === undefined) return;
    if (topic.metadata_age !== undefined && statistics.ts !== undefined) {
      // On librdkafka's own clock, so that a report delivered late on a busy machine is not taken for a new refresh.
      const refreshed = statistics.ts / 1000 - topic.metadata_age;
      if (Math.abs(refreshed - this.lastRefresh) > 100) {
        this.lastRefresh = refreshed;
        this.metadataRefreshes.push(Date.now() - topic.metadata_age);
      }
    }
    this.statisticsSinceJoin += 1;
    this.fetching = new Set(
      Object.entries(topic.partitions ?? {})
        .filter(([, p]) => p.desired === true && p.fetch_state === "active")
        .map(([id]) => Number(id)),
    );
  }

  /**
   * "active" is librdkafka's fetch state once the start offset is resolved. A report can be generated before a
   * rebalance and delivered after it; the second one after it cannot.
   */
  isReadyFor(partitions: PartitionInfo[]): boolean {
    return (
      this.isAssignedExactly(partitions) &&
      this.statisticsSinceJoin >= 2 &&
      partitions.every((p) => this.fetching.has(p.partition))
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function handOffConsumer(
  options: { topic: string; groupId: string; autoCommit: boolean },
  deliver: (message: DeliveredMessage) => void,
): Promise<HandOffConsumer> {
  const consumer = kafka().consumer({
    kafkaJS: {
      groupId: options.groupId,
      fromBeginning: true,
      autoCommit: options.autoCommit,
      autoCommitInterval: 500,
      // The shortest session the broker allows by default: a killed member's partitions move on after 6 s.
      sessionTimeout: 6_000,
    },
  });
  return kafkaJsStyleHandOff(consumer, options.topic, deliver);
}

export const confluentClient: DurabilityClient = {
  id: "confluent",
  name: CONFLUENT_CLIENT,
  preset: "confluentKafkaJsDurableSettings",
  reusedProducerAfterFailedSendLoses: false,
  producer,
  reader: (options) => ConfluentReader.start(options),
  partitions: (topic) =>
    admins.withAdmin(async (admin) => {
      const [metadata] = await admin.fetchTopicMetadata({ topics: [topic], timeout: 10_000 });
      return partitionInfos(metadata?.partitions ?? []);
    }),
  endOffsets: admins.endOffsets,
  committedOffsets: admins.committedOffsets,
  handOffConsumer,
  // The KafkaJS-compatible admin has no createPartitions; the library's librdkafka admin client does.
  addPartitions: (topic, count) => {
    const admin = AdminClient.create({ "bootstrap.servers": bootstrapServers().join(","), log_level: 0 });
    return new Promise<void>((resolve, reject) =>
      admin.createPartitions(topic, count, 30_000, (error) => (error ? reject(error) : resolve())),
    ).finally(() => admin.disconnect());
  },
  deleteGroups: admins.deleteGroups,
};
