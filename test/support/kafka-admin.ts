import { KafkaJS } from "@confluentinc/kafka-javascript";
import * as path from "node:path";
import { REPO_ROOT } from "./analyzer-client";
import { run, toolchainEnv } from "./toolchain";

export interface TopicOnCluster {
  partitions: number;
  /** Replica count of each partition. */
  replicationFactors: number[];
  /** The topic's own settings (those set on the topic, not inherited from the broker). */
  config: Record<string, string>;
}

const KAFKA_TOOL = path.join(REPO_ROOT, "scripts/kafka/tool.sh");

/** The bootstrap servers of the local cluster, as scripts/lib/common.sh sets them. */
export function bootstrapServers(env: NodeJS.ProcessEnv = toolchainEnv()): string[] {
  const servers = env["KAFKA_BOOTSTRAP_SERVERS"];
  if (!servers) throw new Error("KAFKA_BOOTSTRAP_SERVERS is not set by scripts/lib/common.sh");
  return servers.split(",").filter((server) => server !== "");
}

/** Runs one of Kafka's own command-line tool classes (scripts/kafka/tool.sh) and returns its stdout. */
export async function kafkaTool(toolClass: string, args: string[], timeoutMs = 180_000): Promise<string> {
  const result = await run("bash", [KAFKA_TOOL, toolClass, ...args], { cwd: REPO_ROOT, timeoutMs });
  if (result.code !== 0) {
    throw new Error(`${toolClass} ${args.join(" ")} failed (exit ${result.code}):\n${result.output}`);
  }
  return result.stdout;
}

/**
 * Reads what the brokers really hold, not Pulumi's state: topics through @confluentinc/kafka-javascript's admin
 * client, topic settings through Kafka's own TopicCommand (the JavaScript client has no DescribeConfigs).
 * Works with Kafka 3.x and 4.x.
 */
export class ClusterAdmin {
  private constructor(
    private readonly admin: KafkaJS.Admin,
    private readonly bootstrap: string[],
  ) {}

  static async connect(): Promise<ClusterAdmin> {
    const brokers = bootstrapServers();
    const kafka = new KafkaJS.Kafka({ kafkaJS: { brokers, logLevel: KafkaJS.logLevel.NOTHING } });
    const admin = new ClusterAdmin(kafka.admin(), brokers);
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
    const [metadata] = await this.admin.fetchTopicMetadata({ topics: [topic] });
    const partitions = metadata?.partitions ?? [];
    const described = await kafkaTool("org.apache.kafka.tools.TopicCommand", [
      "--bootstrap-server",
      this.bootstrap.join(","),
      "--describe",
      "--topic",
      topic,
    ]);
    // "Topic: t  TopicId: …  PartitionCount: 3  ReplicationFactor: 3  Configs: min.insync.replicas=2,…"
    const configs = /\bConfigs:[ \t]*(\S*)/.exec(described)?.[1] ?? "";
    return {
      partitions: partitions.length,
      replicationFactors: partitions.map((p) => p.replicas.length),
      config: Object.fromEntries(
        configs
          .split(",")
          .filter((entry) => entry.includes("="))
          .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
      ),
    };
  }

  /** Deletes the topics that exist among the given names (leftovers of an interrupted run). */
  async deleteIfPresent(topics: string[]): Promise<void> {
    const existing = new Set(await this.topicNames());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await this.admin.deleteTopics({ topics: present, timeout: 30_000 });
  }
}
