import * as path from "node:path";
import { REPO_ROOT } from "./analyzer-client";
import { waitFor } from "./kafkaguard-cli";
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

const TOPIC_COMMAND = "org.apache.kafka.tools.TopicCommand";

/**
 * Reads what the brokers really hold, not Pulumi's state, through Kafka's own TopicCommand (kafka-topics): no
 * JavaScript client, so it runs on every line's Node.js (the maintained client's native part cannot be built for
 * every Node.js here). Works with Kafka 3.x and 4.x.
 */
export class ClusterAdmin {
  private constructor(private readonly bootstrap: string) {}

  static connect(): Promise<ClusterAdmin> {
    return Promise.resolve(new ClusterAdmin(bootstrapServers().join(",")));
  }

  /** Nothing to close: every call is one run of TopicCommand. */
  disconnect(): Promise<void> {
    return Promise.resolve();
  }

  private topics(args: string[]): Promise<string> {
    return kafkaTool(TOPIC_COMMAND, ["--bootstrap-server", this.bootstrap, ...args]);
  }

  async topicNames(): Promise<string[]> {
    return (await this.topics(["--list"])).split("\n").filter((name) => name.trim() !== "");
  }

  async describe(topic: string): Promise<TopicOnCluster> {
    // "Topic: t  TopicId: …  PartitionCount: 3  ReplicationFactor: 3  Configs: min.insync.replicas=2,…", then one
    // line per partition: "Topic: t  Partition: 0  Leader: 1  Replicas: 1,2,3  Isr: 1,2,3 …".
    // A topic just created reaches each broker when that broker reads it from the metadata log, so the broker the
    // tool asks may not list it yet: wait until it does; any other error fails at once.
    const described = await waitFor(
      `topic ${topic} to be listed by the broker asked`,
      () =>
        this.topics(["--describe", "--topic", topic]).catch((error: Error) => {
          if (!/does not exist/.test(error.message)) throw error;
          return undefined;
        }),
      (stdout) => stdout !== undefined,
    );
    if (described === undefined) throw new Error(`topic ${topic} was never listed`);
    const configs = /\bConfigs:[ \t]*(\S*)/.exec(described)?.[1] ?? "";
    const replicas = [...described.matchAll(/\bPartition:\s*\d+\s.*?\bReplicas:\s*([\d,]+)/g)].map(
      (match) => (match[1] ?? "").split(",").filter((id) => id !== "").length,
    );
    return {
      partitions: replicas.length,
      replicationFactors: replicas,
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
    for (const topic of topics.filter((name) => existing.has(name))) {
      await this.topics(["--delete", "--topic", topic, "--if-exists"]);
    }
  }
}
