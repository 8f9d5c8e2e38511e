import type { PartitionInfo, ReaderOptions, TestProducer, TopicReader } from "./workload";

/**
 * What the durability scenarios need from a client library: producers and consumer-group readers on its durable
 * preset (or the unsafe settings of the contrast), and a look at the cluster through its admin client. One
 * implementation per library (kafkajs-client.ts, confluent-client.ts), so each scenario is written once.
 */

export interface ProducerOptions {
  /** "preset": the client's durable preset. "unsafe": acks=1 and no idempotence, the settings the pack rejects. */
  settings: "preset" | "unsafe";
  /**
   * Give up instead of waiting: the presets retry without limit (KafkaJS) or for a 2-minute delivery timeout
   * (librdkafka), so during an outage a send would simply wait for it to end. Bounded, a send fails within seconds
   * (broker-side timeout 2.5 s).
   */
  bounded?: boolean;
  /** How often the producer refreshes metadata, i.e. how soon it writes to new partitions. */
  metadataMaxAgeMs?: number;
}

export interface DurabilityClient {
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
  /** Deletes the consumer groups whose id starts with the prefix. */
  deleteGroups(prefix: string): Promise<void>;
}

/** The admin calls that KafkaJS and the KafkaJS-compatible API of @confluentinc/kafka-javascript share. */
export interface KafkaJsStyleAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  fetchTopicOffsets(topic: string): Promise<{ partition: number; high: string; low: string }[]>;
  listGroups(): Promise<{ groups: { groupId: string }[] }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
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
    deleteGroups: (prefix: string) =>
      withAdmin(async (admin) => {
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
        if (groups.length > 0) await admin.deleteGroups(groups);
      }),
  };
}
