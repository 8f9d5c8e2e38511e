import { TOPIC_DURABILITY_KEYS } from "./durability-keys";
import { describeValue, isRecord, parseKafkaBoolean, parseKafkaInt } from "./kafka-values";
import type { LiveTopic } from "./live-cluster";

/** The resource type of a topic of the Pulumi Kafka provider, as it appears in a stack's state. */
export const KAFKA_TOPIC_TYPE = "kafka:index/topic:Topic";

/** A topic as a stack declared it, read from `pulumi stack export`. */
export interface DeclaredTopic {
  urn: string;
  name: string;
  partitions?: number;
  replicationFactor?: number;
  config: Record<string, string>;
}

export interface DriftFinding {
  topic: string;
  urn: string;
  message: string;
}

/** Pulumi marks secret values with this key in exported state; their plain value is not in the export. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/**
 * The Kafka topics of an exported stack (`pulumi stack export`, deployment version 3). Throws an Error with a
 * one-line reason when the file is not such an export.
 */
export function declaredTopics(exported: unknown): DeclaredTopic[] {
  const deployment = isRecord(exported) ? exported["deployment"] : undefined;
  const resources = isRecord(deployment) ? deployment["resources"] : undefined;
  if (!Array.isArray(resources)) {
    throw new Error("not the output of `pulumi stack export` (no deployment.resources)");
  }
  const topics: DeclaredTopic[] = [];
  for (const resource of resources) {
    if (!isRecord(resource) || resource["type"] !== KAFKA_TOPIC_TYPE || resource["delete"] === true) continue;
    const inputs = isRecord(resource["inputs"]) ? resource["inputs"] : {};
    const name = inputs["name"];
    if (typeof name !== "string") continue;
    const config: Record<string, string> = {};
    if (isRecord(inputs["config"])) {
      for (const [key, value] of Object.entries(inputs["config"])) {
        if (isRecord(value) && SECRET_SIGNATURE in value) continue;
        if (value !== null && value !== undefined) config[key] = String(value);
      }
    }
    topics.push({
      urn: String(resource["urn"]),
      name,
      ...(typeof inputs["partitions"] === "number" ? { partitions: inputs["partitions"] } : {}),
      ...(typeof inputs["replicationFactor"] === "number" ? { replicationFactor: inputs["replicationFactor"] } : {}),
      config,
    });
  }
  return topics;
}

/** Whether two config values mean the same to Kafka ("2" and " 2", "TRUE" and "true"). */
function sameConfigValue(declared: string, live: string): boolean {
  for (const parse of [parseKafkaInt, parseKafkaBoolean]) {
    const [a, b] = [parse(declared), parse(live)];
    if (a.ok && b.ok) return a.value === b.value;
  }
  return declared.trim() === live.trim();
}

function describeReplicaCounts(topic: LiveTopic): string {
  const counts = [...new Set(topic.partitions.map((partition) => partition.replicas.length))].sort((a, b) => a - b);
  return counts.length === 1 ? String(counts[0]) : `${counts.join(" to ")} (partitions differ)`;
}

/**
 * Compares what a stack declared with what runs: every declared value that differs live, and every durability
 * key set on the topic live that the stack does not declare (`pulumi refresh` does not report those).
 */
export function compareWithStack(declared: readonly DeclaredTopic[], live: readonly LiveTopic[]): DriftFinding[] {
  const liveByName = new Map(live.map((topic) => [topic.name, topic]));
  const findings: DriftFinding[] = [];
  for (const topic of declared) {
    const report = (message: string) => findings.push({ topic: topic.name, urn: topic.urn, message });
    const running = liveByName.get(topic.name);
    if (running === undefined) {
      report(`Topic "${topic.name}": declared by the stack but missing on the cluster.`);
      continue;
    }
    if (topic.partitions !== undefined && running.partitions.length !== topic.partitions) {
      report(
        `Topic "${topic.name}": the stack declares ${topic.partitions} partitions, the cluster has ${running.partitions.length}.`,
      );
    }
    const replicaCounts = new Set(running.partitions.map((partition) => partition.replicas.length));
    if (
      topic.replicationFactor !== undefined &&
      (replicaCounts.size !== 1 || !replicaCounts.has(topic.replicationFactor))
    ) {
      report(
        `Topic "${topic.name}": the stack declares replication factor ${topic.replicationFactor}, the cluster has ${describeReplicaCounts(running)}.`,
      );
    }
    for (const [key, value] of Object.entries(topic.config)) {
      const liveValue = running.configs[key];
      if (liveValue === undefined || liveValue.value === null || sameConfigValue(value, liveValue.value)) continue;
      const how = liveValue.source === "topic" ? "set live to" : "not set on the topic live, so it is";
      report(
        `Topic "${topic.name}": the stack declares ${key}=${describeValue(value)}, but it is ${how} ${describeValue(liveValue.value)}.`,
      );
    }
    for (const key of TOPIC_DURABILITY_KEYS) {
      const liveValue = running.configs[key];
      if (key in topic.config || liveValue === undefined || liveValue.source !== "topic") continue;
      report(
        `Topic "${topic.name}": ${key}=${describeValue(liveValue.value)} is set on the topic live but not declared by the stack, so the next deployment's preview judges a value the topic does not have; declare it in the stack.`,
      );
    }
  }
  return findings;
}
