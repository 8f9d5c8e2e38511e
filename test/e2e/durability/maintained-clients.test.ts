import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../support/analyzer-client";
import { TestStack } from "../../support/toolchain";
import { restoreAllNodes, waitForTopics } from "./cluster";
import { CLIENT, confluentLeaderKill, javaLeaderKill } from "./maintained-clients";
import { type Figures, figuresTable } from "./workload";

/**
 * The durability proof with maintained clients, which talk to Kafka 4 as well as 3.x: the partition leader
 * SIGKILLed mid-stream under @confluentinc/kafka-javascript on the Confluent preset, cross-checked with Kafka's own
 * Java VerifiableProducer. Topics come from `pulumi up` of test/e2e/stacks/durability. Figures are printed, and
 * written to $DURABILITY_PROOF_REPORT when it is set. Every test leaves all three nodes running.
 */

const STACK_DIR = path.join(REPO_ROOT, "test/e2e/stacks/durability");

describe(`durability proof with maintained clients (${CLIENT}, Kafka's Java client)`, () => {
  let stack: TestStack | undefined;
  let topics: { leaderKillTopic: string; javaCrossCheckTopic: string };
  const figures: Figures[] = [];
  const group = (name: string) => `durability-${stack?.name ?? "none"}-${name}`;

  beforeAll(async () => {
    await restoreAllNodes();
    stack = await TestStack.create(STACK_DIR);
    const up = await stack.up();
    expect(up.code, up.output).toBe(0);
    const outputs = await stack.pulumi(["stack", "output", "--json"]);
    expect(outputs.code, outputs.output).toBe(0);
    topics = JSON.parse(outputs.stdout) as typeof topics;
    await waitForTopics([topics.leaderKillTopic, topics.javaCrossCheckTopic]);
  });

  afterEach(async () => {
    const restarted = await restoreAllNodes();
    if (restarted.length > 0) console.log(`restarted node(s) ${restarted.join(", ")} after the test`);
  });

  afterAll(async () => {
    if (figures.length > 0) {
      const table = figuresTable(figures);
      console.log(`\nDurability proof with maintained clients, all figures:\n\n${table}\n`);
      const report = process.env["DURABILITY_PROOF_REPORT"];
      if (report) writeFileSync(report, `${table}\n`, { flag: "a" });
    }
    if (stack === undefined) return;
    try {
      await restoreAllNodes();
      const destroy = await stack.destroy();
      if (destroy.code !== 0) console.log(`pulumi destroy failed:\n${destroy.output}`);
    } finally {
      await stack.remove();
    }
  });

  it(`SIGKILL of the partition leader mid-stream loses no acknowledged message: ${CLIENT}, 20,000 keyed messages`, async () => {
    const result = await confluentLeaderKill(topics.leaderKillTopic, group("leader-kill"));
    figures.push(result.figures);
    console.log(`\n${figuresTable([result.figures])}\n`);

    expect(result.sent).toBe(20_000);
    expect(result.newLeader).not.toBe(result.oldLeader);
    // Writes went on while the old leader was dead and while it caught up.
    for (const phase of result.phases.slice(1)) expect(phase.acknowledged, phase.phase).toBeGreaterThan(0);
    expect(result.acknowledged.length).toBeGreaterThan(0);
    expect(result.lost, `acknowledged but never read back: ${result.lost.slice(0, 20).join(", ")}`).toEqual([]);
  });

  it("cross-check with the Java client: VerifiableProducer acknowledged, read back by another client, 0 lost", async () => {
    const result = await javaLeaderKill(topics.javaCrossCheckTopic, group("java-cross-check"));
    figures.push(result.figures);
    console.log(`\n${figuresTable([result.figures])}\n`);

    expect(result.newLeader).not.toBe(result.oldLeader);
    // The kill came mid-stream: some messages were acknowledged after it.
    expect(result.acknowledged.length).toBeGreaterThan(result.sent / 4);
    expect(result.lost, `acknowledged but never read back: ${result.lost.slice(0, 20).join(", ")}`).toEqual([]);
  });
});
