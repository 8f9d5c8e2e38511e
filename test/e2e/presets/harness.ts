import { KafkaJS } from "@confluentinc/kafka-javascript";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapServers, kafkaTool } from "../../support/kafka-admin";
import { killNode, restartNode, waitForTopics } from "../durability/cluster";

/**
 * What the client presets promise, checked by behaviour on the real cluster, for any client: the producer is
 * idempotent and waits for all in-sync replicas (acks=all), the consumer reads a new group from the start and
 * commits nothing on its own. Each client's test file hands its preset to its real client through a PresetClient.
 */

/** How a client is configured: the kafkaguard preset, or the contrast that lacks the promised behaviour. */
export type ProducerVariant = "preset" | "acks=1, no idempotence";
export type ConsumerVariant = "preset" | "auto-commit on";

export interface ProduceOutcome {
  acknowledged: number;
  /** The error of the first send that failed, if one did. */
  error?: string;
}

export interface PresetClient {
  /** Sends messages "0".."count-1" to partition 0, one awaited send each, and stops at the first failure. */
  produce(
    topic: string,
    count: number,
    variant: ProducerVariant,
    options: { deliveryTimeoutMs?: number },
  ): Promise<ProduceOutcome>;
  /** A consumer in a new group reads until it has `count` messages, then leaves; returns the offsets it read. */
  consume(topic: string, groupId: string, count: number, variant: ConsumerVariant): Promise<number[]>;
}

export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function waitUntil(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Producer ids the partition keeps state for: only idempotent (or transactional) producers get one. */
export async function producerIdsOf(topic: string): Promise<number[]> {
  const table = await kafkaTool("org.apache.kafka.tools.TransactionsCommand", [
    "--bootstrap-server",
    bootstrapServers().join(","),
    "describe-producers",
    "--topic",
    topic,
    "--partition",
    "0",
  ]);
  // A header line "ProducerId  ProducerEpoch  ...", then one line per producer.
  return table
    .split("\n")
    .map((line) => /^\s*(\d+)\s+\d+/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);
}

/**
 * The shared tests. `client` is created once for the file; `label` names it in the test titles.
 */
export function presetBehaviour(label: string, client: () => PresetClient): void {
  describe(`${label}: the durable presets, handed to the real client`, () => {
    let admin: KafkaJS.Admin;
    const topics: string[] = [];

    const createTopic = async (prefix: string, replicationFactor: number, minInsyncReplicas: number) => {
      const topic = uniqueName(prefix);
      await admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: 1,
            replicationFactor,
            configEntries: [{ name: "min.insync.replicas", value: String(minInsyncReplicas) }],
          },
        ],
      });
      topics.push(topic);
      await waitForTopics([topic]);
      return topic;
    };

    /** The group's committed offset of partition 0, or undefined when it has none. */
    const committedOffset = async (groupId: string, topic: string) => {
      const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const offset = Number(result?.partitions.find((p) => p.partition === 0)?.offset ?? -1);
      return offset >= 0 ? offset : undefined;
    };

    /** Every partition of the cluster whose in-sync replicas are `node` alone, as "topic-partition". */
    const partitionsLedOnlyBy = async (node: number) => {
      const metadata = await admin.fetchTopicMetadata();
      return metadata.flatMap(({ name, partitions }) =>
        partitions
          .filter(({ isr }) => isr.length === 1 && isr[0] === node)
          .map(({ partitionId }) => `${name}-${partitionId}`),
      );
    };

    beforeAll(async () => {
      const kafka = new KafkaJS.Kafka({
        kafkaJS: { brokers: bootstrapServers(), logLevel: KafkaJS.logLevel.NOTHING },
      });
      admin = kafka.admin();
      await admin.connect();
    });

    afterAll(async () => {
      if (topics.length > 0) await admin?.deleteTopics({ topics, timeout: 30_000 }).catch(() => undefined);
      await admin?.disconnect();
    });

    it("the producer is idempotent: the partition keeps its producer id (an unsafe producer gets none)", async () => {
      const durable = await createTopic("preset-idempotent", 3, 2);
      expect(await client().produce(durable, 20, "preset", {})).toEqual({ acknowledged: 20 });
      expect(await producerIdsOf(durable)).toHaveLength(1);

      const unsafe = await createTopic("preset-not-idempotent", 3, 2);
      expect(await client().produce(unsafe, 20, "acks=1, no idempotence", {})).toEqual({ acknowledged: 20 });
      expect(await producerIdsOf(unsafe)).toEqual([]);
    });

    it("the producer waits for all in-sync replicas: with one of 3 replicas down and min.insync.replicas 3 it is refused, acks=1 is not", async () => {
      const topic = await createTopic("preset-acks-all", 3, 3);
      const [partition] = (await admin.fetchTopicMetadata({ topics: [topic] }))[0]?.partitions ?? [];
      const follower = partition?.replicas.find((id) => id !== partition.leader);
      if (follower === undefined) throw new Error(`${topic}: no follower in ${JSON.stringify(partition)}`);
      // The kill must affect this topic only: a partition whose only in-sync replica is the follower would be
      // left without a leader, and some clients (KafkaJS) then cannot connect at all.
      expect(await partitionsLedOnlyBy(follower), `partitions that would lose their leader`).toEqual([]);
      await killNode(follower, { waitUntilFenced: true });
      try {
        // Fewer than 3 replicas can confirm a write: an acks=all write cannot be acknowledged (the leader answers
        // NOT_ENOUGH_REPLICAS once the ISR has shrunk, and times out while it still names the dead node); an acks=1
        // write is acknowledged by the leader alone.
        const refused = await client().produce(topic, 1, "preset", { deliveryTimeoutMs: 10_000 });
        expect(refused.acknowledged).toBe(0);
        expect(refused.error).toMatch(
          /NOT_ENOUGH_REPLICAS|NotEnoughReplicas|not enough replicas|timed[ _]out|Expiring \d+ record/i,
        );
        expect(await client().produce(topic, 1, "acks=1, no idempotence", {})).toEqual({ acknowledged: 1 });
      } finally {
        await restartNode(follower);
      }
    });

    it("the consumer reads a new group from the start and commits nothing by itself (auto-commit on does)", async () => {
      const topic = await createTopic("preset-consumer", 3, 2);
      expect(await client().produce(topic, 10, "preset", {})).toEqual({ acknowledged: 10 });

      const presetGroup = uniqueName("preset-group");
      const read = await client().consume(topic, presetGroup, 10, "preset");
      expect(read.slice().sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(await committedOffset(presetGroup, topic)).toBeUndefined();

      const autoCommitGroup = uniqueName("auto-commit-group");
      expect(await client().consume(topic, autoCommitGroup, 10, "auto-commit on")).toHaveLength(10);
      expect(await committedOffset(autoCommitGroup, topic)).toBe(10);
    });
  });
}
