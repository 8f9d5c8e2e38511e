import { ConfigResourceTypes, Kafka, logLevel } from "kafkajs";
import { toolchainEnv } from "./toolchain";

export interface TopicOnCluster {
  partitions: number;
  /** Replica count of each partition. */
  replicationFactors: number[];
  config: Record<string, string>;
}

/** A Kafka admin client for the local cluster: reads what the brokers really hold, not Pulumi's state. */
export class ClusterAdmin {
  private readonly admin;

  private constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  static async connect(): Promise<ClusterAdmin> {
    const brokers = (toolchainEnv()["KAFKA_BOOTSTRAP_SERVERS"] ?? "").split(",");
    const admin = new ClusterAdmin(new Kafka({ clientId: "kafkaguard-tests", brokers, logLevel: logLevel.NOTHING }));
    await admin.admin.connect();
    return admin;
  }

  async disconnect(): Promise<void> {
    await this.admin.disconnect();
  }

  async topicNames(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async describe(topic: string): Promise<TopicOnCluster> {
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata.topics[0]?.partitions ?? [];
    const described = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    });
    const entries = described.resources[0]?.configEntries ?? [];
    return {
      partitions: partitions.length,
      replicationFactors: partitions.map((p) => p.replicas.length),
      config: Object.fromEntries(entries.map((entry) => [entry.configName, entry.configValue])),
    };
  }

  /** Deletes the topics that exist among the given names (leftovers of an interrupted run). */
  async deleteIfPresent(topics: string[]): Promise<void> {
    const existing = new Set(await this.topicNames());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await this.admin.deleteTopics({ topics: present, timeout: 30_000 });
  }
}
