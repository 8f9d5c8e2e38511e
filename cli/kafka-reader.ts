/**
 * The only module that talks to Kafka: it reads a cluster into the core's LiveCluster and nothing else (no
 * request here writes to the cluster). Everything it reads goes through LIVE_TOPIC_KEYS / LIVE_BROKER_KEYS.
 */
import { readFileSync } from "node:fs";
import type { ConnectionOptions as TlsOptions } from "node:tls";
import type * as PlatformaticKafka from "@platformatic/kafka";
import {
  LIVE_BROKER_KEYS,
  LIVE_TOPIC_KEYS,
  type LiveBroker,
  type LiveCluster,
  type LiveConfigSource,
  type LiveConfigValue,
  type LiveTopic,
} from "../core";
import type { ClientSecurity } from "./client-properties";

export interface ConnectOptions {
  bootstrapServers: string[];
  security: ClientSecurity;
  /** Milliseconds a request may take before the audit gives up. */
  requestTimeoutMs: number;
}

export interface ReadOptions {
  /** Read every topic config key, not only the audit's (the drift check compares all of them). */
  allTopicKeys?: boolean;
  /** Read only these topics (those that exist); all topics when undefined. */
  onlyTopics?: readonly string[];
  /** Called after each batch of topic configs is read. */
  onProgress?: (done: number, total: number) => void;
}

/** A failure to reach or read the cluster, with the one-line reason the CLI prints. */
export class ClusterReadError extends Error {
  constructor(
    message: string,
    readonly kind: "unreachable" | "authentication" | "read" | "runtime",
  ) {
    super(message);
    this.name = "ClusterReadError";
  }
}

/** Topics per DescribeConfigs request: batched like Kafka's own tools, small enough to stay under request limits. */
export const TOPICS_PER_DESCRIBE = 500;

// DescribeConfigs' config source codes (ConfigSources in the client), by what the audit calls them.
const CONFIG_SOURCES: Record<number, LiveConfigSource> = {
  1: "topic",
  2: "broker",
  3: "cluster-default",
  4: "static-broker",
  5: "kafka-default",
};

/** The Kafka client needs Node.js >= 22.22; the rest of kafkaguard (pack, components, --help) runs on 20. */
export function nodeRunsKafkaClient(version: string): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 22 || (major === 22 && minor >= 22);
}

// The client is an ES module, loaded only when a command reads the cluster.
async function loadClient(): Promise<typeof PlatformaticKafka> {
  if (!nodeRunsKafkaClient(process.versions.node)) {
    throw new ClusterReadError(
      `Node.js ${process.versions.node} is too old for the Kafka client (@platformatic/kafka needs >= 22.22); run kafkaguard with Node.js 22.22+ or 24`,
      "runtime",
    );
  }
  return import("@platformatic/kafka");
}

function tlsOptions(tls: NonNullable<ClientSecurity["tls"]>): TlsOptions {
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ClusterReadError(
        `cannot read ${file} from the client properties: ${(error as NodeJS.ErrnoException).code ?? error}`,
        "read",
      );
    }
  };
  return {
    ...(tls.caFile === undefined ? {} : { ca: read(tls.caFile) }),
    ...(tls.certFile === undefined ? {} : { cert: read(tls.certFile) }),
    ...(tls.keyFile === undefined ? {} : { key: read(tls.keyFile) }),
    ...(tls.pkcs12File === undefined ? {} : { pfx: read(tls.pkcs12File) }),
    ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }),
    ...(tls.checkServerName ? {} : { checkServerIdentity: () => undefined }),
  };
}

/** Every error inside an error: the client wraps causes in MultipleErrors and `cause`. */
function errorChain(error: unknown): Error[] {
  const found: Error[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!(value instanceof Error) || depth > 6) return;
    found.push(value);
    if (value instanceof AggregateError) for (const inner of value.errors) visit(inner, depth + 1);
    visit((value as { cause?: unknown }).cause, depth + 1);
  };
  visit(error, 0);
  return found;
}

/** The one-line reason a read failed, classified for the exit message. */
export function describeClusterError(error: unknown, bootstrap: string, usesSasl = false): ClusterReadError {
  if (error instanceof ClusterReadError) return error;
  const chain = errorChain(error);
  // A broker closes the connection after a failed SASL exchange; the client may see only the close.
  if (usesSasl && chain.some((inner) => /closed while waiting for ready/i.test(inner.message))) {
    return new ClusterReadError(
      `authentication failed at ${bootstrap}: the broker closed the connection during SASL authentication`,
      "authentication",
    );
  }
  const auth = chain.find(
    (inner) =>
      (inner as { code?: string }).code === "PLT_KFK_AUTHENTICATION" ||
      /SASL_AUTHENTICATION_FAILED|authenticat/i.test(`${(inner as { apiId?: string }).apiId ?? ""} ${inner.message}`),
  );
  if (auth !== undefined) {
    const detail = chain
      .map((inner) => inner.message)
      .find((message) => /authenticat|credential|password/i.test(message));
    return new ClusterReadError(
      `authentication failed at ${bootstrap}: ${oneLine(detail ?? auth.message)}`,
      "authentication",
    );
  }
  const network = chain.find(
    (inner) =>
      (inner as { code?: string }).code?.startsWith("E") ||
      /PLT_KFK_(NETWORK|TIMEOUT)/.test((inner as { code?: string }).code ?? ""),
  );
  if (network !== undefined) {
    const root = chain.find((inner) => /^E[A-Z]+$/.test((inner as { code?: string }).code ?? "")) ?? network;
    return new ClusterReadError(`cannot reach the cluster at ${bootstrap}: ${oneLine(root.message)}`, "unreachable");
  }
  const deepest = chain[chain.length - 1];
  return new ClusterReadError(
    `cannot read the cluster at ${bootstrap}: ${oneLine(deepest?.message ?? String(error))}`,
    "read",
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function liveConfigs(
  configs: readonly { name: string; value: string | null | undefined; configSource: number }[],
): Record<string, LiveConfigValue> {
  const result: Record<string, LiveConfigValue> = {};
  for (const config of configs) {
    result[config.name] = {
      value: config.value ?? null,
      source: CONFIG_SOURCES[config.configSource] ?? "kafka-default",
    };
  }
  return result;
}

type Client = typeof PlatformaticKafka;
type Admin = InstanceType<Client["Admin"]>;

/** Runs read requests with an admin client, turning every failure into a one-line ClusterReadError. */
function clientOptions(connect: ConnectOptions) {
  const { security } = connect;
  return {
    connectTimeout: Math.min(connect.requestTimeoutMs, 10_000),
    requestTimeout: connect.requestTimeoutMs,
    ...(security.tls === undefined ? {} : { tls: tlsOptions(security.tls) }),
    ...(security.sasl === undefined ? {} : { sasl: security.sasl }),
  };
}

async function withAdmin<T>(connect: ConnectOptions, read: (admin: Admin, kafka: Client) => Promise<T>): Promise<T> {
  const kafka = await loadClient();
  const options = clientOptions(connect);
  const admin = new kafka.Admin({
    clientId: "kafkaguard-audit",
    bootstrapBrokers: connect.bootstrapServers,
    ...options,
    timeout: connect.requestTimeoutMs,
    retries: 1,
    retryDelay: 250,
  });
  try {
    return await read(admin, kafka);
  } catch (error) {
    throw describeClusterError(error, connect.bootstrapServers.join(","), connect.security.sasl !== undefined);
  } finally {
    // Closing waits for every broker connection to shut down gracefully, which can take seconds; nothing is
    // left to flush after reads, so the command does not wait for it (the CLI exits explicitly).
    void admin.close().catch(() => undefined);
  }
}

/** The broker-level values of LIVE_BROKER_KEYS on each of the given brokers (one request per broker). */
async function readBrokers(admin: Admin, kafka: Client, brokerIds: readonly number[]): Promise<LiveBroker[]> {
  const described = await admin.describeConfigs({
    resources: [...brokerIds]
      .sort((a, b) => a - b)
      .map((id) => ({
        resourceType: kafka.ConfigResourceTypes.BROKER,
        resourceName: String(id),
        configurationKeys: [...LIVE_BROKER_KEYS],
      })),
    includeSynonyms: true,
  });
  return described.map((result) => ({ id: Number(result.resourceName), configs: liveConfigs(result.configs) }));
}

/** The registered brokers and their defaults, for `cluster-defaults`. */
export function readLiveBrokers(connect: ConnectOptions): Promise<Pick<LiveCluster, "clusterId" | "brokers">> {
  return withAdmin(connect, async (admin, kafka) => {
    const metadata = await admin.metadata({ topics: [] });
    return { clusterId: metadata.id, brokers: await readBrokers(admin, kafka, [...metadata.brokers.keys()]) };
  });
}

type MetadataResponse = Awaited<ReturnType<Client["metadataV12"]["api"]["async"]>>;

/**
 * One Metadata request for every topic, internal ones included, through the client's Metadata API. The client's
 * high-level metadata() drops internal topics and throws away the whole answer when a partition has no leader,
 * which is exactly what the audit must report; the raw answer still holds every partition.
 */
async function readMetadata(kafka: Client, connect: ConnectOptions): Promise<MetadataResponse> {
  const connection = new kafka.Connection("kafkaguard-audit", clientOptions(connect));
  // Failures reach us through connect() and the request; without a listener, a late 'error' event would crash.
  connection.on("error", () => undefined);
  let lastError: unknown;
  try {
    for (const server of connect.bootstrapServers) {
      const at = server.lastIndexOf(":");
      try {
        await connection.connect(server.slice(0, at).replace(/^\[|\]$/g, ""), Number(server.slice(at + 1)));
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError !== undefined) throw lastError;
    try {
      return await kafka.metadataV12.api.async(connection, null, false, false);
    } catch (error) {
      const response = (error as { response?: MetadataResponse }).response;
      if (response !== undefined && Array.isArray(response.topics)) return response;
      throw error;
    }
  } finally {
    void connection.close().catch(() => undefined);
  }
}

/** Reads topics, partitions, brokers and the configs the audit needs; issues read requests only. */
export function readLiveCluster(connect: ConnectOptions, options: ReadOptions = {}): Promise<LiveCluster> {
  return withAdmin(connect, async (admin, kafka) => {
    const metadata = await readMetadata(kafka, connect);
    const wanted = options.onlyTopics === undefined ? undefined : new Set(options.onlyTopics);
    const described = metadata.topics.filter(
      (topic): topic is typeof topic & { name: string } =>
        typeof topic.name === "string" && (wanted === undefined || wanted.has(topic.name)),
    );
    const names = described.map((topic) => topic.name).sort();
    const configsByTopic = new Map<string, Record<string, LiveConfigValue>>();
    for (let start = 0; start < names.length; start += TOPICS_PER_DESCRIBE) {
      const batch = names.slice(start, start + TOPICS_PER_DESCRIBE);
      const results = await admin.describeConfigs({
        resources: batch.map((name) => ({
          resourceType: kafka.ConfigResourceTypes.TOPIC,
          resourceName: name,
          configurationKeys: options.allTopicKeys ? null : [...LIVE_TOPIC_KEYS],
        })),
      });
      for (const result of results) configsByTopic.set(result.resourceName, liveConfigs(result.configs));
      options.onProgress?.(Math.min(start + TOPICS_PER_DESCRIBE, names.length), names.length);
    }
    const brokers = await readBrokers(
      admin,
      kafka,
      metadata.brokers.map((broker) => broker.nodeId),
    );
    const topics: LiveTopic[] = described
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((topic) => ({
        name: topic.name,
        internal: topic.isInternal,
        partitions: [...topic.partitions]
          .sort((a, b) => a.partitionIndex - b.partitionIndex)
          .map((partition) => ({
            partition: partition.partitionIndex,
            leader: partition.leaderId,
            replicas: partition.replicaNodes,
            isr: partition.isrNodes,
            offlineReplicas: partition.offlineReplicas,
          })),
        configs: configsByTopic.get(topic.name) ?? {},
      }));
    return { clusterId: metadata.clusterId ?? "unknown", brokers, topics };
  });
}
