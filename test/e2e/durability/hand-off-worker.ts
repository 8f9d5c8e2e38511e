import type { DeliveredMessage, DurabilityClientId } from "./client";
import { DURABILITY_CLIENTS } from "./clients";
import { inheritClusterEnv } from "./cluster";

/**
 * A consumer process for the consumer-commits scenario (setting-pairs.ts), which SIGKILLs it mid-work. It reads the
 * topic in the group and hands each message to a worker that processes one message every 2 ms; processing prints
 * "processed <n>" (stdout is a pipe, written synchronously on Linux, so a printed line was processed). With "auto",
 * the library commits on its timer what it handed over; with "after-processing", the worker commits after every
 * 100 messages it processed, as the presets ask.
 *
 *   node -r ts-node/register/transpile-only hand-off-worker.ts <kafkajs|confluent> <topic> <group> <auto|after-processing>
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const [id, topic, groupId, commits] = process.argv.slice(2);
  const load = DURABILITY_CLIENTS[id as DurabilityClientId];
  if (load === undefined || !topic || !groupId || (commits !== "auto" && commits !== "after-processing")) {
    throw new Error(
      `usage: hand-off-worker.ts <${Object.keys(DURABILITY_CLIENTS).join("|")}> <topic> <group> <auto|after-processing>`,
    );
  }
  inheritClusterEnv(); // setting-pairs.ts starts this process with the cluster's environment
  const client = await load();
  const queue: DeliveredMessage[] = [];
  const consumer = await client.handOffConsumer({ topic, groupId, autoCommit: commits === "auto" }, (message) =>
    queue.push(message),
  );
  let sinceCommit = 0;
  for (;;) {
    const message = queue.shift();
    if (message === undefined) {
      await sleep(10);
      continue;
    }
    await sleep(2);
    console.log(`processed ${message.value}`);
    if (commits === "after-processing" && ++sinceCommit >= 100) {
      await consumer.commit(message.partition, (BigInt(message.offset) + 1n).toString());
      sinceCommit = 0;
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
