import { type Consumer, Kafka, Partitioners, type ProducerConfig, logLevel } from "kafkajs";
import { kafkaJsDurableSettings } from "../../../core";
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
 * KafkaJS 2.2.4 on kafkaJsDurableSettings, for the durability scenarios. KafkaJS cannot talk to Kafka 4, so this
 * runs on Kafka 3.x only: the record of what its preset does, and of its pitfall.
 */

function createKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrapServers(),
    // Broker kills make KafkaJS log every refused connection; the figures say what matters.
    logLevel: logLevel.NOTHING,
    // A JVM on a busy 2-core machine may take over a second to accept a connection.
    connectionTimeout: 5_000,
  });
}

/** The partitioner KafkaJS uses by default (Java-compatible murmur2 of the key), named so it does not warn. */
const PARTITIONER = { createPartitioner: Partitioners.DefaultPartitioner };

let shared: Kafka | undefined;
// Created on first use: the bootstrap servers come from scripts/lib/common.sh, run once per process.
const kafka = () => (shared ??= createKafka("durability-proof"));

const admins = kafkaJsStyleAdmin(() => kafka().admin());

/**
 * KafkaJS takes acks and the broker-side timeout per send, not per producer. Each unsafe setting starts from KafkaJS's
 * defaults (no idempotence; on retries, 5 with backoff).
 */
const SETTINGS: Record<ProducerSettings, { producer: ProducerConfig; send: { acks: number } }> = {
  preset: (({ producer, send }) => ({ producer, send }))(kafkaJsDurableSettings("unused", "unused")),
  "acks=1": { producer: {}, send: { acks: 1 } },
  "acks=0": { producer: {}, send: { acks: 0 } },
  "retries=0": { producer: { retry: { retries: 0 } }, send: { acks: -1 } },
};

async function producer(options: ProducerOptions): Promise<TestProducer> {
  const { producer: settings, send } = SETTINGS[options.settings];
  const created = kafka().producer({
    ...settings,
    ...PARTITIONER,
    ...(options.bounded ? { retry: { retries: 1, initialRetryTime: 300, maxRetryTime: 2_000 } } : {}),
    ...(options.metadataMaxAgeMs === undefined ? {} : { metadataMaxAge: options.metadataMaxAgeMs }),
  });
  await created.connect();
  return {
    async send(topic, messages) {
      await created.send({ topic, messages, ...send, ...(options.bounded ? { timeout: 2_500 } : {}) });
    },
    disconnect: () => created.disconnect(),
  };
}

class KafkaJsReader extends TopicReader {
  /** Brokers whose fetch started after the last rebalance, and those of them that answered. */
  private readonly fetchStarted = new Set<number>();
  private readonly fetchedFrom = new Set<number>();

  private constructor(
    options: ReaderOptions,
    private readonly consumer: Consumer,
  ) {
    super(options);
  }

  static async start(options: ReaderOptions): Promise<KafkaJsReader> {
    const preset = kafkaJsDurableSettings(options.topic, options.groupId);
    const consumer = kafka().consumer({
      ...preset.consumer,
      maxWaitTimeInMs: 250,
      ...(options.metadataMaxAgeMs === undefined ? {} : { metadataMaxAge: options.metadataMaxAgeMs }),
    });
    const reader = new KafkaJsReader(options, consumer);
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      reader.assigned = [...(event.payload.memberAssignment[options.topic] ?? [])].sort((a, b) => a - b);
      reader.joins.push(Date.now());
      reader.fetchStarted.clear();
      reader.fetchedFrom.clear();
    });
    // KafkaJS reports node ids as strings here, whatever its types say.
    consumer.on(consumer.events.FETCH_START, (event) => reader.fetchStarted.add(Number(event.payload.nodeId)));
    consumer.on(consumer.events.FETCH, (event) => {
      const node = Number(event.payload.nodeId);
      if (reader.fetchStarted.has(node)) reader.fetchedFrom.add(node);
    });
    consumer.on(consumer.events.REQUEST, (event) => {
      if (event.payload.apiName === "Metadata") reader.metadataRefreshes.push(Date.now());
    });
    await consumer.connect();
    await consumer.subscribe({ ...preset.subscribe, fromBeginning: options.start === "earliest" });
    await consumer.run({
      ...preset.run,
      eachBatch: ({ batch }) =>
        reader.readBatch(batch.partition, batch.messages, (offset) =>
          consumer.commitOffsets([{ topic: options.topic, partition: batch.partition, offset }]),
        ),
    });
    return reader;
  }

  /** A fetch from a partition's leader since the last rebalance has resolved the partition's start offset. */
  isReadyFor(partitions: PartitionInfo[]): boolean {
    return this.isAssignedExactly(partitions) && partitions.every((p) => this.fetchedFrom.has(p.leader));
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

function handOffConsumer(
  options: { topic: string; groupId: string; autoCommit: boolean },
  deliver: (message: DeliveredMessage) => void,
): Promise<HandOffConsumer> {
  // The shortest session the broker allows by default: a killed member's partitions move on after 6 s.
  const consumer = kafka().consumer({ groupId: options.groupId, maxWaitTimeInMs: 250, sessionTimeout: 6_000 });
  return kafkaJsStyleHandOff(consumer, options.topic, deliver, {
    subscribe: { fromBeginning: true },
    run: { autoCommit: options.autoCommit, autoCommitInterval: 500 },
  });
}

export const kafkaJsClient: DurabilityClient = {
  id: "kafkajs",
  name: "KafkaJS 2.2.4",
  preset: "kafkaJsDurableSettings",
  reusedProducerAfterFailedSendLoses: true,
  producer,
  reader: (options) => KafkaJsReader.start(options),
  partitions: (topic) =>
    admins.withAdmin(async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return partitionInfos(topics[0]?.partitions ?? []);
    }),
  endOffsets: admins.endOffsets,
  committedOffsets: admins.committedOffsets,
  handOffConsumer,
  addPartitions: (topic, count) =>
    admins.withAdmin(async (admin) => {
      await admin.createPartitions({ topicPartitions: [{ topic, count }] });
    }),
  deleteGroups: admins.deleteGroups,
};
