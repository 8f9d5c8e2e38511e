import {
  type Consumer,
  type EachBatchPayload,
  Kafka,
  type KafkaMessage,
  Partitioners,
  type Producer,
  logLevel,
} from "kafkajs";
import { kafkaJsDurableSettings } from "../../../core";
import { bootstrapServers } from "./cluster";

/**
 * Workload for the durability proof: numbered messages whose acknowledgements are recorded one by one, and
 * consumers that record which numbers they read back.
 */

export function createKafka(clientId: string): Kafka {
  return new Kafka({
    clientId,
    brokers: bootstrapServers(),
    // Broker kills make KafkaJS log every refused connection; the figures say what matters.
    logLevel: logLevel.NOTHING,
    // A JVM on a busy 2-core machine may take over a second to accept a connection.
    connectionTimeout: 5_000,
  });
}

/** The partitioner KafkaJS uses by default (Java-compatible murmur2 of the key), named so it does not warn. */
export const PARTITIONER = { createPartitioner: Partitioners.DefaultPartitioner };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with a message naming what did not happen in time. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until the condition holds. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s: ${what}`);
    await sleep(100);
  }
}

/** What was sent to one topic, and which of it the brokers acknowledged. Message n has key and value "n". */
export class Ledger {
  /** Messages handed to producer.send, acknowledged or not. */
  sent = 0;
  readonly acknowledged = new Set<number>();
  /** Messages in sends that rejected: not acknowledged (they may still have been written; that is not loss). */
  readonly unacknowledged = new Set<number>();
  failedSends = 0;
  readonly errors = new Map<string, number>();
  /** The longest time one send took to resolve or reject (a failover shows up here). */
  slowestSendMs = 0;

  constructor(
    readonly topic: string,
    /** The first message number; ledgers that share a topic use disjoint ranges. */
    private next = 0,
  ) {}

  take(count: number): number[] {
    const numbers = Array.from({ length: count }, (_, i) => this.next + i);
    this.next += count;
    this.sent += count;
    return numbers;
  }

  recordError(error: unknown): string {
    const description = describeError(error);
    this.failedSends += 1;
    this.errors.set(description, (this.errors.get(description) ?? 0) + 1);
    return description;
  }

  /** The send-side figures of this ledger, for a Figures row. */
  sendFigures(): Pick<Figures, "sent" | "acknowledged" | "sendErrors"> {
    return { sent: this.sent, acknowledged: this.acknowledged.size, sendErrors: this.failedSends };
  }

  errorSummary(): string {
    return [...this.errors].map(([description, count]) => `${count}× ${description}`).join("; ");
  }
}

/** "KafkaJSNumberOfRetriesExceeded (REQUEST_TIMED_OUT)": the KafkaJS error and the broker's error code under it. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const withType = error as Error & { type?: string; cause?: unknown };
  const cause = withType.cause instanceof Error ? (withType.cause as Error & { type?: string }) : undefined;
  const detail = withType.type ?? cause?.type ?? cause?.message ?? error.message;
  return `${error.name} (${detail})`;
}

export interface SendResult {
  ok: boolean;
  numbers: number[];
  ms: number;
  error?: string;
}

/** One awaited producer.send of `count` numbered messages; they count as acknowledged only if it resolves. */
export async function sendBatch(
  producer: Producer,
  ledger: Ledger,
  count: number,
  options: { acks: number; timeout?: number },
): Promise<SendResult> {
  const numbers = ledger.take(count);
  const messages = numbers.map((n) => ({ key: String(n), value: String(n) }));
  const started = Date.now();
  try {
    await producer.send({ topic: ledger.topic, messages, ...options });
    const ms = Date.now() - started;
    ledger.slowestSendMs = Math.max(ledger.slowestSendMs, ms);
    for (const n of numbers) ledger.acknowledged.add(n);
    return { ok: true, numbers, ms };
  } catch (error) {
    const ms = Date.now() - started;
    ledger.slowestSendMs = Math.max(ledger.slowestSendMs, ms);
    for (const n of numbers) ledger.unacknowledged.add(n);
    return { ok: false, numbers, ms, error: ledger.recordError(error) };
  }
}

/** The key of the marker message written to each partition at the end of a stream. */
export const END_MARKER = "end";

export interface ReaderOptions {
  topic: string;
  groupId: string;
  /**
   * Where a partition without a committed offset starts. "earliest" is the durable preset
   * (kafkaJsDurableSettings: fromBeginning, no auto-commit); "latest" differs from it only in that.
   */
  start: "earliest" | "latest";
  /** How often the consumer refreshes metadata, i.e. how soon it notices new partitions (KafkaJS default 5 min). */
  metadataMaxAge?: number;
}

/**
 * A consumer group member that records every numbered message it reads and commits after each batch
 * (explicit commits, as the preset asks).
 */
export class TopicReader {
  /** Message number → times read. */
  readonly counts = new Map<number, number>();
  /** Partition → message numbers read from it. */
  readonly byPartition = new Map<number, Set<number>>();
  /** Partition → next offset to read (one past the last message read). */
  readonly positions = new Map<number, bigint>();
  /** Partitions whose end marker was read. */
  readonly endMarkers = new Set<number>();
  /** Partitions assigned at the last rebalance, and when each rebalance finished. */
  assigned: number[] = [];
  readonly joins: number[] = [];
  commitErrors = 0;
  /** When each metadata refresh of this consumer completed (it notices new partitions at a refresh). */
  readonly metadataRefreshes: number[] = [];
  private readonly fetchStarted = new Set<number>();
  /** Brokers fetched from (a fetch that started after the last rebalance): their partitions' start offsets are resolved. */
  private readonly fetchedFrom = new Set<number>();

  private constructor(
    readonly options: ReaderOptions,
    private readonly consumer: Consumer,
  ) {}

  static async start(kafka: Kafka, options: ReaderOptions): Promise<TopicReader> {
    const preset = kafkaJsDurableSettings(options.topic, options.groupId);
    const consumer = kafka.consumer({
      ...preset.consumer,
      maxWaitTimeInMs: 250,
      ...(options.metadataMaxAge === undefined ? {} : { metadataMaxAge: options.metadataMaxAge }),
    });
    const reader = new TopicReader(options, consumer);
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      reader.assigned = [...(event.payload.memberAssignment[options.topic] ?? [])].sort((a, b) => a - b);
      reader.joins.push(Date.now());
      reader.fetchStarted.clear();
      reader.fetchedFrom.clear();
    });
    // KafkaJS reports node ids as strings here, whatever its types say.
    consumer.on(consumer.events.FETCH_START, (event) => reader.fetchStarted.add(Number(event.payload.nodeId)));
    consumer.on(consumer.events.FETCH, (event) => {
      const node = Number(event.payload.nodeId);
      if (reader.fetchStarted.has(node)) reader.fetchedFrom.add(node);
    });
    consumer.on(consumer.events.REQUEST, (event) => {
      if (event.payload.apiName === "Metadata") reader.metadataRefreshes.push(Date.now());
    });
    await consumer.connect();
    await consumer.subscribe({ ...preset.subscribe, fromBeginning: options.start === "earliest" });
    await consumer.run({ ...preset.run, eachBatch: (payload) => reader.onBatch(payload) });
    return reader;
  }

  private async onBatch({ batch }: EachBatchPayload): Promise<void> {
    const last = batch.messages.at(-1);
    if (last === undefined) return;
    for (const message of batch.messages) this.record(batch.partition, message);
    const next = BigInt(last.offset) + 1n;
    this.positions.set(batch.partition, next);
    try {
      await this.consumer.commitOffsets([
        { topic: this.options.topic, partition: batch.partition, offset: next.toString() },
      ]);
    } catch {
      // A rebalance in progress; the partition is read again from the last commit (duplicates, never a gap).
      this.commitErrors += 1;
    }
  }

  private record(partition: number, message: KafkaMessage): void {
    const key = message.key?.toString() ?? "";
    if (key === END_MARKER) {
      this.endMarkers.add(partition);
      return;
    }
    const n = Number(key);
    this.counts.set(n, (this.counts.get(n) ?? 0) + 1);
    let numbers = this.byPartition.get(partition);
    if (numbers === undefined) this.byPartition.set(partition, (numbers = new Set()));
    numbers.add(n);
  }

  /** Assigned exactly these partitions, and has fetched from each of the given brokers since (start offsets resolved). */
  isReadyFor(partitions: number[], leaders: number[]): boolean {
    return (
      this.assigned.length === partitions.length &&
      partitions.every((p) => this.assigned.includes(p)) &&
      leaders.every((node) => this.fetchedFrom.has(node))
    );
  }

  /** Has read every partition up to the given end offsets. */
  hasReached(ends: Map<number, bigint>): boolean {
    return [...ends].every(([partition, end]) => (this.positions.get(partition) ?? 0n) >= end);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/** Partition → end offset (high watermark) of every partition that holds messages. */
export async function endOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(
      offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)] as const),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Reads the whole topic with a new consumer group on the durable preset (earliest, explicit commits). */
export async function readAll(kafka: Kafka, topic: string, groupId: string, timeoutMs = 120_000): Promise<TopicReader> {
  const ends = await endOffsets(kafka, topic);
  const reader = await TopicReader.start(kafka, { topic, groupId, start: "earliest" });
  try {
    await waitUntil(() => reader.hasReached(ends), timeoutMs, `reading ${topic} to its end offsets`);
  } finally {
    await reader.stop();
  }
  return reader;
}

export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export async function describePartitions(kafka: Kafka, topic: string): Promise<PartitionInfo[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return (topics[0]?.partitions ?? [])
      .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect();
  }
}

/** Polls the metadata until the condition holds on the topic's partitions. */
export async function waitForPartitions(
  kafka: Kafka,
  topic: string,
  condition: (partitions: PartitionInfo[]) => boolean,
  ms: number,
  what: string,
): Promise<PartitionInfo[]> {
  let last: PartitionInfo[] = [];
  await waitUntil(
    async () => {
      try {
        last = await describePartitions(kafka, topic);
      } catch {
        return false;
      }
      return condition(last);
    },
    ms,
    `${what} (last seen: ${JSON.stringify(last)})`,
  );
  return last;
}

export interface Figures {
  scenario: string;
  subject: string;
  sent: number;
  acknowledged: number;
  /** Acknowledged, but never read back. */
  lost: number;
  /** Extra copies read (a message read twice counts once). */
  duplicated: number;
  /** Failed producer.send calls. */
  sendErrors: number;
  notes: string;
}

/** Compares what the brokers acknowledged with what a reader read back. */
export function tally(
  ledger: Ledger,
  reader: TopicReader,
): { lost: number[]; duplicated: number; presentUnacknowledged: number } {
  const lost = [...ledger.acknowledged].filter((n) => !reader.counts.has(n)).sort((a, b) => a - b);
  let duplicated = 0;
  let presentUnacknowledged = 0;
  for (const [n, times] of reader.counts) {
    duplicated += times - 1;
    if (ledger.unacknowledged.has(n)) presentUnacknowledged += 1;
  }
  return { lost, duplicated, presentUnacknowledged };
}

/** "1000–1999" style ranges of a sorted list of numbers, for messages. */
export function ranges(numbers: number[], limit = 4): string {
  const parts: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  for (const n of [...numbers, Number.NaN]) {
    if (previous !== undefined && n === previous + 1) {
      previous = n;
      continue;
    }
    if (start !== undefined && previous !== undefined)
      parts.push(start === previous ? `${start}` : `${start}–${previous}`);
    start = n;
    previous = n;
  }
  return parts.length > limit
    ? `${parts.slice(0, limit).join(", ")} and ${parts.length - limit} more ranges`
    : parts.join(", ");
}

const COLUMNS: [string, (f: Figures) => string][] = [
  ["Scenario", (f) => f.scenario],
  ["Topic and client", (f) => f.subject],
  ["Sent", (f) => String(f.sent)],
  ["Acknowledged", (f) => String(f.acknowledged)],
  ["Lost", (f) => String(f.lost)],
  ["Duplicated", (f) => String(f.duplicated)],
  ["Send errors", (f) => String(f.sendErrors)],
  ["Notes", (f) => f.notes],
];

/** A Markdown table of the figures. */
export function figuresTable(rows: Figures[]): string {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row).replace(/\|/g, "\\|")));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    line(COLUMNS.map(([title]) => title)),
    line(widths.map((w) => "-".repeat(w))),
    ...cells.map((row) => line(row)),
  ].join("\n");
}
