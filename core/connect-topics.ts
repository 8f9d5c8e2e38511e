import { describeValue, parseKafkaInt } from "./kafka-values";
import type { RuleMetadata } from "./rules";

/**
 * The topics Kafka Connect and MirrorMaker 2 create for themselves, and the ones MirrorMaker 2 creates for mirrored
 * data, by the config map that sets their replication factor — one declarative table, as Kafka's ConfigDef has it
 * (DistributedConfig, MirrorSourceConfig, MirrorCheckpointConfig, MirrorHeartbeatConfig).
 */
export type ConnectConfigRole = "worker" | "connector" | "mirror-source" | "mirror-checkpoint" | "mirror-heartbeat";

interface ConnectTopicSetting {
  key: string;
  /** Kafka's default; -1 means the brokers' default.replication.factor. */
  kafkaDefault: number;
  /** Who uses the default, for messages. */
  defaultOf: string;
  /** What the topic holds, for messages. */
  holds: string;
}

export const CONNECT_TOPIC_SETTINGS: Readonly<Record<ConnectConfigRole, readonly ConnectTopicSetting[]>> = {
  worker: [
    {
      key: "config.storage.replication.factor",
      kafkaDefault: 3,
      defaultOf: "Kafka Connect",
      holds: "connector configurations",
    },
    {
      key: "offset.storage.replication.factor",
      kafkaDefault: 3,
      defaultOf: "Kafka Connect",
      holds: "source connectors' offsets",
    },
    {
      key: "status.storage.replication.factor",
      kafkaDefault: 3,
      defaultOf: "Kafka Connect",
      holds: "connector and task status",
    },
  ],
  connector: [],
  "mirror-source": [
    { key: "replication.factor", kafkaDefault: 2, defaultOf: "MirrorMaker 2", holds: "the mirrored topics' messages" },
    {
      key: "offset-syncs.topic.replication.factor",
      kafkaDefault: 3,
      defaultOf: "MirrorMaker 2",
      holds: "offset syncs",
    },
  ],
  "mirror-checkpoint": [
    {
      key: "checkpoints.topic.replication.factor",
      kafkaDefault: 3,
      defaultOf: "MirrorMaker 2",
      holds: "consumer group checkpoints",
    },
  ],
  "mirror-heartbeat": [
    { key: "heartbeats.topic.replication.factor", kafkaDefault: 3, defaultOf: "MirrorMaker 2", holds: "heartbeats" },
  ],
};

/** A Connect or MirrorMaker 2 topic that would keep fewer replicas than the minimum. */
export interface ConnectTopicProblem {
  key: string;
  /** Completes "<where key> …", e.g. `is "1", below the minimum of 3, so …` */
  problem: string;
  wanted: number;
}

/**
 * The replication-factor settings of one config map that fall below `minReplicationFactor`, unset ones included
 * (MirrorMaker 2 creates mirrored topics with 2 replicas by default). -1 hands the choice to the brokers'
 * default.replication.factor, which kafka-broker-default-replication-factor checks where the stack declares it.
 */
export function findUnderReplicatedConnectTopics(
  config: Record<string, unknown>,
  role: ConnectConfigRole,
  minReplicationFactor: number,
): ConnectTopicProblem[] {
  const found: ConnectTopicProblem[] = [];
  for (const { key, kafkaDefault, defaultOf, holds } of CONNECT_TOPIC_SETTINGS[role]) {
    const raw = config[key];
    const consequence = `so the topic of ${holds} keeps fewer than ${minReplicationFactor} copies`;
    if (raw === undefined || raw === null) {
      if (kafkaDefault < minReplicationFactor) {
        found.push({
          key,
          problem: `is not set, so ${defaultOf}'s default ${kafkaDefault} applies, below the minimum of ${minReplicationFactor}, ${consequence}`,
          wanted: minReplicationFactor,
        });
      }
      continue;
    }
    const parsed = parseKafkaInt(raw);
    if (!parsed.ok || parsed.value === 0 || parsed.value < -1) {
      const why = parsed.ok ? "a replication factor is at least 1, or -1 for the brokers' default" : parsed.problem;
      found.push({
        key,
        problem: `is ${describeValue(raw)}, which is malformed (${why})`,
        wanted: minReplicationFactor,
      });
    } else if (parsed.value !== -1 && parsed.value < minReplicationFactor) {
      found.push({
        key,
        problem: `is ${describeValue(raw)}, below the minimum of ${minReplicationFactor}, ${consequence}`,
        wanted: minReplicationFactor,
      });
    }
  }
  return found;
}

export const connectInternalTopics: RuleMetadata = {
  id: "kafka-connect-internal-topics",
  title: "Kafka Connect and MirrorMaker 2 topics keep enough replicas",
  description:
    "The replication factors Kafka Connect uses for its config, offset and status topics, and MirrorMaker 2 for mirrored topics and its offset-sync, checkpoint and heartbeat topics, must be at least the configured minimum (default 3). MirrorMaker 2 creates mirrored topics with replication factor 2 unless replication.factor is set.",
  remediation:
    "Set config.storage.replication.factor, offset.storage.replication.factor and status.storage.replication.factor in the Connect worker config, and replication.factor (and the *.topic.replication.factor keys) in MirrorMaker 2's connector configs, to 3 or more — or to -1 to use the brokers' default.replication.factor.",
  severity: "high",
};
