import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordDurability } from "../../../scripts/docs/figures";
import { REPO_ROOT } from "../../support/analyzer-client";
import { TestStack, toolchainEnv } from "../../support/toolchain";
import type { DurabilityClient } from "./client";
import { restoreAllNodes, waitForTopics } from "./cluster";
import {
  type AckTimeline,
  contrastScenario,
  leaderKillScenario,
  newPartitionsScenario,
  quorumLossScenario,
} from "./scenarios";
import { consumerCommitsScenario, leaderAloneScenario, replicasEqualMinIsrScenario } from "./setting-pairs";
import { type Figures, figuresTable } from "./workload";

/**
 * The durability proof for one client library: on a real 3-node cluster with real SIGKILLs, the DurableTopic and
 * the client's durable preset keep every acknowledged message, and the settings they replace do not. The topics
 * come from `pulumi up` of test/e2e/stacks/durability. Figures are printed, and written to $DURABILITY_PROOF_REPORT
 * when it is set (scripts/durability-proof.sh). Every test leaves all three nodes running.
 */

const STACK_DIR = path.join(REPO_ROOT, "test/e2e/stacks/durability");

/** The stack's outputs: one topic per scenario. */
export interface ProofTopics {
  leaderKillTopic: string;
  javaCrossCheckTopic: string;
  quorumLossTopic: string;
  contrastDurableTopic: string;
  contrastUnsafeTopic: string;
  newPartitionsTopic: string;
  leaderAloneTopic: string;
  replicasEqualMinIsrTopic: string;
  replicasAboveMinIsrTopic: string;
  consumerCommitsTopic: string;
}

export interface ProofContext {
  topics: () => ProofTopics;
  /** A consumer group id of this run (the stack name keeps runs apart). */
  group: (name: string) => string;
  /** Prints figures rows and adds them to the report. */
  record: (rows: Figures[], timeline?: AckTimeline) => void;
}

/**
 * Adds a run's figures to the JSON the charts are drawn from (docs/figures/durability.json), when
 * $DURABILITY_PROOF_JSON names it (scripts/durability-proof.sh --record).
 */
function recordForCharts(client: string, rows: Figures[], timeline: AckTimeline | undefined): void {
  const file = process.env["DURABILITY_PROOF_JSON"];
  if (!file) return;
  const kafka = toolchainEnv()["KAFKA_VERSION"] ?? "unknown";
  recordDurability(file, {
    scenarios: rows.map((row) => ({
      scenario: row.scenario,
      setting: row.setting,
      client,
      kafka,
      sent: row.sent,
      acknowledged: row.acknowledged,
      lost: row.lost,
      duplicated: row.duplicated,
      errors: row.sendErrors,
    })),
    timelines: timeline ? [{ scenario: rows[0]?.scenario ?? "", client, kafka, ...timeline }] : [],
  });
}

/** The scenarios with `client`; `more` adds tests of its own (a cross-check) to the same stack. */
export function durabilityProof(
  client: DurabilityClient,
  options: { leaderKillMessages?: number; more?: (context: ProofContext) => void } = {},
): void {
  const leaderKillMessages = options.leaderKillMessages ?? 20_000;

  describe(`durability proof: real cluster, real broker kills, ${client.name}`, () => {
    let stack: TestStack | undefined;
    let topics: ProofTopics | undefined;
    const figures: Figures[] = [];
    const groupPrefix = () => `durability-${stack?.name ?? "none"}`;
    const context: ProofContext = {
      topics: () => {
        if (topics === undefined) throw new Error("the durability stack is not up");
        return topics;
      },
      group: (name) => `${groupPrefix()}-${name}`,
      record: (rows, timeline) => {
        figures.push(...rows);
        console.log(`\n${figuresTable(rows)}\n`);
        recordForCharts(client.name, rows, timeline);
      },
    };

    beforeAll(async () => {
      await restoreAllNodes();
      stack = await TestStack.create(STACK_DIR);
      const up = await stack.up();
      expect(up.code, up.output).toBe(0);
      const outputs = await stack.pulumi(["stack", "output", "--json"]);
      expect(outputs.code, outputs.output).toBe(0);
      topics = JSON.parse(outputs.stdout) as ProofTopics;
      await waitForTopics(Object.values(topics));
    });

    afterEach(async () => {
      const restarted = await restoreAllNodes();
      if (restarted.length > 0) console.log(`restarted node(s) ${restarted.join(", ")} after the test`);
    });

    afterAll(async () => {
      if (figures.length > 0) {
        const table = figuresTable(figures);
        console.log(`\nDurability proof with ${client.name}, all figures:\n\n${table}\n`);
        const report = process.env["DURABILITY_PROOF_REPORT"];
        if (report) writeFileSync(report, `${table}\n`, { flag: "a" });
      }
      if (stack === undefined) return;
      try {
        await restoreAllNodes();
        const destroy = await stack.destroy();
        if (destroy.code !== 0) console.log(`pulumi destroy failed:\n${destroy.output}`);
        if (topics !== undefined) await client.deleteGroups(groupPrefix()).catch(() => undefined);
      } finally {
        await stack.remove();
      }
    });

    it(`SIGKILL of the partition leader mid-stream loses no acknowledged message (${leaderKillMessages} keyed messages)`, async () => {
      const result = await leaderKillScenario(client, context.topics().leaderKillTopic, context.group("leader-kill"), {
        total: leaderKillMessages,
      });
      context.record([result.figures], result.timeline);

      expect(result.ledger.sent).toBe(leaderKillMessages);
      expect(result.newLeader).not.toBe(result.oldLeader);
      // Writes went on while the old leader was dead and while it caught up.
      for (const phase of result.phases.slice(1)) expect(phase.acknowledged, phase.phase).toBeGreaterThan(0);
      expect(result.lost, `acknowledged but never read back: ${result.lost.slice(0, 20).join(", ")}`).toEqual([]);
    });

    it("with 2 of 3 brokers down nothing is acknowledged, and sends succeed again once one broker returns", async () => {
      const result = await quorumLossScenario(client, context.topics().quorumLossTopic, context.group("quorum-loss"));
      context.record(result.figures);

      expect(result.runningDuringOutage).toEqual([result.leader]);
      expect(result.outage.length).toBeGreaterThan(0);
      expect(result.outage.filter((send) => send.ok)).toEqual([]);
      // The lone leader cannot shrink the ISR without a controller quorum: it holds the write until the request
      // times out (the broker's REQUEST_TIMED_OUT, or librdkafka's delivery timeout first, ERR__MSG_TIMED_OUT). A controller that
      // could shrink it would answer NOT_ENOUGH_REPLICAS instead.
      for (const send of result.outage)
        expect(send.error).toMatch(/REQUEST_TIMED_OUT|NOT_ENOUGH_REPLICAS|MSG_TIMED_OUT/);
      expect(result.recovery.length).toBeGreaterThan(0);
      expect(result.recovery.every((send) => send.ok)).toBe(true);
      expect(result.lost).toEqual([]);

      if (client.reusedProducerAfterFailedSendLoses) {
        // The pitfall row: a producer used again after its failed sends gets an acknowledgement for messages that
        // were never written, because the failed batch (same sequence numbers) had been written after all.
        if (result.presentUnacknowledged > 0 && result.reused.result?.ok) {
          expect(result.reused.lost.length).toBe(result.reused.result.numbers.length);
        }
      } else {
        expect(result.reused.lost, "acknowledged by the producer used again, never read back").toEqual([]);
      }
    });

    it("contrast: an unsafe topic with acks=1 loses acknowledged messages where the DurableTopic loses none", async () => {
      const result = await contrastScenario(
        client,
        context.topics().contrastUnsafeTopic,
        context.topics().contrastDurableTopic,
        context.group("contrast"),
      );
      context.record(result.figures);

      const { unsafe, durable } = result;
      expect(unsafe.leaderAfterRestart, "the stale follower was elected leader (unclean election)").toBe(
        unsafe.follower,
      );
      expect(unsafe.followerDown.length).toBeGreaterThan(0);
      // What is lost is exactly what the old leader alone had acknowledged.
      expect(unsafe.lost).toEqual(unsafe.followerDown);
      expect(durable.followerDown.length).toBeGreaterThan(0);
      expect(durable.leaderAfterRestart, "the in-sync third replica was elected").not.toBe(durable.follower);
      expect(durable.lost).toEqual([]);
    });

    it("new partitions while producing: the preset group (earliest) reads every message, a group on latest misses some", async () => {
      const result = await newPartitionsScenario(
        client,
        context.topics().newPartitionsTopic,
        context.group("new-partitions"),
      );
      context.record(result.figures);

      expect(result.partitionsAfter).toBeGreaterThan(result.partitionsBefore);
      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.earliestLost).toEqual([]);
      // The notes name the send errors, if any, that kept messages from the new partitions.
      expect(result.latestLost.length, result.figures.map((figures) => figures.notes).join(" | ")).toBeGreaterThan(0);
      // It misses them on the added partitions only: on the others it had a position before they were written.
      expect(result.latestLostOnOriginalPartitions).toBe(0);
    });

    it("producer settings: acks=1 and fire-and-forget lose what the leader alone had, retries=0 fails sends, the preset loses nothing", async () => {
      const result = await leaderAloneScenario(
        client,
        context.topics().leaderAloneTopic,
        context.group("leader-alone"),
      );
      context.record(result.figures);

      const { preset, "acks=1": acksOne, "retries=0": noRetries, "acks=0": fireAndForget } = result.runs;
      expect(result.newLeader).not.toBe(result.leader);
      expect(preset.lost, "acknowledged to the preset, never read back").toEqual([]);
      // acks=1: acknowledged by the leader alone while the followers were frozen, and gone with it.
      expect(acksOne.lost.length).toBeGreaterThan(0);
      expect(acksOne.lost.filter((n) => n < acksOne.firstDuringPause)).toEqual([]);
      // Fire and forget: sent "successfully", and gone.
      expect(fireAndForget.lost.length).toBeGreaterThan(0);
      // retries=0: what was acknowledged is safe (acks=all), but the send in flight at the kill failed for good,
      // where the preset retried it: the caller must resend it (a duplicate, if it was written) or lose it.
      expect(noRetries.lost).toEqual([]);
      expect(noRetries.ledger.failedSends).toBeGreaterThan(0);
      expect(preset.ledger.failedSends).toBe(0);
    });

    it("replication factor = min.insync.replicas: one broker down refuses every write, RF 3 / min ISR 2 stays writable", async () => {
      const result = await replicasEqualMinIsrScenario(
        client,
        context.topics().replicasEqualMinIsrTopic,
        context.topics().replicasAboveMinIsrTopic,
        context.group("replicas-vs-min-isr"),
      );
      context.record(result.figures);

      const { equal, durable } = result;
      expect(equal.outage.length).toBeGreaterThan(0);
      expect(equal.outage.filter((send) => send.ok)).toEqual([]);
      expect(durable.outage.every((send) => send.ok)).toBe(true);
      // Writable again once the broker is back; nothing acknowledged was lost on either.
      expect(equal.recovery.every((send) => send.ok)).toBe(true);
      expect(equal.lost).toEqual([]);
      expect(durable.lost).toEqual([]);
    });

    it("consumer commits: auto-commit skips what a killed consumer had not processed, committing after processing skips nothing", async () => {
      const result = await consumerCommitsScenario(
        client,
        context.topics().consumerCommitsTopic,
        context.group("consumer-commits"),
      );
      context.record(result.figures);

      expect(result.auto.committedAtKill).toBeGreaterThan(BigInt(result.auto.processedBeforeKill));
      expect(result.auto.skipped.length).toBeGreaterThan(0);
      expect(result.afterProcessing.skipped).toEqual([]);
    });

    options.more?.(context);
  });
}
