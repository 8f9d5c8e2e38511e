import * as path from "node:path";
import { REPO_ROOT } from "../../support/analyzer-client";
import { type CommandResult, run, toolchainEnv } from "../../support/toolchain";

/** Control of the local 3-node cluster through scripts/kafka/cluster.sh, the same commands a person would run. */

export const NODE_IDS = [1, 2, 3] as const;

const CLUSTER_SCRIPT = path.join(REPO_ROOT, "scripts/kafka/cluster.sh");
const WAIT_READY = path.join(REPO_ROOT, "scripts/kafka/wait-ready.mjs");

let cachedEnv: NodeJS.ProcessEnv | undefined;

/** The environment of scripts/lib/common.sh (toolchain, cluster ports). */
export function clusterEnv(): NodeJS.ProcessEnv {
  cachedEnv ??= toolchainEnv();
  return cachedEnv;
}

/** For a process a test started with clusterEnv(): its own environment is that, so common.sh is not sourced again. */
export function inheritClusterEnv(): void {
  cachedEnv = process.env;
}

export function bootstrapServers(): string[] {
  const servers = clusterEnv()["KAFKA_BOOTSTRAP_SERVERS"];
  if (!servers) throw new Error("KAFKA_BOOTSTRAP_SERVERS is not set by scripts/lib/common.sh");
  return servers.split(",").filter((server) => server !== "");
}

async function mustRun(command: string, args: string[], timeoutMs: number): Promise<CommandResult> {
  const result = await run(command, args, { cwd: REPO_ROOT, env: clusterEnv(), timeoutMs });
  if (result.code !== 0) {
    throw new Error(
      `${path.basename(args[0] ?? command)} ${args.slice(1).join(" ")} failed (exit ${result.code}):\n${result.output}`,
    );
  }
  return result;
}

// Longer than cluster.sh's own wait (KAFKA_READY_TIMEOUT, 300 s), so that its error message is the one reported.
function cluster(args: string[], timeoutMs = 360_000): Promise<CommandResult> {
  return mustRun("bash", [CLUSTER_SCRIPT, ...args], timeoutMs);
}

/**
 * SIGKILLs one node (a crash: no controlled shutdown). With waitUntilFenced, returns once the controller has
 * fenced it and moved its partition leadership; otherwise right after the kill.
 */
export async function killNode(id: number, options: { waitUntilFenced: boolean }): Promise<void> {
  await cluster(["kill", String(id), ...(options.waitUntilFenced ? [] : ["--no-wait"])]);
}

/** Starts one node again and waits until it is registered and back in the ISR of its partitions. */
export async function restartNode(id: number): Promise<void> {
  await cluster(["restart", String(id)]);
}

/**
 * Freezes nodes with SIGSTOP, as a long GC pause or a partition would: their sockets stay open, they neither
 * fetch nor vote, and nothing notices until timeouts run out. resumeNodes thaws them.
 */
export async function pauseNodes(ids: number[]): Promise<void> {
  await cluster(["pause", ...ids.map(String)]);
}

/** Thaws frozen nodes (SIGCONT); every node when none is named. */
export async function resumeNodes(ids: number[] = []): Promise<void> {
  await cluster(["resume", ...ids.map(String)]);
}

/** The node ids whose broker process runs. */
export async function runningNodes(): Promise<number[]> {
  // Exit code 1 only means "not all three run"; the listing is what counts.
  const status = await run("bash", [CLUSTER_SCRIPT, "status"], {
    cwd: REPO_ROOT,
    env: clusterEnv(),
    timeoutMs: 60_000,
  });
  return [...status.stdout.matchAll(/^node (\d): running/gm)].map((match) => Number(match[1]));
}

/**
 * Waits until no stopped node is listed as a live broker any more. Until the controller fences a killed node,
 * metadata still names it, and KRaft may hand it to a new client as its "controller" (where KafkaJS asks for an
 * idempotent producer id): a client created in that window connects to a dead broker.
 */
export async function waitForStoppedNodesFenced(timeoutSeconds = 60): Promise<void> {
  const running = await runningNodes();
  const stopped = NODE_IDS.filter((id) => !running.includes(id));
  if (stopped.length === 0) return;
  await mustRun(
    "node",
    [WAIT_READY, "--absent", stopped.join(","), "--timeout", String(timeoutSeconds)],
    (timeoutSeconds + 30) * 1000,
  );
}

/** Thaws every frozen node, and starts every node that is down, one at a time (a node waits for a controller quorum to register). */
export async function restoreAllNodes(): Promise<number[]> {
  await resumeNodes();
  const running = await runningNodes();
  const restarted: number[] = [];
  for (const id of NODE_IDS) {
    if (running.includes(id)) continue;
    await restartNode(id);
    restarted.push(id);
  }
  return restarted;
}

/** Waits until every broker knows the topics and each of their partitions has a leader. */
export async function waitForTopics(topics: string[], timeoutSeconds = 60): Promise<void> {
  await mustRun(
    "node",
    [WAIT_READY, "--topics", topics.join(","), "--timeout", String(timeoutSeconds)],
    (timeoutSeconds + 30) * 1000,
  );
}
