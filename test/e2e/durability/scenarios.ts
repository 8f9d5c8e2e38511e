import type { DurabilityClient } from "./client";
import { killNode, restartNode, runningNodes, waitForStoppedNodesFenced } from "./cluster";
import {
  END_MARKER,
  type Figures,
  Ledger,
  type PartitionInfo,
  type SendResult,
  type TestProducer,
  type TopicReader,
  ranges,
  sendBatch,
  sleep,
  tally,
  track,
  waitUntil,
} from "./workload";

/**
 * The broker-failure scenarios of the durability proof, each written once for every client library (client.ts).
 * Each runs against topics that already exist (the Pulumi stack in test/e2e/stacks/durability), starts with all
 * three nodes running, and leaves all three running when it succeeds (the caller restores them when it fails).
 * Each returns its figures and what the assertions need.
 */

export function onlyPartition(partitions: PartitionInfo[], topic: string): PartitionInfo {
  const [partition] = partitions;
  if (partitions.length !== 1 || partition === undefined)
    throw new Error(`${topic}: expected 1 partition, got ${partitions.length}`);
  return partition;
}

/** "DurableTopic (…) · KafkaJS 2.2.4, kafkaJsDurableSettings": what a figures row was measured on. */
export function durableSubject(
  client: DurabilityClient,
  topic = "DurableTopic (1 partition, RF 3, min ISR 2)",
): string {
  return `${topic} · ${client.name}, ${client.preset}`;
}

/** Polls the metadata until the condition holds on the topic's partitions. */
export async function waitForPartitions(
  client: DurabilityClient,
  topic: string,
  condition: (partitions: PartitionInfo[]) => boolean,
  ms: number,
  what: string,
): Promise<PartitionInfo[]> {
  let last: PartitionInfo[] = [];
  await waitUntil(
    async () => {
      try {
        last = await client.partitions(topic);
      } catch {
        // A broker asked while it dies; the next poll asks again.
        return false;
      }
      return condition(last);
    },
    ms,
    `${what} (last seen: ${JSON.stringify(last)})`,
  );
  return last;
}

/** Waits until the topic's single partition has a leader other than the one that was killed; returns its id. */
export async function waitForNewLeader(client: DurabilityClient, topic: string, oldLeader: number): Promise<number> {
  const after = await waitForPartitions(
    client,
    topic,
    (ps) => ps.length === 1 && ps.every((p) => p.leader >= 0 && p.leader !== oldLeader),
    60_000,
    `a new leader for ${topic}`,
  );
  return onlyPartition(after, topic).leader;
}

/** Reads the whole topic with a new consumer group on the client's durable preset (earliest, explicit commits). */
export async function readAll(
  client: DurabilityClient,
  topic: string,
  groupId: string,
  timeoutMs = 180_000,
): Promise<TopicReader> {
  const ends = await client.endOffsets(topic);
  const reader = await client.reader({ topic, groupId, start: "earliest" });
  try {
    await waitUntil(() => reader.hasReached(ends), timeoutMs, `reading ${topic} to its end offsets`);
  } finally {
    await reader.stop();
  }
  return reader;
}

// ---------------------------------------------------------------------------------------------------------------
// 1. The partition leader is SIGKILLed mid-stream.

export interface PhaseFigures {
  phase: string;
  sent: number;
  acknowledged: number;
}

/** Acknowledgements over time, in buckets, with what happened when (ms from the first send). */
export interface AckTimeline {
  bucketMs: number;
  acknowledged: number[];
  events: { atMs: number; event: string }[];
}

/** Records when batches were acknowledged and when the cluster changed, for the leader-kill chart. */
class TimelineRecorder {
  private readonly started = Date.now();
  private readonly acks: { atMs: number; count: number }[] = [];
  readonly events: AckTimeline["events"] = [];

  acknowledged(count: number): void {
    this.acks.push({ atMs: Date.now() - this.started, count });
  }

  mark(event: string): void {
    this.events.push({ atMs: Date.now() - this.started, event });
  }

  timeline(bucketMs: number): AckTimeline {
    const last = Math.max(0, ...this.acks.map((a) => a.atMs), ...this.events.map((e) => e.atMs));
    const acknowledged = new Array<number>(Math.floor(last / bucketMs) + 1).fill(0);
    for (const { atMs, count } of this.acks) acknowledged[Math.floor(atMs / bucketMs)] += count;
    return { bucketMs, acknowledged, events: this.events };
  }
}

export interface LeaderKillResult {
  figures: Figures;
  timeline: AckTimeline;
  ledger: Ledger;
  lost: number[];
  duplicated: number;
  oldLeader: number;
  newLeader: number;
  phases: PhaseFigures[];
}

export async function leaderKillScenario(
  client: DurabilityClient,
  topic: string,
  groupId: string,
  options: { total?: number; batch?: number } = {},
): Promise<LeaderKillResult> {
  const total = options.total ?? 20_000;
  const batch = options.batch ?? 200;
  const ledger = new Ledger(topic);
  let producer = await client.producer({ settings: "preset" });
  const recorder = new TimelineRecorder();
  const phases: PhaseFigures[] = [];
  let phase: PhaseFigures = { phase: "3 brokers up", sent: 0, acknowledged: 0 };
  const enter = (name: string) => phases.push((phase = { phase: name, sent: 0, acknowledged: 0 }));
  phases.push(phase);

  const send = async (): Promise<SendResult> => {
    const current = phase;
    const result = await sendBatch(producer, ledger, batch);
    current.sent += batch;
    if (result.ok) {
      current.acknowledged += batch;
      recorder.acknowledged(batch);
    } else {
      // KafkaJS does not advance an idempotent producer's sequence numbers after a failed send: a later send
      // could be taken for a duplicate of it. A producer whose send failed is replaced (with any client: it costs
      // nothing), once the dead leader is fenced: before that, the new producer may be sent to it for its
      // producer id.
      await producer.disconnect().catch(() => undefined);
      await waitForStoppedNodesFenced();
      producer = await client.producer({ settings: "preset" });
    }
    return result;
  };

  const oldLeader = onlyPartition(await client.partitions(topic), topic).leader;
  let newLeader = -1;
  try {
    while (ledger.sent < total / 4) await send();

    // SIGKILL while sends keep going; the send in flight and the next ones wait for the failover.
    enter(`leader (node ${oldLeader}) SIGKILLed mid-stream, failover`);
    recorder.mark(`leader (node ${oldLeader}) SIGKILLed`);
    const kill = track(killNode(oldLeader, { waitUntilFenced: false }));
    while (ledger.sent < total / 2 || !kill.done()) await send();
    await kill.promise;
    newLeader = await waitForNewLeader(client, topic, oldLeader);
    recorder.mark(`node ${newLeader} seen as leader`);

    // Restart it while producing at a steady pace; it catches up and rejoins the ISR under load.
    enter(`node ${oldLeader} restarting and catching up`);
    recorder.mark(`node ${oldLeader} restarted`);
    const restart = track(restartNode(oldLeader));
    while (ledger.sent < (total * 3) / 4 && !restart.done()) {
      await send();
      await sleep(100);
    }
    await restart.promise;

    enter(`node ${oldLeader} back in the ISR`);
    recorder.mark(`node ${oldLeader} back in the ISR`);
    while (ledger.sent < total) await send();
  } finally {
    await producer.disconnect().catch(() => undefined);
  }

  const reader = await readAll(client, topic, groupId);
  const { lost, duplicated, presentUnacknowledged } = tally(ledger, reader);
  const phaseText = phases.map((p) => `${p.phase}: ${p.acknowledged}/${p.sent}`).join("; ");
  return {
    ledger,
    lost,
    duplicated,
    oldLeader,
    newLeader,
    phases,
    timeline: recorder.timeline(100),
    figures: {
      scenario: "Leader SIGKILLed mid-stream, then restarted",
      subject: durableSubject(client),
      setting: "safe",
      ...ledger.sendFigures(),
      lost: lost.length,
      duplicated,
      notes:
        `leader ${oldLeader} → ${newLeader}; longest send ${(ledger.slowestSendMs / 1000).toFixed(1)} s (the failover); ` +
        `acknowledged/sent by phase: ${phaseText}` +
        (presentUnacknowledged > 0 ? `; ${presentUnacknowledged} unacknowledged but written` : "") +
        (ledger.failedSends > 0 ? `; errors: ${ledger.errorSummary()}` : ""),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Two of the three replicas are down.

export interface QuorumLossResult {
  figures: Figures[];
  leader: number;
  followers: [number, number];
  /** Nodes running while the outage sends were made (should be the leader alone). */
  runningDuringOutage: number[];
  outage: SendResult[];
  recovery: SendResult[];
  /** ms from the returning node being back in the ISR to the first acknowledged send of a new producer. */
  recoveryFirstAckMs: number;
  lost: number[];
  presentUnacknowledged: number;
  /** The same producer, used again after its sends failed. */
  reused: { result: SendResult | undefined; lost: number[] };
}

export async function quorumLossScenario(
  client: DurabilityClient,
  topic: string,
  groupId: string,
): Promise<QuorumLossResult> {
  const batch = 200;
  const ledger = new Ledger(topic);
  const producer = await client.producer({ settings: "preset" });
  // The preset retries until its delivery timeout, so a send would wait for the outage to end. Here it must give up.
  const bounded = await client.producer({ settings: "preset", bounded: true });
  const outage: SendResult[] = [];
  const recovery: SendResult[] = [];
  let runningDuringOutage: number[] = [];
  let recoveryFirstAckMs = Number.NaN;
  const reusedLedger = new Ledger(topic, 1_000_000);
  let reusedResult: SendResult | undefined;

  const partition = onlyPartition(await client.partitions(topic), topic);
  const leader = partition.leader;
  const [first, second] = partition.replicas.filter((id) => id !== leader);
  if (first === undefined || second === undefined)
    throw new Error(`${topic}: expected 3 replicas, got ${partition.replicas}`);
  try {
    for (let i = 0; i < 5; i++) await sendBatch(producer, ledger, batch);

    // The first follower is fenced (the ISR shrinks to 2); the second dies without a controller quorum left.
    await killNode(first, { waitUntilFenced: true });
    await killNode(second, { waitUntilFenced: false });
    for (let i = 0; i < 3; i++) outage.push(await sendBatch(bounded, ledger, batch));
    runningDuringOutage = await runningNodes();

    await restartNode(first);
    const back = Date.now();
    // What an application that keeps using the producer would see (same batch size as the failed sends).
    reusedResult = await sendBatch(bounded, reusedLedger, batch);
    const fresh = await client.producer({ settings: "preset" });
    try {
      for (let i = 0; i < 5; i++) {
        const result = await sendBatch(fresh, ledger, batch);
        if (result.ok && Number.isNaN(recoveryFirstAckMs)) recoveryFirstAckMs = Date.now() - back;
        recovery.push(result);
      }
    } finally {
      await fresh.disconnect();
    }
    await restartNode(second);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await bounded.disconnect().catch(() => undefined);
  }

  const reader = await readAll(client, topic, groupId);
  const { lost, duplicated, presentUnacknowledged } = tally(ledger, reader);
  const reusedRead = tally(reusedLedger, reader);
  const reused = { result: reusedResult, lost: reusedRead.lost };
  const outageAcknowledged = outage.filter((r) => r.ok).length * batch;
  return {
    leader,
    followers: [first, second],
    runningDuringOutage,
    outage,
    recovery,
    recoveryFirstAckMs,
    lost,
    presentUnacknowledged,
    reused,
    figures: [
      {
        scenario: "2 of 3 brokers down, then 1 back",
        subject: `${durableSubject(client)} (retries bounded in the outage)`,
        setting: "safe",
        ...ledger.sendFigures(),
        lost: lost.length,
        duplicated,
        notes:
          `followers ${first} and ${second} SIGKILLed, leader ${leader} left alone without a controller quorum: ` +
          `${outage.length} sends, ${outageAcknowledged} messages acknowledged (${ledger.errorSummary()}); ` +
          `node ${first} back: a new producer's first send acknowledged after ${recoveryFirstAckMs} ms, ` +
          `${recovery.filter((r) => r.ok).length}/${recovery.length} sends acknowledged` +
          (presentUnacknowledged > 0
            ? `; ${presentUnacknowledged} messages of failed sends were written anyway (not loss)`
            : ""),
      },
      {
        scenario: `2 of 3 brokers down: ${client.reusedProducerAfterFailedSendLoses ? `${client.name} pitfall` : "the failed producer, used again"}`,
        subject: "same topic · the producer whose sends failed, used again",
        setting: client.reusedProducerAfterFailedSendLoses ? "unsafe" : "safe",
        ...reusedLedger.sendFigures(),
        lost: reused.lost.length,
        duplicated: reusedRead.duplicated,
        notes: client.reusedProducerAfterFailedSendLoses
          ? "KafkaJS 2.2.4 does not advance an idempotent producer's sequence numbers after a failed send; the broker " +
            "takes the next batch of the same size for a retry of the failed one and acknowledges it without writing it. " +
            "Replace a producer after a failed send"
          : "used again once a follower was back: what it acknowledged was read back" +
            (reusedLedger.failedSends > 0 ? `; errors: ${reusedLedger.errorSummary()}` : ""),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Contrast: the same failures on an unsafe topic with acks=1 and on a DurableTopic with the preset.

export interface StaleFollowerRun {
  topic: string;
  leader: number;
  follower: number;
  /** The leader after the follower came back while the old leader was still down. */
  leaderAfterRestart: number;
  /** Messages acknowledged while the follower was down. */
  followerDown: number[];
  lost: number[];
  duplicated: number;
  ledger: Ledger;
}

/**
 * A follower crashes and writes go on; then the leader crashes, and the follower that missed those writes comes
 * back first; then the old leader comes back. The producer sends batches of 200.
 */
async function staleFollowerSequence(
  client: DurabilityClient,
  topic: string,
  groupId: string,
  producer: TestProducer,
): Promise<StaleFollowerRun> {
  const batch = 200;
  const ledger = new Ledger(topic);
  const send = async (count: number) => {
    for (let sent = 0; sent < count; sent += batch) await sendBatch(producer, ledger, batch);
  };
  const partition = onlyPartition(await client.partitions(topic), topic);
  const leader = partition.leader;
  const follower = partition.replicas.find((id) => id !== leader);
  if (follower === undefined) throw new Error(`${topic}: expected at least 2 replicas, got ${partition.replicas}`);
  let followerDown: number[] = [];
  let leaderAfterRestart = -1;
  try {
    await send(2_000);
    await killNode(follower, { waitUntilFenced: true });
    const before = ledger.sent;
    await send(5_000);
    followerDown = [...ledger.acknowledged].filter((n) => n >= before).sort((a, b) => a - b);
    await killNode(leader, { waitUntilFenced: false });
    await restartNode(follower);
    leaderAfterRestart = onlyPartition(await client.partitions(topic), topic).leader;
    await send(2_000);
    await restartNode(leader);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  const { lost, duplicated } = tally(ledger, await readAll(client, topic, groupId));
  return { topic, leader, follower, leaderAfterRestart, followerDown, lost, duplicated, ledger };
}

export interface ContrastResult {
  figures: Figures[];
  unsafe: StaleFollowerRun;
  durable: StaleFollowerRun;
}

export async function contrastScenario(
  client: DurabilityClient,
  unsafeTopic: string,
  durableTopic: string,
  groupPrefix: string,
): Promise<ContrastResult> {
  const unsafe = await staleFollowerSequence(
    client,
    unsafeTopic,
    `${groupPrefix}-unsafe`,
    await client.producer({ settings: "acks=1" }),
  );
  const durable = await staleFollowerSequence(
    client,
    durableTopic,
    `${groupPrefix}-durable`,
    await client.producer({ settings: "preset" }),
  );
  const sequence = (run: StaleFollowerRun) =>
    `node ${run.follower} (follower) SIGKILLed, ${run.followerDown.length} acknowledged, ` +
    `node ${run.leader} (leader) SIGKILLed, node ${run.follower} restarted → leader ${run.leaderAfterRestart}, ` +
    `2000 more sent, node ${run.leader} restarted`;
  const errors = (run: StaleFollowerRun) =>
    run.ledger.failedSends > 0 ? `; errors: ${run.ledger.errorSummary()}` : "";
  return {
    unsafe,
    durable,
    figures: [
      {
        scenario: "Contrast: follower, then leader SIGKILLed; the stale follower returns first",
        subject: `kafka.Topic (1 partition, RF 2, min ISR 1, unclean election on) · ${client.name}, acks=1, no idempotence`,
        setting: "unsafe",
        ...unsafe.ledger.sendFigures(),
        lost: unsafe.lost.length,
        duplicated: unsafe.duplicated,
        notes:
          `${sequence(unsafe)}: the stale follower was elected leader (unclean) and the old leader truncated its log; ` +
          `lost ${ranges(unsafe.lost)}, the messages acknowledged by the leader alone${errors(unsafe)}`,
      },
      {
        scenario: "Contrast: the same failures",
        subject: durableSubject(client),
        setting: "safe",
        ...durable.ledger.sendFigures(),
        lost: durable.lost.length,
        duplicated: durable.duplicated,
        notes:
          `${sequence(durable)}: writes in between were on the leader and the third replica, ` +
          `which the controller elected (clean: it was in sync)${errors(durable)}`,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The new-partition trap.

export interface NewPartitionsResult {
  figures: Figures[];
  acknowledged: number;
  earliestLost: number[];
  latestLost: number[];
  /** Of the messages the latest group missed, how many were on the partitions the topic had at the start. */
  latestLostOnOriginalPartitions: number;
  partitionsBefore: number;
  partitionsAfter: number;
}

export async function newPartitionsScenario(
  client: DurabilityClient,
  topic: string,
  groupPrefix: string,
  options: { addTo?: number; consumerMetadataMaxAgeMs?: number } = {},
): Promise<NewPartitionsResult> {
  const addTo = options.addTo ?? 6;
  const consumerMetadataMaxAgeMs = options.consumerMetadataMaxAgeMs ?? 6_000;
  const ledger = new Ledger(topic);
  const startReader = (start: "earliest" | "latest") =>
    client.reader({ topic, groupId: `${groupPrefix}-${start}`, start, metadataMaxAgeMs: consumerMetadataMaxAgeMs });
  const readers = { earliest: await startReader("earliest"), latest: await startReader("latest") };
  const both = Object.values(readers);
  const ready = async (count: number) => {
    const partitions = await waitForPartitions(
      client,
      topic,
      (ps) => ps.length === count && ps.every((p) => p.leader >= 0),
      60_000,
      `${topic} with ${count} partitions, each with a leader`,
    );
    await waitUntil(
      () => both.every((r) => r.isReadyFor(partitions)),
      120_000,
      `both groups assigned ${count} partitions and fetching`,
    );
    return partitions.map((p) => p.partition);
  };

  // The producer learns about new partitions within 300 ms, the consumers within a few seconds.
  const streamProducer = () => client.producer({ settings: "preset", metadataMaxAgeMs: 300 });
  let producer = await streamProducer();
  let addedAt = 0;
  let before: number[] = [];
  let after: number[] = [];
  try {
    before = await ready((await client.partitions(topic)).length);
    // A steady stream (100 messages every 50 ms or so) until told to stop.
    let producing = true;
    const stream = (async () => {
      while (producing) {
        const result = await sendBatch(producer, ledger, 100);
        if (!result.ok) {
          // A send can fail right after the partitions are added (OUT_OF_ORDER_SEQUENCE_NUMBER on a loaded
          // machine); KafkaJS 2.2.4 does not advance an idempotent producer's sequence numbers after that, so every
          // later send of the same producer was refused and nothing reached the new partitions. A producer whose
          // send failed is replaced (with any client), as the preset's pitfall says.
          await producer.disconnect().catch(() => undefined);
          producer = await streamProducer();
        }
        await sleep(50);
      }
    })();
    try {
      // Both groups have read (and committed) on every original partition: a rebalance cannot send the latest
      // group back to the end of those.
      await waitUntil(
        () => both.every((r) => before.every((p) => (r.byPartition.get(p)?.size ?? 0) > 0)),
        60_000,
        "both groups reading every original partition",
      );
      // Right after the latest group's metadata refresh: it notices the new partitions only at its next one,
      // a metadata max age later, while the producer writes to them within 300 ms. (With the default max age,
      // 5 minutes, the window is that long.)
      const refreshes = readers.latest.metadataRefreshes.length;
      await waitUntil(
        () => readers.latest.metadataRefreshes.length > refreshes,
        consumerMetadataMaxAgeMs + 30_000,
        "a metadata refresh of the latest group",
      );
      addedAt = Date.now();
      await client.addPartitions(topic, addTo);
      // The stream goes on until both groups have the new partitions and read them from a resolved offset.
      after = await ready(addTo);
    } finally {
      producing = false;
      await stream;
    }

    // One marker per partition ends the stream: once a group has read it, it has read all it ever will there.
    // From a fresh producer: KafkaJS does not advance an idempotent producer's sequence numbers after a failed send
    // (a send to a partition whose leader was not known yet), so the stream's producer may be refused with
    // OUT_OF_ORDER_SEQUENCE_NUMBER. The markers only end the readers; they are not counted.
    const markers = await client.producer({ settings: "preset" });
    try {
      await markers.send(
        topic,
        after.map((partition) => ({ key: END_MARKER, value: END_MARKER, partition })),
      );
    } finally {
      await markers.disconnect();
    }
    await waitUntil(
      () => both.every((r) => r.endMarkers.size === addTo),
      60_000,
      "both groups reading every end marker",
    );
  } finally {
    await producer.disconnect().catch(() => undefined);
    for (const reader of both) await reader.stop().catch(() => undefined);
  }

  const earliest = tally(ledger, readers.earliest);
  const latest = tally(ledger, readers.latest);
  const original = new Set(
    [...readers.earliest.byPartition].filter(([p]) => before.includes(p)).flatMap(([, ns]) => [...ns]),
  );
  const latestLostOnOriginalPartitions = latest.lost.filter((n) => original.has(n)).length;
  const noticed = (reader: TopicReader) => {
    const join = reader.joins.find((at) => at > addedAt);
    return join === undefined ? "never" : `${((join - addedAt) / 1000).toFixed(1)} s`;
  };
  const common =
    `${before.length} → ${after.length} partitions while producing, right after a metadata refresh of the latest group; ` +
    `metadata max age: producer 300 ms, consumers ${consumerMetadataMaxAgeMs / 1000} s` +
    (ledger.failedSends > 0 ? `; errors: ${ledger.errorSummary()} (the producer replaced after each)` : "");
  return {
    acknowledged: ledger.acknowledged.size,
    earliestLost: earliest.lost,
    latestLost: latest.lost,
    latestLostOnOriginalPartitions,
    partitionsBefore: before.length,
    partitionsAfter: after.length,
    figures: [
      {
        scenario: "New-partition trap",
        subject: `DurableTopic · ${client.name}: consumer group on ${client.preset} (earliest, explicit commits)`,
        setting: "safe",
        ...ledger.sendFigures(),
        lost: earliest.lost.length,
        duplicated: earliest.duplicated,
        notes: `${common}; the group noticed the new partitions after ${noticed(readers.earliest)} and read them from their start`,
      },
      {
        scenario: "New-partition trap",
        subject: "same topic · consumer group on latest (otherwise the same)",
        setting: "unsafe",
        ...ledger.sendFigures(),
        lost: latest.lost.length,
        duplicated: latest.duplicated,
        notes:
          `the group noticed the new partitions after ${noticed(readers.latest)} and started them at their end: ` +
          `it never reads ${latest.lost.length} messages (${latestLostOnOriginalPartitions} of them on the original partitions)`,
      },
    ],
  };
}
