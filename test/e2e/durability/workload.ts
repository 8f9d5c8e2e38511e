/**
 * Workload for the durability proof, the same for every client: numbered messages whose acknowledgements are
 * recorded one by one, and readers that record which numbers they read back. What a client must provide to run it
 * is in client.ts.
 */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until the condition holds. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000}s: ${what}`);
    await sleep(100);
  }
}

/** A background task whose completion can be polled. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; done: () => boolean } {
  let settled = false;
  const observed = promise.finally(() => {
    settled = true;
  });
  // The caller awaits `promise`; this only keeps an early rejection from being reported as unhandled.
  observed.catch(() => undefined);
  return { promise: observed, done: () => settled };
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

  /** The number the next message gets. */
  get nextNumber(): number {
    return this.next;
  }

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

/** The error and what it wraps, e.g. "KafkaJSNumberOfRetriesExceeded (REQUEST_TIMED_OUT)" (KafkaJS). */
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

/** One message as the proof writes it: message n has key and value "n"; markers name their partition. */
export interface NumberedMessage {
  key: string;
  value: string;
  partition?: number;
}

/** A connected producer of one client library, on the settings it was created with. */
export interface TestProducer {
  /** One awaited send; it resolves only once the brokers acknowledged every message in it. */
  send(topic: string, messages: NumberedMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** One awaited producer.send of `count` numbered messages; they count as acknowledged only if it resolves. */
export async function sendBatch(producer: TestProducer, ledger: Ledger, count: number): Promise<SendResult> {
  const numbers = ledger.take(count);
  const messages = numbers.map((n) => ({ key: String(n), value: String(n) }));
  const started = Date.now();
  try {
    await producer.send(ledger.topic, messages);
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

export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

export interface ReaderOptions {
  topic: string;
  groupId: string;
  /**
   * Where a partition without a committed offset starts. "earliest" is the durable preset (no auto-commit,
   * earliest); "latest" differs from it only in that.
   */
  start: "earliest" | "latest";
  /** How often the consumer refreshes metadata, i.e. how soon it notices new partitions (default 5 min). */
  metadataMaxAgeMs?: number;
}

/**
 * A consumer group member on the client's durable preset that records every numbered message it reads and commits
 * after each batch (explicit commits, as the preset asks). Each client subclass feeds it from its own consumer.
 */
export abstract class TopicReader {
  /** Message number → times read. */
  readonly counts = new Map<number, number>();
  /** Partition → message numbers read from it. */
  readonly byPartition = new Map<number, Set<number>>();
  /** Partition → next offset to read (one past the last message read). */
  readonly positions = new Map<number, bigint>();
  /** Partitions whose end marker was read. */
  readonly endMarkers = new Set<number>();
  /** Partitions assigned now, and when each assignment finished. */
  assigned: number[] = [];
  readonly joins: number[] = [];
  commitErrors = 0;
  /** When each metadata refresh of this consumer completed (it notices new partitions at a refresh). */
  readonly metadataRefreshes: number[] = [];

  constructor(readonly options: ReaderOptions) {}

  /** Records a batch of one partition, then commits past it (explicit commits, as the presets ask). */
  protected async readBatch(
    partition: number,
    messages: { value: Buffer | null; offset: string }[],
    commit: (nextOffset: string) => Promise<void>,
  ): Promise<void> {
    const last = messages.at(-1);
    if (last === undefined) return;
    for (const message of messages) this.record(partition, message.value?.toString() ?? "", message.offset);
    try {
      await commit((BigInt(last.offset) + 1n).toString());
    } catch {
      // A rebalance in progress; the partition is read again from the last commit (duplicates, never a gap).
      this.commitErrors += 1;
    }
  }

  /** By value, which every writer sets (Kafka's VerifiableProducer writes no key). */
  private record(partition: number, value: string, offset: string): void {
    this.positions.set(partition, BigInt(offset) + 1n);
    if (value === END_MARKER) {
      this.endMarkers.add(partition);
      return;
    }
    const n = Number(value);
    this.counts.set(n, (this.counts.get(n) ?? 0) + 1);
    let numbers = this.byPartition.get(partition);
    if (numbers === undefined) this.byPartition.set(partition, (numbers = new Set()));
    numbers.add(n);
  }

  protected isAssignedExactly(partitions: PartitionInfo[]): boolean {
    return this.assigned.length === partitions.length && partitions.every((p) => this.assigned.includes(p.partition));
  }

  /**
   * Assigned exactly these partitions, and the start offset of each is resolved: a message written from now on is
   * read, whatever the reader starts at.
   */
  abstract isReadyFor(partitions: PartitionInfo[]): boolean;

  /** Has read every partition up to the given end offsets. */
  hasReached(ends: Map<number, bigint>): boolean {
    return [...ends].every(([partition, end]) => (this.positions.get(partition) ?? 0n) >= end);
  }

  abstract stop(): Promise<void>;
}

export interface Figures {
  scenario: string;
  subject: string;
  /** Which side of the proof's pair the row is: the durable settings, or the unsafe ones they replace. */
  setting: "safe" | "unsafe";
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
  ledger: Pick<Ledger, "acknowledged" | "unacknowledged">,
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
