import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { durableProducerProperties } from "../../../core";
import { REPO_ROOT } from "../../support/analyzer-client";
import type { DurabilityClient } from "./client";
import { bootstrapServers, killNode, restartNode } from "./cluster";
import { readAll, waitForNewLeader } from "./scenarios";
import { type Figures, tally, track } from "./workload";

/**
 * The leader kill cross-checked with an independent client: Kafka's own Java VerifiableProducer sends `total`
 * messages ("0".."total-1") at `throughput` per second with durableProducerProperties (acks=all, idempotence); the
 * partition leader is SIGKILLed once a quarter of them is acknowledged, and restarted when the producer is done.
 * Acknowledged = its producer_send_success lines; read back by a new consumer group of `reader`.
 */

export interface JavaLeaderKillResult {
  figures: Figures;
  sent: number;
  acknowledged: number;
  lost: number[];
  oldLeader: number;
  newLeader: number;
}

interface VerifiableProducerEvent {
  name: string;
  value?: string;
  exception?: string;
}

export async function javaLeaderKill(
  reader: DurabilityClient,
  topic: string,
  groupId: string,
  options: { total?: number; throughput?: number } = {},
): Promise<JavaLeaderKillResult> {
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
  const [partition] = await reader.partitions(topic);
  if (partition === undefined) throw new Error(`${topic}: no partitions`);
  const oldLeader = partition.leader;
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
  const newLeader = await waitForNewLeader(reader, topic, oldLeader);
  await restartNode(oldLeader);

  const read = await readAll(reader, topic, groupId);
  const { lost, duplicated } = tally({ acknowledged, unacknowledged: new Set<number>() }, read);
  return {
    sent: total,
    acknowledged: acknowledged.size,
    lost,
    oldLeader,
    newLeader,
    figures: {
      scenario: "Cross-check: leader SIGKILLed mid-stream, Java client",
      subject: `DurableTopic (1 partition, RF 3, min ISR 2) · Kafka's VerifiableProducer, durableProducerProperties; read back with ${reader.name}`,
      setting: "safe",
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
