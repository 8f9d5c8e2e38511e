import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../../support/analyzer-client";
import type { DurabilityClient, ProducerSettings } from "./client";
import { NODE_IDS, clusterEnv, killNode, pauseNodes, restartNode, resumeNodes } from "./cluster";
import { durableSubject, onlyPartition, readAll, waitForNewLeader } from "./scenarios";
import {
  type Figures,
  Ledger,
  type SendResult,
  type TestProducer,
  ranges,
  sendBatch,
  sleep,
  tally,
  waitUntil,
} from "./workload";

/**
 * The pairs of the proof for the settings that the broker-failure scenarios do not isolate: the producer's acks,
 * retries and awaiting its sends, a replication factor equal to min.insync.replicas, and consumer auto-commit.
 * Each runs the unsafe setting next to the durable one through the same failure, and returns its figures.
 */

// ---------------------------------------------------------------------------------------------------------------
// 5. Producer settings: the leader alone has the latest writes, then dies.

/** A producer that does not wait: it counts a send as done once the call returns, and never looks at its outcome. */
interface FireAndForget {
  /** The sends' promises, awaited only to count what a real fire-and-forget caller never sees. */
  readonly outcomes: Promise<void>[];
}

function sendWithoutWaiting(producer: TestProducer, ledger: Ledger, count: number, unseen: FireAndForget): void {
  const numbers = ledger.take(count);
  const outcome = producer.send(
    ledger.topic,
    numbers.map((n) => ({ key: String(n), value: String(n) })),
  );
  unseen.outcomes.push(
    outcome.then(
      () => numbers.forEach((n) => ledger.acknowledged.add(n)),
      (error: unknown) => {
        numbers.forEach((n) => ledger.unacknowledged.add(n));
        ledger.recordError(error);
      },
    ),
  );
}

const PRODUCER_SETTINGS: { settings: ProducerSettings; awaited: boolean; name: string; subject: string }[] = [
  { settings: "preset", awaited: true, name: "the preset", subject: "the preset, every send awaited" },
  { settings: "acks=1", awaited: true, name: "acks=1", subject: "acks=1 (no idempotence), every send awaited" },
  {
    settings: "retries=0",
    awaited: true,
    name: "retries=0",
    subject: "acks=all, retries=0 (no idempotence), every send awaited",
  },
  {
    settings: "acks=0",
    awaited: false,
    name: "fire and forget",
    subject: "acks=0 (no idempotence), sends not awaited",
  },
];

export interface ProducerSettingRun {
  settings: ProducerSettings;
  ledger: Ledger;
  /** Counted as sent (acknowledged, or for fire and forget: resolved), never read back. */
  lost: number[];
  /** Messages of failed sends that were written all the same (not loss; the caller cannot know it). */
  writtenAnyway: number;
  duplicated: number;
  /** Message numbers from here on were sent while the followers were frozen. */
  firstDuringPause: number;
}

export interface LeaderAloneResult {
  figures: Figures[];
  leader: number;
  newLeader: number;
  runs: Record<ProducerSettings, ProducerSettingRun>;
}

/**
 * Four producers write to one DurableTopic partition (RF 3, min ISR 2, unclean election off), each its own numbers.
 * Both followers freeze (SIGSTOP: a long GC pause or a partition); the leader, alone, goes on appending; then the
 * leader is SIGKILLed and the followers thaw. They are still in the ISR (no controller quorum could shrink it while
 * they were frozen), so one of them is elected, cleanly, without what the leader alone had.
 */
export async function leaderAloneScenario(
  client: DurabilityClient,
  topic: string,
  groupId: string,
): Promise<LeaderAloneResult> {
  const partition = onlyPartition(await client.partitions(topic), topic);
  const leader = partition.leader;
  const followers = partition.replicas.filter((id) => id !== leader);
  const streams = await Promise.all(
    PRODUCER_SETTINGS.map(async (setting, i) => ({
      ...setting,
      ledger: new Ledger(topic, i * 1_000_000),
      producer: await client.producer({ settings: setting.settings }),
      firstDuringPause: Number.NaN,
    })),
  );
  const unseen: FireAndForget = { outcomes: [] };
  const countedFrom = (ledger: Ledger, first: number) => [...ledger.acknowledged].filter((n) => n >= first).length;
  // The producers that do not wait for the followers.
  const leaderOnly = streams.filter((s) => s.settings === "acks=1" || s.settings === "acks=0");

  let producing = true;
  // 100 messages per send, about every 20 ms; an awaited send that waits holds its stream.
  const loops = streams.map(async (stream) => {
    while (producing) {
      if (stream.awaited) await sendBatch(stream.producer, stream.ledger, 100);
      else sendWithoutWaiting(stream.producer, stream.ledger, 100, unseen);
      await sleep(20);
    }
  });
  let newLeader = -1;
  try {
    await waitUntil(
      () => streams.every((s) => s.ledger.acknowledged.size >= 500),
      60_000,
      "every producer's first 500 messages counted as sent",
    );
    for (const stream of streams) stream.firstDuringPause = stream.ledger.nextNumber;
    await pauseNodes(followers);
    await waitUntil(
      () => leaderOnly.every((s) => countedFrom(s.ledger, s.firstDuringPause) >= 1_000),
      60_000,
      "1000 messages of the acks=1 and acks=0 producers counted as sent while the followers are frozen",
    );
    await killNode(leader, { waitUntilFenced: false });
    await resumeNodes(followers);
    newLeader = await waitForNewLeader(client, topic, leader);
    // Every producer writes through the new leader before the old one comes back.
    const resumedFrom = streams.map((s) => ({ ledger: s.ledger, first: s.ledger.nextNumber }));
    await waitUntil(
      () => resumedFrom.every(({ ledger, first }) => countedFrom(ledger, first) >= 500),
      120_000,
      "every producer's messages counted as sent through the new leader",
    );
  } finally {
    producing = false;
    await resumeNodes(followers).catch(() => undefined);
    await Promise.all(loops);
    await Promise.all(unseen.outcomes);
    for (const stream of streams) await stream.producer.disconnect().catch(() => undefined);
  }
  // Back as a follower, the old leader truncates what it alone had.
  await restartNode(leader);

  const reader = await readAll(client, topic, groupId);
  const runs = Object.fromEntries(
    streams.map((stream) => {
      const { lost, duplicated, presentUnacknowledged } = tally(stream.ledger, reader);
      const run: ProducerSettingRun = {
        settings: stream.settings,
        ledger: stream.ledger,
        lost,
        duplicated,
        writtenAnyway: presentUnacknowledged,
        firstDuringPause: stream.firstDuringPause,
      };
      return [stream.settings, run];
    }),
  ) as Record<ProducerSettings, ProducerSettingRun>;

  const sequence = `followers ${followers.join(" and ")} frozen (SIGSTOP), leader ${leader} SIGKILLed, followers thawed → leader ${newLeader} (clean election), node ${leader} restarted`;
  const describe = (run: ProducerSettingRun) => {
    const errors = run.ledger.failedSends > 0 ? `; errors: ${run.ledger.errorSummary()}` : "; no error";
    const lostDuringPause = run.lost.filter((n) => n >= run.firstDuringPause).length;
    const failed = run.ledger.unacknowledged.size;
    const missing =
      failed > 0 ? `; of the ${failed} messages of failed sends, ${run.writtenAnyway} were written all the same` : "";
    return run.lost.length > 0
      ? `lost ${ranges(run.lost)} (${lostDuringPause} of ${run.lost.length} sent while the leader was alone)${missing}${errors}`
      : `every message counted as sent was read back${missing}${errors}`;
  };
  return {
    leader,
    newLeader,
    runs,
    figures: streams.map((stream) => ({
      scenario: `Producer ${stream.name}: the leader alone has the latest writes, then is SIGKILLed`,
      subject: `DurableTopic (1 partition, RF 3, min ISR 2) · ${client.name}, ${stream.subject}`,
      setting: stream.settings === "preset" ? "safe" : "unsafe",
      ...stream.ledger.sendFigures(),
      lost: runs[stream.settings].lost.length,
      duplicated: runs[stream.settings].duplicated,
      notes: `${stream.settings === "preset" ? `${sequence}: ` : ""}${describe(runs[stream.settings])}`,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. Replication factor equal to min.insync.replicas: one broker down.

export interface OneBrokerDownRun {
  topic: string;
  /** Sends while the broker was down. */
  outage: SendResult[];
  /** Sends of a new producer once it was back. */
  recovery: SendResult[];
  isrDuringOutage: number[];
  lost: number[];
  ledger: Ledger;
}

export interface ReplicasEqualMinIsrResult {
  figures: Figures[];
  node: number;
  equal: OneBrokerDownRun;
  durable: OneBrokerDownRun;
}

/** One broker of three is SIGKILLed; both topics get the same sends while it is down, and after it is back. */
export async function replicasEqualMinIsrScenario(
  client: DurabilityClient,
  equalTopic: string,
  durableTopic: string,
  groupPrefix: string,
): Promise<ReplicasEqualMinIsrResult> {
  const batch = 200;
  const runs = [equalTopic, durableTopic].map((topic): OneBrokerDownRun => ({
    topic,
    outage: [],
    recovery: [],
    isrDuringOutage: [],
    lost: [],
    ledger: new Ledger(topic),
  }));
  const leaders = await Promise.all(
    runs.map(async ({ topic }) => onlyPartition(await client.partitions(topic), topic).leader),
  );
  // A node that leads neither topic, so that what is measured is the missing replica, not a failover.
  const node = NODE_IDS.find((id) => !leaders.includes(id)) ?? NODE_IDS.find((id) => id !== leaders[1]) ?? NODE_IDS[0];
  const bounded = await client.producer({ settings: "preset", bounded: true });
  try {
    await killNode(node, { waitUntilFenced: true });
    for (const run of runs) {
      run.isrDuringOutage = onlyPartition(await client.partitions(run.topic), run.topic).isr;
      for (let n = 0; n < 3; n++) run.outage.push(await sendBatch(bounded, run.ledger, batch));
    }
    await restartNode(node);
  } finally {
    await bounded.disconnect().catch(() => undefined);
  }
  const fresh = await client.producer({ settings: "preset" });
  try {
    for (const run of runs) for (let n = 0; n < 3; n++) run.recovery.push(await sendBatch(fresh, run.ledger, batch));
  } finally {
    await fresh.disconnect();
  }
  for (const [i, run] of runs.entries())
    run.lost = tally(run.ledger, await readAll(client, run.topic, `${groupPrefix}-${i}`)).lost;
  const [equal, durable] = runs as [OneBrokerDownRun, OneBrokerDownRun];
  const describe = (run: OneBrokerDownRun) => {
    const ok = (sends: SendResult[]) => `${sends.filter((s) => s.ok).length}/${sends.length}`;
    return (
      `node ${node} SIGKILLed (ISR ${run.isrDuringOutage.join(",")}): ${ok(run.outage)} sends acknowledged` +
      `${run.ledger.failedSends > 0 ? ` (${run.ledger.errorSummary()})` : ""}; node ${node} back: ${ok(run.recovery)}`
    );
  };
  return {
    node,
    equal,
    durable,
    figures: [
      {
        scenario: "Replication factor = min.insync.replicas: one broker down",
        subject: `kafka.Topic (1 partition, RF 3, min ISR 3) · ${client.name}, ${client.preset} (retries bounded)`,
        setting: "unsafe",
        ...equal.ledger.sendFigures(),
        lost: equal.lost.length,
        duplicated: 0,
        notes: `${describe(equal)}: every acks=all write is refused while one replica is missing`,
      },
      {
        scenario: "Replication factor = min.insync.replicas: one broker down",
        subject: `${durableSubject(client)} (retries bounded)`,
        setting: "safe",
        ...durable.ledger.sendFigures(),
        lost: durable.lost.length,
        duplicated: 0,
        notes: describe(durable),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 7. Consumer commits: a consumer process SIGKILLed after a poll, before its worker processed what it polled.

const HAND_OFF_WORKER = path.join(REPO_ROOT, "test/e2e/durability/hand-off-worker.ts");

export interface CommitRun {
  commits: "auto" | "after-processing";
  /** Processed by the consumer before it was killed. */
  processedBeforeKill: number;
  /** The group's committed offset when it was killed. */
  committedAtKill: bigint;
  /** Written, and processed by neither the killed consumer nor its replacement. */
  skipped: number[];
  /** Processed twice (once before the kill, once after). */
  reprocessed: number;
}

/** Runs hand-off-worker.ts in a process of its own, SIGKILLs it mid-work, then lets a new member finish. */
async function killedConsumer(
  client: DurabilityClient,
  topic: string,
  groupId: string,
  commits: CommitRun["commits"],
  written: number[],
): Promise<CommitRun> {
  const processed = new Map<number, number>();
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", HAND_OFF_WORKER, client.id, topic, groupId, commits],
    { cwd: REPO_ROOT, env: clusterEnv(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  let pending = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const match = /^processed (\d+)$/.exec(line);
      if (match) processed.set(Number(match[1]), 1);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  let committedAtKill = -1n;
  try {
    const committed = async () => (await client.committedOffsets(groupId, topic)).get(0) ?? -1n;
    // Killed after it has processed some, and, where the library commits by itself, once the group's offset is
    // ahead of the processing: what a crash between the poll and the processing looks like.
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`the consumer process exited early:\n${stderr.slice(-2000)}`);
        if (processed.size < 500) return false;
        committedAtKill = await committed();
        return commits === "after-processing" || committedAtKill >= BigInt(processed.size + 500);
      },
      120_000,
      `the ${commits} consumer processing, its group's offset ${commits === "auto" ? "ahead of" : "behind"} it`,
    );
  } finally {
    child.kill("SIGKILL");
    await exited;
  }
  const processedBeforeKill = processed.size;
  // A new member of the same group, on the preset, resumes from the committed offset: nothing is left to read
  // where the group committed everything.
  const [end, committed] = await Promise.all([client.endOffsets(topic), client.committedOffsets(groupId, topic)]);
  const rest =
    (committed.get(0) ?? -1n) >= (end.get(0) ?? 0n)
      ? new Map<number, number>()
      : (await readAll(client, topic, groupId)).counts;
  const skipped = written.filter((n) => !processed.has(n) && !rest.has(n));
  const reprocessed = [...rest.keys()].filter((n) => processed.has(n)).length;
  return { commits, processedBeforeKill, committedAtKill, skipped, reprocessed };
}

export interface ConsumerCommitsResult {
  figures: Figures[];
  auto: CommitRun;
  afterProcessing: CommitRun;
}

/**
 * One topic of 4,000 messages, read by two groups in turn: one whose library auto-commits (every 500 ms) what it
 * handed to the worker, one that commits after the worker processed it (the preset). Each consumer is a process
 * that is SIGKILLed once it processed 500 messages.
 */
export async function consumerCommitsScenario(
  client: DurabilityClient,
  topic: string,
  groupPrefix: string,
): Promise<ConsumerCommitsResult> {
  const ledger = new Ledger(topic);
  const producer = await client.producer({ settings: "preset" });
  try {
    while (ledger.sent < 4_000) {
      const sent = await sendBatch(producer, ledger, 200);
      if (!sent.ok) throw new Error(`writing the messages to consume: ${sent.error}`);
    }
  } finally {
    await producer.disconnect();
  }
  const written = [...ledger.acknowledged];
  const auto = await killedConsumer(client, topic, `${groupPrefix}-auto`, "auto", written);
  const afterProcessing = await killedConsumer(
    client,
    topic,
    `${groupPrefix}-after-processing`,
    "after-processing",
    written,
  );
  const notes = (run: CommitRun) =>
    `consumer process SIGKILLed after processing ${run.processedBeforeKill}, the group's committed offset then ` +
    `${run.committedAtKill}; a new member resumed there: ${run.skipped.length} never processed` +
    (run.skipped.length > 0 ? ` (${ranges(run.skipped)})` : "") +
    `, ${run.reprocessed} processed twice`;
  const row = (run: CommitRun, subject: string, setting: Figures["setting"]): Figures => ({
    scenario: "Consumer commits: a consumer killed after a poll, before processing",
    subject,
    setting,
    sent: ledger.sent,
    acknowledged: ledger.acknowledged.size,
    lost: run.skipped.length,
    duplicated: run.reprocessed,
    sendErrors: ledger.failedSends,
    notes: notes(run),
  });
  return {
    auto,
    afterProcessing,
    figures: [
      row(
        auto,
        `DurableTopic · ${client.name}: enable.auto.commit (every 500 ms), messages handed to a worker`,
        "unsafe",
      ),
      row(
        afterProcessing,
        `same topic · ${client.name}: ${client.preset} (no auto-commit), committed after the worker processed them`,
        "safe",
      ),
    ],
  };
}
