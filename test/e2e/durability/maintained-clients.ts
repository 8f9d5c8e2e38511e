import { KafkaJS } from "@confluentinc/kafka-javascript";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { confluentKafkaJsDurableSettings, durableProducerProperties } from "../../../core";
import { REPO_ROOT } from "../../support/analyzer-client";
import { bootstrapServers } from "../../support/kafka-admin";
import { killNode, restartNode } from "./cluster";
import { type Figures, Ledger, sleep, waitUntil } from "./workload";

/**
 * The leader-kill scenario of the durability proof with the maintained clients, which also talk to Kafka 4:
 * @confluentinc/kafka-javascript (librdkafka) with confluentKafkaJsDurableSettings, and, as a cross-check by an
 * independent client, Kafka's own Java VerifiableProducer with durableProducerProperties. What either producer had
 * acknowledged is read back by a new consumer group on the Confluent preset.
 */

export const CLIENT = "@confluentinc/kafka-javascript 1.10.1";

export function confluentKafka(): KafkaJS.Kafka {
  return new KafkaJS.Kafka({
    kafkaJS: { brokers: bootstrapServers(), logLevel: KafkaJS.logLevel.NOTHING, connectionTimeout: 5_000 },
  });
}

/** The partitions of a topic as the brokers report them, or undefined while a broker that was asked is dying. */
async function partitionsOf(admin: KafkaJS.Admin, topic: string) {
  try {
    const [metadata] = await admin.fetchTopicMetadata({ topics: [topic], timeout: 10_000 });
    return metadata?.partitions;
  } catch {
    return undefined;
  }
}

async function withAdmin<T>(use: (admin: KafkaJS.Admin) => Promise<T>): Promise<T> {
  const admin = confluentKafka().admin();
  await admin.connect();
  try {
    return await use(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function leaderOf(topic: string): Promise<number> {
  return withAdmin(async (admin) => {
    const partitions = await partitionsOf(admin, topic);
    const [only] = partitions ?? [];
    if (partitions?.length !== 1 || only === undefined) throw new Error(`${topic}: expected 1 partition`);
    return only.leader;
  });
}

/** Waits until the single partition of the topic has a leader other than `old`. */
export async function newLeaderOf(topic: string, old: number): Promise<number> {
  return withAdmin(async (admin) => {
    let leader = -1;
    await waitUntil(
      async () => {
        leader = (await partitionsOf(admin, topic))?.[0]?.leader ?? -1;
        return leader >= 0 && leader !== old;
      },
      60_000,
      `a new leader for ${topic}`,
    );
    return leader;
  });
}

/**
 * Reads the whole topic with a new consumer group on the Confluent preset (earliest, no auto-commit) and returns
 * message number → times read.
 */
export async function readBack(topic: string, groupId: string): Promise<Map<number, number>> {
  const kafka = confluentKafka();
  const ends = await withAdmin(async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, BigInt(p.high)] as const));
  });
  const counts = new Map<number, number>();
  const positions = new Map<number, bigint>();
  const consumer = kafka.consumer(confluentKafkaJsDurableSettings(groupId).consumer);
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const n = Number(message.value?.toString());
        counts.set(n, (counts.get(n) ?? 0) + 1);
        positions.set(partition, BigInt(message.offset) + 1n);
      },
    });
    await waitUntil(
      () => [...ends].every(([partition, end]) => (positions.get(partition) ?? 0n) >= end),
      180_000,
      `reading ${topic} to its end offsets`,
    );
  } finally {
    await consumer.disconnect();
  }
  return counts;
}

/** A background task whose completion can be polled. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; done: () => boolean } {
  let settled = false;
  const observed = promise.finally(() => {
    settled = true;
  });
  observed.catch(() => undefined);
  return { promise: observed, done: () => settled };
}

export interface PhaseFigures {
  phase: string;
  sent: number;
  acknowledged: number;
}

export interface LeaderKillFigures {
  figures: Figures;
  sent: number;
  acknowledged: number[];
  lost: number[];
  duplicated: number;
  oldLeader: number;
  newLeader: number;
  phases: PhaseFigures[];
}

function compare(acknowledged: Iterable<number>, counts: Map<number, number>) {
  const lost = [...acknowledged].filter((n) => !counts.has(n)).sort((a, b) => a - b);
  let duplicated = 0;
  for (const times of counts.values()) duplicated += times - 1;
  return { lost, duplicated };
}

/**
 * 1. The partition leader is SIGKILLed mid-stream, with @confluentinc/kafka-javascript on the preset: awaited sends
 * of `batch` numbered messages; the leader dies after a quarter, is restarted after half (while sending at a steady
 * pace), and the last quarter goes out once it is back.
 */
export async function confluentLeaderKill(
  topic: string,
  groupId: string,
  options: { total?: number; batch?: number } = {},
): Promise<LeaderKillFigures> {
  const total = options.total ?? 20_000;
  const batch = options.batch ?? 200;
  const settings = confluentKafkaJsDurableSettings(groupId);
  const ledger = new Ledger(topic);
  const producer = confluentKafka().producer(settings.producer);
  await producer.connect();
  const phases: PhaseFigures[] = [{ phase: "3 brokers up", sent: 0, acknowledged: 0 }];
  const enter = (phase: string) => phases.push({ phase, sent: 0, acknowledged: 0 });
  const send = async () => {
    const current = phases[phases.length - 1] as PhaseFigures;
    const numbers = ledger.take(batch);
    const started = Date.now();
    try {
      await producer.send({ topic, messages: numbers.map((n) => ({ key: String(n), value: String(n) })) });
      for (const n of numbers) ledger.acknowledged.add(n);
      current.acknowledged += batch;
    } catch (error) {
      for (const n of numbers) ledger.unacknowledged.add(n);
      ledger.recordError(error);
    }
    current.sent += batch;
    ledger.slowestSendMs = Math.max(ledger.slowestSendMs, Date.now() - started);
  };

  const oldLeader = await leaderOf(topic);
  let newLeader = -1;
  try {
    while (ledger.sent < total / 4) await send();
    enter(`leader (node ${oldLeader}) SIGKILLed mid-stream, failover`);
    const kill = track(killNode(oldLeader, { waitUntilFenced: false }));
    while (ledger.sent < total / 2 || !kill.done()) await send();
    await kill.promise;
    newLeader = await newLeaderOf(topic, oldLeader);

    enter(`node ${oldLeader} restarting and catching up`);
    const restart = track(restartNode(oldLeader));
    while (ledger.sent < (total * 3) / 4 && !restart.done()) {
      await send();
      await sleep(100);
    }
    await restart.promise;

    enter(`node ${oldLeader} back in the ISR`);
    while (ledger.sent < total) await send();
  } finally {
    await producer.disconnect().catch(() => undefined);
  }

  const { lost, duplicated } = compare(ledger.acknowledged, await readBack(topic, groupId));
  const phaseText = phases.map((p) => `${p.phase}: ${p.acknowledged}/${p.sent}`).join("; ");
  return {
    sent: ledger.sent,
    acknowledged: [...ledger.acknowledged],
    lost,
    duplicated,
    oldLeader,
    newLeader,
    phases,
    figures: {
      scenario: "Leader SIGKILLed mid-stream, then restarted",
      subject: `DurableTopic (1 partition, RF 3, min ISR 2) · ${CLIENT}, confluentKafkaJsDurableSettings`,
      ...ledger.sendFigures(),
      lost: lost.length,
      duplicated,
      notes:
        `leader ${oldLeader} → ${newLeader}; longest send ${(ledger.slowestSendMs / 1000).toFixed(1)} s (the failover); ` +
        `acknowledged/sent by phase: ${phaseText}` +
        (ledger.failedSends > 0 ? `; errors: ${ledger.errorSummary()}` : ""),
    },
  };
}

interface VerifiableProducerEvent {
  name: string;
  value?: string;
  exception?: string;
}

/**
 * 1, cross-checked with the Java client: Kafka's VerifiableProducer sends `total` messages ("0".."total-1") at
 * `throughput` per second with durableProducerProperties (acks=all, idempotence); the partition leader is SIGKILLed
 * once a quarter of them is acknowledged, and restarted when the producer is done. Acknowledged = its
 * producer_send_success lines; read back with @confluentinc/kafka-javascript.
 */
export async function javaLeaderKill(
  topic: string,
  groupId: string,
  options: { total?: number; throughput?: number } = {},
): Promise<LeaderKillFigures> {
  const total = options.total ?? 20_000;
  const throughput = options.throughput ?? 1_000;
  const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-verifiable-producer-"));
  const config = path.join(dir, "producer.properties");
  writeFileSync(
    config,
    Object.entries(durableProducerProperties())
      .map(([key, value]) => `${key}=${value}\n`)
      .join(""),
  );
  const oldLeader = await leaderOf(topic);
  const acknowledged = new Set<number>();
  const errors = new Map<string, number>();
  let sendErrors = 0;
  let killedAtAcknowledged = -1;
  let kill: ReturnType<typeof track<void>> | undefined;

  const child = spawn(
    "bash",
    [
      path.join(REPO_ROOT, "scripts/kafka/tool.sh"),
      "org.apache.kafka.tools.VerifiableProducer",
      "--bootstrap-server",
      bootstrapServers().join(","),
      "--topic",
      topic,
      "--max-messages",
      String(total),
      "--throughput",
      String(throughput),
      "--producer.config",
      config,
    ],
    { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let pending = "";
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("{")) continue;
      const event = JSON.parse(line) as VerifiableProducerEvent;
      if (event.name === "producer_send_success") acknowledged.add(Number(event.value));
      else if (event.name === "producer_send_error") {
        sendErrors += 1;
        errors.set(event.exception ?? "?", (errors.get(event.exception ?? "?") ?? 0) + 1);
      }
    }
    if (kill === undefined && acknowledged.size >= total / 4) {
      killedAtAcknowledged = acknowledged.size;
      kill = track(killNode(oldLeader, { waitUntilFenced: false }));
    }
  });
  const exitCode = await new Promise<number>((resolve) => child.once("close", (code) => resolve(code ?? 1)));
  if (exitCode !== 0) throw new Error(`VerifiableProducer exited with ${exitCode}:\n${stderr.slice(-2000)}`);
  if (kill === undefined)
    throw new Error(`VerifiableProducer finished with ${acknowledged.size} acknowledged, no kill`);
  await kill.promise;
  const newLeader = await newLeaderOf(topic, oldLeader);
  await restartNode(oldLeader);

  const { lost, duplicated } = compare(acknowledged, await readBack(topic, groupId));
  return {
    sent: total,
    acknowledged: [...acknowledged],
    lost,
    duplicated,
    oldLeader,
    newLeader,
    phases: [],
    figures: {
      scenario: "Cross-check: leader SIGKILLed mid-stream, Java client",
      subject: `DurableTopic (1 partition, RF 3, min ISR 2) · Kafka's VerifiableProducer, durableProducerProperties; read back with ${CLIENT}`,
      sent: total,
      acknowledged: acknowledged.size,
      lost: lost.length,
      duplicated,
      sendErrors,
      notes:
        `${throughput} messages/s; leader ${oldLeader} SIGKILLed after ${killedAtAcknowledged} acknowledged → leader ${newLeader}` +
        (sendErrors > 0 ? `; errors: ${[...errors].map(([e, c]) => `${c}× ${e}`).join("; ")}` : ""),
    },
  };
}
