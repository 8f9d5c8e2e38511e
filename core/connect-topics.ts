import { describeValue, parseKafkaInt } from "./kafka-values";
import type { RuleMetadata } from "./rules";

/**
 * The topics Kafka Connect and MirrorMaker 2 create for themselves, and the ones MirrorMaker 2 creates for mirrored
 * data, by the config map that sets their replication factor — one declarative table, as Kafka's ConfigDef has it
 * (DistributedConfig, MirrorSourceConfig, MirrorCheckpointConfig, MirrorHeartbeatConfig) — and likewise for the
 * other servers built on Kafka clients: Schema Registry (SchemaRegistryConfig) and ksqlDB (KsqlConfig,
 * ksql-production-server.properties). A "producer" config map is a plain producer's (an HTTP bridge's), a
 * "rest-proxy" one Confluent REST Proxy's server properties.
 */
export type ClientConfigRole =
  | "worker"
  | "connector"
  | "mirror-source"
  | "mirror-checkpoint"
  | "mirror-heartbeat"
  | "producer"
  | "rest-proxy"
  | "schema-registry"
  | "ksqldb"
  | "mirror-topic"
  | "redpanda-connect";

/** A setting that gives the replication factor of a topic a component creates. */
export interface ConnectTopicSetting {
  key: string;
  /**
   * The component's default; -1 means the brokers' default.replication.factor. Undefined when the operator that runs
   * the component writes its own value when the key is unset (Confluent for Kubernetes), so only a declared value is
   * judged.
   */
  kafkaDefault: number | undefined;
  /** Who uses the default, for messages. */
  defaultOf: string;
  /** What the topic holds, for messages. */
  holds: string;
}

/**
 * The settings of each role's config map that replicate the topics its component creates; a Redpanda Connect config
 * names them per output (core/redpanda-connect.ts).
 */
export const CONNECT_TOPIC_SETTINGS = {
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
  producer: [],
  "rest-proxy": [],
  "schema-registry": [
    {
      key: "kafkastore.topic.replication.factor",
      kafkaDefault: 3,
      defaultOf: "Schema Registry",
      holds: "registered schemas (_schemas)",
    },
  ],
  ksqldb: [
    // ksqlDB's own default is 1; Confluent for Kubernetes, the one platform that runs it here, sets its own.
    {
      key: "ksql.internal.topic.replicas",
      kafkaDefault: undefined,
      defaultOf: "ksqlDB",
      holds: "ksqlDB's commands and internal state",
    },
    {
      key: "ksql.streams.replication.factor",
      kafkaDefault: undefined,
      defaultOf: "ksqlDB",
      holds: "the queries' changelogs and repartitioned records",
    },
  ],
  // A Confluent cluster link's mirror topic: unset, it takes the destination brokers' default.replication.factor.
  "mirror-topic": [
    { key: "replication.factor", kafkaDefault: -1, defaultOf: "Cluster Linking", holds: "the mirrored messages" },
  ],
  "redpanda-connect": "redpanda-connect-yaml",
} as const satisfies Readonly<Record<ClientConfigRole, readonly ConnectTopicSetting[] | "redpanda-connect-yaml">>;

/** Kafka producer properties under a prefix, and whose enable.idempotence default applies, for messages. */
export interface ProducerProperties {
  prefix: string;
  idempotenceDefault: string;
}

/**
 * How a config map of each role holds producer settings: as Kafka producer properties, as the outputs of a Redpanda
 * Connect YAML config (core/redpanda-connect.ts), or "none" when it holds none a user can set.
 */
export type ProducerSettingsForm = ProducerProperties | "redpanda-connect-yaml" | "none";

const CONNECT_IDEMPOTENCE = "Kafka Connect's own default is false";
const PRODUCER_IDEMPOTENCE = "the Kafka producer's own default is true";

export const ROLE_PRODUCERS: Readonly<Record<ClientConfigRole, ProducerSettingsForm>> = {
  worker: { prefix: "producer.", idempotenceDefault: CONNECT_IDEMPOTENCE },
  connector: { prefix: "producer.override.", idempotenceDefault: CONNECT_IDEMPOTENCE },
  "mirror-source": { prefix: "producer.override.", idempotenceDefault: CONNECT_IDEMPOTENCE },
  "mirror-checkpoint": { prefix: "producer.override.", idempotenceDefault: CONNECT_IDEMPOTENCE },
  "mirror-heartbeat": { prefix: "producer.override.", idempotenceDefault: CONNECT_IDEMPOTENCE },
  producer: { prefix: "", idempotenceDefault: PRODUCER_IDEMPOTENCE },
  // KafkaRestConfig.getProducerProperties strips "producer." and forces enable.idempotence=false (KREST-4606).
  "rest-proxy": { prefix: "producer.", idempotenceDefault: "Confluent REST Proxy forces it to false" },
  // Only the schemas topic's replication factor is read from Schema Registry's properties.
  "schema-registry": "none",
  // ksqlDB hands "ksql.streams." settings to Kafka Streams, which hands its "producer." ones to its producers.
  ksqldb: { prefix: "ksql.streams.producer.", idempotenceDefault: PRODUCER_IDEMPOTENCE },
  "mirror-topic": "none",
  "redpanda-connect": "redpanda-connect-yaml",
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
  settings: readonly ConnectTopicSetting[],
  minReplicationFactor: number,
): ConnectTopicProblem[] {
  const found: ConnectTopicProblem[] = [];
  for (const { key, kafkaDefault, defaultOf, holds } of settings) {
    const raw = config[key];
    const consequence = `so the topic of ${holds} keeps fewer than ${minReplicationFactor} copies`;
    if (raw === undefined || raw === null) {
      // -1 hands it to the brokers' default, as a declared -1 does.
      if (kafkaDefault !== undefined && kafkaDefault !== -1 && kafkaDefault < minReplicationFactor) {
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
  title: "Kafka Connect, MirrorMaker 2, Schema Registry and ksqlDB topics keep enough replicas",
  description:
    "The replication factors Kafka Connect uses for its config, offset and status topics, MirrorMaker 2 for mirrored topics and its offset-sync, checkpoint and heartbeat topics, Schema Registry for its schemas topic, ksqlDB for its internal and Kafka Streams topics, and Redpanda Connect outputs for the topics they create must be at least the configured minimum (default 3). MirrorMaker 2 creates mirrored topics with replication factor 2 unless replication.factor is set.",
  remediation:
    "Set config.storage.replication.factor, offset.storage.replication.factor and status.storage.replication.factor in the Connect worker config, and replication.factor (and the *.topic.replication.factor keys) in MirrorMaker 2's connector configs, kafkastore.topic.replication.factor for Schema Registry, ksql.internal.topic.replicas and ksql.streams.replication.factor for ksqlDB, custom_topic_creation.replication_factor or topic_replication_factor on a Redpanda Connect output, to 3 or more — or, where the component accepts it, to -1 to use the brokers' default.replication.factor.",
  severity: "high",
};
