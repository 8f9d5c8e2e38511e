import type { LivePartition, LiveTopic } from "./live-cluster";
import type { RuleMetadata } from "./rules";
import type { TopicDurability } from "./topic-durability";

/** A rule only a running cluster can decide: the state of its partitions right now. */
export interface LivePartitionRule extends RuleMetadata {
  check(topic: LiveTopic, durability: TopicDurability): string[];
}

const SHOWN_PARTITIONS = 10;

function partitionList(partitions: readonly LivePartition[]): string {
  const ids = partitions.map((partition) => partition.partition);
  const shown = ids.slice(0, SHOWN_PARTITIONS).join(", ");
  const more = ids.length > SHOWN_PARTITIONS ? ` and ${ids.length - SHOWN_PARTITIONS} more` : "";
  return `${ids.length === 1 ? "partition" : "partitions"} ${shown}${more}`;
}

/** What to do about these partitions' ISR: bring back the replicas that are out of it. */
function isrRemedy(partitions: readonly LivePartition[]): string {
  const missing = new Set<number>();
  for (const partition of partitions) {
    for (const replica of partition.replicas) if (!partition.isr.includes(replica)) missing.add(replica);
  }
  const ids = [...missing].sort((a, b) => a - b);
  if (ids.length === 0) return "raise the replication factor above min.insync.replicas";
  return `bring ${ids.length === 1 ? `broker ${ids[0]}` : `brokers ${ids.join(", ")}`} back into the ISR`;
}

/** A partition with a replica out of the ISR; one whose every replica is in sync is a configuration finding. */
const isShrunk = (partition: LivePartition) => partition.isr.length < partition.replicas.length;

const isOffline = (partition: LivePartition) => partition.leader < 0;

export const offlinePartitions: LivePartitionRule = {
  id: "kafka-live-offline-partitions",
  title: "Every partition has a leader",
  description:
    "A partition without a leader (offline) accepts no writes and serves no reads: every broker that holds one of its in-sync replicas is down.",
  remediation:
    "Bring back the brokers that hold the partition's replicas. Do not enable unclean leader election to get it back: the replica it would elect lacks acknowledged messages.",
  severity: "critical",
  check(topic) {
    const offline = topic.partitions.filter(isOffline);
    if (offline.length === 0) return [];
    const holders = [...new Set(offline.flatMap((partition) => partition.replicas))].sort((a, b) => a - b);
    const one = offline.length === 1;
    const brokers =
      holders.length === 1 ? `broker ${holders[0]}, which holds` : `brokers ${holders.join(", ")}, which hold`;
    return [
      `Topic "${topic.name}": ${partitionList(offline)} ${one ? "has" : "have"} no leader, so ${one ? "it accepts" : "they accept"} no writes and serve${one ? "s" : ""} no reads; bring back ${brokers} ${one ? "its" : "their"} replicas.`,
    ];
  },
};

export const isrAtMinInsync: LivePartitionRule = {
  id: "kafka-live-isr-at-min-insync",
  title: "Partitions have in-sync replicas to spare",
  description:
    "A partition whose in-sync replicas are at its effective min.insync.replicas blocks acks=all writes at the next broker failure; below it, acks=all writes fail now with NOT_ENOUGH_REPLICAS.",
  remediation:
    "Bring the out-of-sync replicas back (restart the broker, check its disk and network, wait for it to catch up) before any other broker is stopped.",
  severity: "high",
  check(topic, durability) {
    const minIsr = durability.minInsyncReplicas;
    if (!minIsr.ok) return []; // A malformed value is the topic rules' finding.
    const online = topic.partitions.filter((partition) => !isOffline(partition));
    const below = online.filter((partition) => partition.isr.length < minIsr.value);
    const at = online.filter((partition) => partition.isr.length === minIsr.value && isShrunk(partition));
    const messages: string[] = [];
    if (below.length > 0) {
      messages.push(
        `Topic "${topic.name}": ${partitionList(below)} ${below.length === 1 ? "has" : "have"} fewer in-sync replicas than min.insync.replicas ${minIsr.value}, so acks=all writes to ${below.length === 1 ? "it" : "them"} fail now (NOT_ENOUGH_REPLICAS); ${isrRemedy(below)}.`,
      );
    }
    if (at.length > 0) {
      messages.push(
        `Topic "${topic.name}": ${partitionList(at)} ${at.length === 1 ? "has" : "have"} exactly min.insync.replicas ${minIsr.value} in-sync replicas, so one more broker failure blocks acks=all writes; ${isrRemedy(at)} before stopping another broker.`,
      );
    }
    return messages;
  },
};

/** Every rule on the current partition state, in report order. */
export const LIVE_PARTITION_RULES: readonly LivePartitionRule[] = [offlinePartitions, isrAtMinInsync];
