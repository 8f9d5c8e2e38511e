import type { PartitionInfo, ReaderOptions, TestProducer, TopicReader } from "./workload";

/**
 * What the durability scenarios need from a client library: producers and consumer-group readers on its durable
 * preset (or the unsafe settings of the contrast), and a look at the cluster through its admin client. One
 * implementation per library (kafkajs-client.ts, confluent-client.ts), so each scenario is written once.
 */

/**
 * The producer settings the scenarios compare. "preset" is the client's durable preset; each other one changes
 * one thing the pack rejects (idempotence goes with it: it needs acks=all and retries):
 * - "acks=1": a send counts once the leader alone has it;
 * - "acks=0": fire and forget, a send counts once it is written to the socket;
 * - "retries=0": acks=all, but a send that fails once is not retried.
 */
export type ProducerSettings = "preset" | "acks=1" | "acks=0" | "retries=0";

export interface ProducerOptions {
  settings: ProducerSettings;
  /**
   * Give up instead of waiting: the presets retry without limit (KafkaJS) or for a 2-minute delivery timeout
   * (librdkafka), so during an outage a send would simply wait for it to end. Bounded, a send fails within seconds
   * (broker-side timeout 2.5 s).
   */
  bounded?: boolean;
  /** How often the producer refreshes metadata, i.e. how soon it writes to new partitions. */
  metadataMaxAgeMs?: number;
}

export type DurabilityClientId = "kafkajs" | "confluent";

export interface DurabilityClient {
  /** Its name in clients.ts, by which a process of its own (hand-off-worker.ts) loads it. */
  id: DurabilityClientId;
  /** Library and version, e.g. "KafkaJS 2.2.4". */
  name: string;
  /** The kafkaguard preset it runs on, e.g. "kafkaJsDurableSettings". */
  preset: string;
  /**
   * Whether a producer whose send failed may acknowledge a later batch without writing it (the KafkaJS pitfall of
   * docs/durability-proof.md): the proof then records the pitfall; for any other client it asserts 0 lost there too.
   */
  reusedProducerAfterFailedSendLoses: boolean;
  producer(options: ProducerOptions): Promise<TestProducer>;
  reader(options: ReaderOptions): Promise<TopicReader>;
  /** The topic's partitions as the brokers report them, sorted; rejects while the broker asked is dying. */
  partitions(topic: string): Promise<PartitionInfo[]>;
  /** Partition → end offset (high watermark) of every partition that holds messages. */
  endOffsets(topic: string): Promise<Map<number, bigint>>;
  /** Grows the topic to `count` partitions (CreatePartitions). */
  addPartitions(topic: string, count: number): Promise<void>;
  /** Partition → the group's committed offset (-1 where it has none). */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, bigint>>;
  /**
   * A group member that hands each message to `deliver` and returns at once, as a consumer that passes work to a
   * worker does. With autoCommit the library commits what it delivered, on a 500 ms timer; without, nothing is
   * committed but what the caller commits. It starts at earliest where the group has no offset.
   */
  handOffConsumer(
    options: { topic: string; groupId: string; autoCommit: boolean },
    deliver: (message: DeliveredMessage) => void,
  ): Promise<HandOffConsumer>;
  /** Deletes the consumer groups whose id starts with the prefix. */
  deleteGroups(prefix: string): Promise<void>;
}

export interface DeliveredMessage {
  partition: number;
  offset: string;
  value: string;
}

export interface HandOffConsumer {
  /** Commits `nextOffset` (one past the last message processed) for the partition. */
  commit(partition: number, nextOffset: string): Promise<void>;
  stop(): Promise<void>;
}

/** The admin calls that KafkaJS and the KafkaJS-compatible API of @confluentinc/kafka-javascript share. */
export interface KafkaJsStyleAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  fetchTopicOffsets(topic: string): Promise<{ partition: number; high: string; low: string }[]>;
  listGroups(): Promise<{ groups: { groupId: string }[] }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
  fetchOffsets(options: {
    groupId: string;
    topics: string[];
  }): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** Partition metadata in the shape both admin APIs return it, as the scenarios read it, sorted by partition. */
export function partitionInfos(
  partitions: readonly { partitionId: number; leader: number; replicas: number[]; isr: number[] }[],
): PartitionInfo[] {
  return partitions
    .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
    .sort((a, b) => a.partition - b.partition);
}

/** The shared calls, each on an admin of its own: they are few, and none holds a connection across a broker kill. */
export function kafkaJsStyleAdmin<A extends KafkaJsStyleAdmin>(create: () => A) {
  const withAdmin = async <T>(use: (admin: A) => Promise<T>): Promise<T> => {
    const admin = create();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  };
  return {
    withAdmin,
    endOffsets: (topic: string) =>
      withAdmin(async (admin) => {
        const offsets = await admin.fetchTopicOffsets(topic);
        return new Map(
          offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)] as const),
        );
      }),
    committedOffsets: (groupId: string, topic: string) =>
      withAdmin(async (admin) => {
        const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
        return new Map((offsets?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)] as const));
      }),
    deleteGroups: (prefix: string) =>
      withAdmin(async (admin) => {
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
        if (groups.length > 0) await admin.deleteGroups(groups);
      }),
  };
}

/** The consumer calls of the hand-off scenario that both KafkaJS-style APIs share. */
export interface KafkaJsStyleConsumer {
  connect(): Promise<void>;
  subscribe(subscription: { topics: string[]; fromBeginning?: boolean }): Promise<void>;
  run(handlers: {
    eachMessage: (payload: { partition: number; message: { offset: string; value: Buffer | null } }) => Promise<void>;
    autoCommit?: boolean;
    autoCommitInterval?: number;
  }): Promise<void>;
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** KafkaJS takes the offset reset and auto-commit here; the Confluent API only in the consumer's config. */
export interface HandOffOptions {
  subscribe?: { fromBeginning: boolean };
  run?: { autoCommit: boolean; autoCommitInterval: number };
}

/**
 * A hand-off consumer: it delivers every message to the worker, and commits only what the worker says it has
 * processed (or, with auto-commit, whatever it has delivered).
 */
export async function kafkaJsStyleHandOff(
  consumer: KafkaJsStyleConsumer,
  topic: string,
  deliver: (message: DeliveredMessage) => void,
  options: HandOffOptions = {},
): Promise<HandOffConsumer> {
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], ...options.subscribe });
  await consumer.run({
    ...options.run,
    eachMessage: async ({ partition, message }) =>
      deliver({ partition, offset: message.offset, value: message.value?.toString() ?? "" }),
  });
  return {
    commit: (partition, offset) => consumer.commitOffsets([{ topic, partition, offset }]),
    stop: () => consumer.disconnect(),
  };
}
