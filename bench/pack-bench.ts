import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import {
  type AnalyzedResource,
  PolicyPackProcess,
  REPO_ROOT,
  analyzeRequest,
  analyzeStackRequest,
} from "../test/support/analyzer-client";
import { cpuMs } from "./process-cpu";
import { forEachBounded } from "./topic-workload";
import { runWorker } from "./worker";

/** Reads a field of /proc/<pid>/status, e.g. VmHWM (peak resident set size), in MiB. */
async function statusMiB(pid: number, field: string): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

const INFO_REQUEST = new Empty().serializeBinary();

/**
 * The requests of a workload, encoded once and sent to every pack as they are, so that no timed call includes this
 * process's protobuf work (see `PolicyPackProcess.callEncoded`).
 */
export interface EncodedWorkload {
  analyze: readonly Uint8Array[];
  analyzeStack: Uint8Array;
}

export function encodeWorkload(resources: readonly AnalyzedResource[]): EncodedWorkload {
  return {
    analyze: resources.map((resource) => analyzeRequest(resource).serializeBinary()),
    analyzeStack: analyzeStackRequest(resources).serializeBinary(),
  };
}

/** A pack process under measurement, with what it has cost so far. */
class MeasuredPack {
  analyzeMs = 0;
  analyzeCpuMs = 0;
  analyzeStackMs = 0;

  private constructor(
    readonly process: PolicyPackProcess,
    readonly coldStartMs: number,
    private readonly pid: number,
  ) {}

  /** Starts the pack and times it from spawn until it answers GetAnalyzerInfo. */
  static async start(packDir: string): Promise<MeasuredPack> {
    const started = performance.now();
    const pack = await PolicyPackProcess.start(packDir);
    await pack.callEncoded("GetAnalyzerInfo", INFO_REQUEST);
    const coldStartMs = performance.now() - started;
    if (pack.child.pid === undefined) throw new Error("the pack process has no pid");
    return new MeasuredPack(pack, coldStartMs, pack.child.pid);
  }

  async analyze(request: Uint8Array): Promise<void> {
    const started = performance.now();
    await this.process.callEncoded("Analyze", request);
    this.analyzeMs += performance.now() - started;
  }

  async analyzeStack(request: Uint8Array): Promise<void> {
    const started = performance.now();
    await this.process.callEncoded("AnalyzeStack", request);
    this.analyzeStackMs = performance.now() - started;
  }

  cpuMs(): Promise<number> {
    return cpuMs(this.pid);
  }

  peakMemoryMiB(): Promise<number> {
    return statusMiB(this.pid, "VmHWM");
  }
}

/** The packs' roles, starting one further on each run, so that no pack is always measured first. */
function rotatedRoles<Role extends string>(packDirs: Record<Role, string>, rotation: number): Role[] {
  const roles = Object.keys(packDirs) as Role[];
  const first = rotation % roles.length;
  return [...roles.slice(first), ...roles.slice(0, first)];
}

/** What one start-up of a pack cost: wall time from spawn until it serves, and the CPU its process used for that. */
export interface StartupSample {
  wallMs: number;
  cpuMs: number;
}

/**
 * One start-up of each pack, one after the other in an order that rotates from run to run; each is stopped before
 * the next starts, so none competes with another for the CPU while it starts.
 */
export async function startupRun<Role extends string>(
  packDirs: Record<Role, string>,
  rotation: number,
): Promise<Record<Role, StartupSample>> {
  const samples = {} as Record<Role, StartupSample>;
  for (const role of rotatedRoles(packDirs, rotation)) {
    const pack = await MeasuredPack.start(packDirs[role]);
    try {
      samples[role] = { wallMs: pack.coldStartMs, cpuMs: await pack.cpuMs() };
    } finally {
      await pack.process.stop();
    }
  }
  return samples;
}

const OWN_STARTUP_WORKER = path.join(REPO_ROOT, "bench/own-startup-worker.ts");

/** kafkaguard's own part of a start-up (its modules and policies), alone in a fresh process. */
export function ownStartupSample(): Promise<StartupSample> {
  return runWorker<StartupSample>(OWN_STARTUP_WORKER);
}

/** What one run measured for one pack. */
export interface PackSample {
  /** Wall time of all Analyze calls, as the engine waits for them. */
  analyzeMs: number;
  /** CPU time the pack process spent serving them. */
  analyzeCpuMs: number;
  analyzeStackMs: number;
  peakMemoryMiB: number;
}

async function sample(pack: MeasuredPack): Promise<PackSample> {
  return {
    analyzeMs: pack.analyzeMs,
    analyzeCpuMs: pack.analyzeCpuMs,
    analyzeStackMs: pack.analyzeStackMs,
    peakMemoryMiB: await pack.peakMemoryMiB(),
  };
}

/**
 * One run of the pack figures for a subject pack and its baselines, side by side: all are started (the order rotates
 * from run to run), every resource goes through Analyze on each in turn (so all see the same machine load), then
 * each gets the whole stack in one AnalyzeStack, and finally each process's peak memory is read.
 * `concurrency` bounds the resources in flight; the engine analyzes one resource at a time.
 */
export async function packRun<Role extends string>(
  packDirs: Record<Role, string>,
  workload: EncodedWorkload,
  options: { concurrency: number; rotation: number },
): Promise<Record<Role, PackSample>> {
  const order = rotatedRoles(packDirs, options.rotation);
  const started: MeasuredPack[] = [];
  try {
    for (const role of order) started.push(await MeasuredPack.start(packDirs[role]));
    for (const pack of started) await pack.process.configure({});
    const cpuBefore = await Promise.all(started.map((pack) => pack.cpuMs()));
    await forEachBounded(workload.analyze, options.concurrency, async (request) => {
      for (const pack of started) await pack.analyze(request);
    });
    const cpuAfter = await Promise.all(started.map((pack) => pack.cpuMs()));
    started.forEach((pack, index) => (pack.analyzeCpuMs = (cpuAfter[index] as number) - (cpuBefore[index] as number)));
    for (const pack of started) await pack.analyzeStack(workload.analyzeStack);
    const samples = await Promise.all(started.map(sample));
    return Object.fromEntries(order.map((role, index) => [role, samples[index]])) as Record<Role, PackSample>;
  } finally {
    await Promise.all(started.map((pack) => pack.process.stop()));
  }
}
