/**
 * kafkaguard's benchmark: every figure is measured side by side with its baseline in the same run, repeated, and
 * reported as min / median / max and as a ratio against the baseline. Prints a Markdown table.
 *
 *   npm run bench                        (builds the pack first)
 *   npm run bench -- --runs 3 --topics 2000 --components 500 --preview-topics 100 --audit-topics 500,1000,2000
 *   npm run bench -- --only pack,preview --topics 10000,40000 --preview-topics 500,5000   (the scale rows)
 *   npm run bench -- --only audit        (row groups: startup, pack, component, preview, audit)
 *   npm run bench -- --json docs/figures/benchmarks.json   (also records the ratios the charts are drawn from)
 */
import { cpus, loadavg, release, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { type RatioFigure, recordBenchmarks } from "../scripts/docs/figures";
import { runPolicy } from "../test/policy-pack/run-policy";
import { PACK_DIR } from "../test/support/analyzer-client";
import { AuditBench, type AuditSample } from "./audit-bench";
import { registrationSample } from "./component-bench";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../policy-pack/policies";
import { type NoopPolicyCounts, createNoopPack } from "./noop-pack";
import {
  type PackSample,
  type StartupSample,
  encodeWorkload,
  ownStartupSample,
  packRun,
  startupRun,
} from "./pack-bench";
import { CLI_MISSING, PreviewBench, type PreviewSample, pulumiVersion } from "./preview-bench";
import { formatSpread, ratios, spread } from "./stats";
import { topicResources } from "./topic-workload";

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    "startup-runs": { type: "string", default: "15" },
    topics: { type: "string", default: "10000" },
    components: { type: "string", default: "1000" },
    "preview-topics": { type: "string", default: "500" },
    concurrency: { type: "string", default: "1" },
    "audit-topics": { type: "string", default: "500,1000,2000" },
    only: { type: "string", default: "startup,pack,component,preview,audit" },
    json: { type: "string" },
  },
});

function positive(name: keyof typeof options): number {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
  return value;
}

/** A comma-separated list of sizes, smallest first: each size is measured in turn. */
function sizes(name: "topics" | "preview-topics" | "audit-topics"): number[] {
  const list = (options[name] ?? "")
    .split(",")
    .map(Number)
    .sort((a, b) => a - b);
  if (list.length === 0 || list.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--${name} must be a comma-separated list of whole numbers of at least 1`);
  }
  return list;
}

const RUNS = positive("runs");
const STARTUP_RUNS = positive("startup-runs");
const TOPIC_SIZES = sizes("topics");
const COMPONENTS = positive("components");
const PREVIEW_SIZES = sizes("preview-topics");
const CONCURRENCY = positive("concurrency");
const GROUPS = new Set((options.only ?? "").split(","));
const AUDIT_SIZES = sizes("audit-topics");

interface Row {
  figure: string;
  subject: number[] | string;
  baseline?: number[];
  /** The ratio the goal is about: at most this much. */
  goal?: number;
  digits?: number;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

const count = (n: number) => n.toLocaleString("en-US");

const RESOURCE_POLICIES = policies.filter((policy): policy is ResourceValidationPolicy => "validateResource" in policy);

/** kafkaguard's own policy count, for the baseline of as many no-op policies. */
const KAFKAGUARD_POLICY_COUNTS: NoopPolicyCounts = {
  resource: RESOURCE_POLICIES.length,
  stack: policies.filter((policy) => "validateStack" in policy).length,
};
const AS_MANY = `as many no-op policies (${KAFKAGUARD_POLICY_COUNTS.resource} resource, ${KAFKAGUARD_POLICY_COUNTS.stack} stack)`;

const asManyReportingNotApplicable = (notApplicable: number) =>
  `as many no-op policies, ${notApplicable} of them reporting not applicable as kafkaguard's do`;

/** How many of kafkaguard's resource policies report a topic of the workload as not applicable. */
async function notApplicableToTopics(): Promise<number> {
  const [topic] = topicResources(1);
  if (topic === undefined) throw new Error("the workload made no topic");
  const outcomes = await Promise.all(RESOURCE_POLICIES.map((policy) => runPolicy(policy, topic)));
  return outcomes.filter((outcome) => outcome.kind === "not-applicable").length;
}

/**
 * Start-up against the no-op pack, with more runs than the other rows (a start-up is short, so its noise is large),
 * and kafkaguard's own part of it measured alone: the goal is that kafkaguard adds at most 5% to what any pack costs.
 */
async function startupRows(noopPack: string): Promise<Row[]> {
  const kafkaguard: StartupSample[] = [];
  const noop: StartupSample[] = [];
  const own: StartupSample[] = [];
  for (let index = 0; index < STARTUP_RUNS; index++) {
    progress(`start-up run ${index + 1}/${STARTUP_RUNS}: kafkaguard, the no-op pack, kafkaguard's own modules alone`);
    const run = await startupRun({ kafkaguard: PACK_DIR, noop: noopPack }, index);
    kafkaguard.push(run.kafkaguard);
    noop.push(run.noop);
    own.push(await ownStartupSample());
  }
  const wall = (samples: StartupSample[]) => samples.map((sample) => sample.wallMs);
  const cpu = (samples: StartupSample[]) => samples.map((sample) => sample.cpuMs);
  return [
    { figure: "Pack cold start to serving (ms)", subject: wall(kafkaguard), baseline: wall(noop), goal: 1.05 },
    {
      figure: "Pack cold start to serving, pack process CPU (ms)",
      subject: cpu(kafkaguard),
      baseline: cpu(noop),
      goal: 1.05,
    },
    {
      figure: "kafkaguard's own modules and policies, as a share of the no-op pack's start-up (ms)",
      subject: wall(own),
      baseline: wall(noop),
      goal: 0.05,
    },
  ];
}

/** Creates a generated pack for the length of `use`, and removes it after. */
async function withNoopPack<T>(counts: NoopPolicyCounts, use: (dir: string) => Promise<T>): Promise<T> {
  const pack = await createNoopPack(counts);
  try {
    return await use(pack.dir);
  } finally {
    await pack.dispose();
  }
}

/** The framework's floor for kafkaguard's exact reports: as many no-op policies, as many reporting not applicable. */
async function withFloorPack<T>(use: (dir: string, notApplicable: number) => Promise<T>): Promise<T> {
  const notApplicable = await notApplicableToTopics();
  return withNoopPack({ ...KAFKAGUARD_POLICY_COUNTS, notApplicable }, (dir) => use(dir, notApplicable));
}

async function packRows(noopPack: string): Promise<Row[]> {
  return withNoopPack(KAFKAGUARD_POLICY_COUNTS, (framework) =>
    withFloorPack((floor, notApplicable) => packRowsAgainst({ noopPack, framework, floor }, notApplicable)),
  );
}

async function packRowsAgainst(
  packs: { noopPack: string; framework: string; floor: string },
  notApplicable: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  const asManyReporting = asManyReportingNotApplicable(notApplicable);
  for (const size of TOPIC_SIZES) {
    const workload = encodeWorkload(topicResources(size));
    const samples: Record<"subject" | "baseline" | "framework" | "floor", PackSample>[] = [];
    for (let index = 0; index < RUNS; index++) {
      progress(
        `pack run ${index + 1}/${RUNS}: ${count(size)} topics, kafkaguard, the no-op pack, ${AS_MANY}, ${asManyReporting}`,
      );
      samples.push(
        await packRun(
          { subject: PACK_DIR, baseline: packs.noopPack, framework: packs.framework, floor: packs.floor },
          workload,
          { concurrency: CONCURRENCY, rotation: index },
        ),
      );
    }
    const pick = (field: keyof PackSample, baseline: "baseline" | "framework" | "floor" = "baseline") => ({
      subject: samples.map((run) => run.subject[field]),
      baseline: samples.map((run) => run[baseline][field]),
    });
    const topics = count(size);
    rows.push(
      { figure: `${topics} topics through Analyze, wall (ms)`, ...pick("analyzeMs"), goal: 1.2 },
      { figure: `${topics} topics through Analyze, pack process CPU (ms)`, ...pick("analyzeCpuMs") },
      { figure: `${topics} topics through Analyze, wall (ms), vs ${AS_MANY}`, ...pick("analyzeMs", "framework") },
      { figure: `${topics} topics through Analyze, wall (ms), vs ${asManyReporting}`, ...pick("analyzeMs", "floor") },
      {
        figure: `${topics} topics through Analyze, pack process CPU (ms), vs ${asManyReporting}`,
        ...pick("analyzeCpuMs", "floor"),
      },
      { figure: `AnalyzeStack with ${topics} resources (ms)`, ...pick("analyzeStackMs") },
      { figure: `AnalyzeStack with ${topics} resources (ms), vs ${AS_MANY}`, ...pick("analyzeStackMs", "framework") },
      { figure: `Peak memory of the pack process at ${topics} resources (MiB)`, ...pick("peakMemoryMiB"), digits: 1 },
    );
  }
  return rows;
}

async function componentRows(): Promise<Row[]> {
  const durable: { wallMs: number; cpuMs: number }[] = [];
  const raw: { wallMs: number; cpuMs: number }[] = [];
  for (let index = 0; index < RUNS; index++) {
    progress(
      `component run ${index + 1}/${RUNS}: ${count(COMPONENTS)} DurableTopic and ${count(COMPONENTS)} kafka.Topic`,
    );
    if (index % 2 === 0) {
      durable.push(await registrationSample("durable", COMPONENTS));
      raw.push(await registrationSample("raw", COMPONENTS));
    } else {
      raw.push(await registrationSample("raw", COMPONENTS));
      durable.push(await registrationSample("durable", COMPONENTS));
    }
  }
  const figure = `${count(COMPONENTS)} DurableTopic vs ${count(COMPONENTS)} kafka.Topic under mocks`;
  return [
    {
      figure: `${figure}, wall (ms)`,
      subject: durable.map((s) => s.wallMs),
      baseline: raw.map((s) => s.wallMs),
      goal: 1.3,
    },
    { figure: `${figure}, CPU (ms)`, subject: durable.map((s) => s.cpuMs), baseline: raw.map((s) => s.cpuMs) },
  ];
}

type PreviewVariant = "kafkaguard" | "floor" | "noop" | "none";
const PREVIEW_VARIANTS: readonly PreviewVariant[] = ["none", "noop", "floor", "kafkaguard"];

/** Run `index` previews the variants in this order: each variant takes each place once every four runs. */
function previewOrder(index: number): PreviewVariant[] {
  const shift = index % PREVIEW_VARIANTS.length;
  return [...PREVIEW_VARIANTS.slice(shift), ...PREVIEW_VARIANTS.slice(0, shift)];
}

async function previewRows(noopPack: string): Promise<Row[]> {
  return withFloorPack(async (floorPack, notApplicable) => {
    const rows: Row[] = [];
    for (const size of PREVIEW_SIZES) rows.push(...(await previewRowsAt(size, { noopPack, floorPack }, notApplicable)));
    return rows;
  });
}

async function previewRowsAt(
  size: number,
  packs: { noopPack: string; floorPack: string },
  notApplicable: number,
): Promise<Row[]> {
  const topics = count(size);
  const ofTopics = `pulumi preview of ${topics} topics`;
  const figure = `${ofTopics}: kafkaguard vs the no-op pack (ms)`;
  if ((await pulumiVersion()) === undefined) return [{ figure, subject: CLI_MISSING, goal: 1.03 }];
  const floorLabel = asManyReportingNotApplicable(notApplicable);
  const packOf: Record<PreviewVariant, string | undefined> = {
    kafkaguard: PACK_DIR,
    floor: packs.floorPack,
    noop: packs.noopPack,
    none: undefined,
  };
  const samples: Record<PreviewVariant, PreviewSample[]> = { kafkaguard: [], floor: [], noop: [], none: [] };
  const bench = await PreviewBench.create(size);
  try {
    for (let index = 0; index < RUNS; index++) {
      progress(
        `preview run ${index + 1}/${RUNS}: ${topics} topics with kafkaguard, ${floorLabel}, the no-op pack and no pack`,
      );
      for (const variant of previewOrder(index)) samples[variant].push(await bench.preview(packOf[variant]));
    }
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    return [{ figure, subject: `skipped: the preview failed (${reason})`, goal: 1.03 }];
  } finally {
    await bench.dispose();
  }
  // The goal is against the no-op pack: what a policy pack costs at all is the framework's, not kafkaguard's. The
  // floor pack shows how much of the rest is the framework's price of kafkaguard's exact not-applicable reports.
  const wall = (variant: PreviewVariant) => samples[variant].map((sample) => sample.wallMs);
  const packCpu = (variant: PreviewVariant) => samples[variant].map((sample) => sample.packCpuMs);
  return [
    { figure, subject: wall("kafkaguard"), baseline: wall("noop"), goal: 1.03 },
    { figure: `${ofTopics}: kafkaguard vs ${floorLabel} (ms)`, subject: wall("kafkaguard"), baseline: wall("floor") },
    { figure: `${ofTopics}: ${floorLabel} vs the no-op pack (ms)`, subject: wall("floor"), baseline: wall("noop") },
    { figure: `${ofTopics}: the no-op pack vs no policy pack (ms)`, subject: wall("noop"), baseline: wall("none") },
    { figure: `${ofTopics}: kafkaguard vs no policy pack (ms)`, subject: wall("kafkaguard"), baseline: wall("none") },
    // The pack process's own CPU: what kafkaguard's code costs, without the noise of everything else a preview runs.
    {
      figure: `${ofTopics}: kafkaguard vs ${floorLabel}, pack process CPU (ms)`,
      subject: packCpu("kafkaguard"),
      baseline: packCpu("floor"),
    },
    {
      figure: `${ofTopics}: kafkaguard vs the no-op pack, pack process CPU (ms)`,
      subject: packCpu("kafkaguard"),
      baseline: packCpu("noop"),
    },
  ];
}

async function auditRows(): Promise<Row[]> {
  const figure = (size: number) => `kafkaguard audit vs kafka-configs --describe --all, ${count(size)} topics (ms)`;
  const bench = new AuditBench();
  const unavailable = await bench.unavailable();
  if (unavailable !== undefined)
    return AUDIT_SIZES.map((size) => ({ figure: figure(size), subject: unavailable, goal: 1.5 }));
  const bySize = new Map<number, AuditSample[]>();
  try {
    for (const size of AUDIT_SIZES) {
      progress(`audit: growing the benchmark's topics to ${count(size)}`);
      await bench.growTo(size);
      const samples: AuditSample[] = [];
      for (let index = 0; index < RUNS; index++) {
        progress(`audit run ${index + 1}/${RUNS}: ${count(size)} topics, kafkaguard audit and kafka-configs`);
        samples.push(await bench.sample(index % 2 === 0));
      }
      bySize.set(size, samples);
    }
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0];
    return AUDIT_SIZES.map((size) => ({
      figure: figure(size),
      subject: `skipped: the audit run failed (${reason})`,
      goal: 1.5,
    }));
  } finally {
    await bench.dispose().catch(() => undefined);
  }
  const rows: Row[] = AUDIT_SIZES.map((size) => ({
    figure: figure(size),
    subject: (bySize.get(size) ?? []).map((sample) => sample.auditMs),
    baseline: (bySize.get(size) ?? []).map((sample) => sample.kafkaConfigsMs),
    goal: 1.5,
  }));
  // Linear growth: the cost per topic at the largest size against the smallest (fixed start-up costs amortise).
  const [smallest, largest] = [AUDIT_SIZES[0], AUDIT_SIZES[AUDIT_SIZES.length - 1]];
  if (smallest !== undefined && largest !== undefined && largest > smallest) {
    const perTopic = (size: number) => (bySize.get(size) ?? []).map((sample) => sample.auditMs / size);
    rows.push({
      figure: `kafkaguard audit per topic, ${count(largest)} vs ${count(smallest)} topics (ms per topic)`,
      subject: perTopic(largest),
      baseline: perTopic(smallest),
      goal: 1.2,
      digits: 2,
    });
  }
  return rows;
}

function renderRow(row: Row): string {
  const digits = row.digits ?? 0;
  if (typeof row.subject === "string") return `| ${row.figure} | ${row.subject} | | | ≤ ${row.goal}× |`;
  const cells = [row.figure, formatSpread(spread(row.subject), digits)];
  if (row.baseline === undefined) return `| ${cells.join(" | ")} | | | |`;
  const ratio = spread(ratios(row.subject, row.baseline));
  const verdict = row.goal === undefined ? "" : `≤ ${row.goal}×: ${ratio.median <= row.goal ? "met" : "**missed**"}`;
  cells.push(formatSpread(spread(row.baseline), digits), `${formatSpread(ratio, 2)}×`, verdict);
  return `| ${cells.join(" | ")} |`;
}

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const cli = await pulumiVersion();
  const noop = await createNoopPack();
  let rows: Row[];
  try {
    rows = [
      ...(GROUPS.has("startup") ? await startupRows(noop.dir) : []),
      ...(GROUPS.has("pack") ? await packRows(noop.dir) : []),
      ...(GROUPS.has("component") ? await componentRows() : []),
      ...(GROUPS.has("preview") ? await previewRows(noop.dir) : []),
      ...(GROUPS.has("audit") ? await auditRows() : []),
    ];
  } finally {
    await noop.dispose();
  }
  const loadAfter = loadavg();
  const cpu = cpus();
  const lines = [
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Node.js ${process.version}, Pulumi CLI ${cli ?? "not installed"}.`,
    `Load average (1 min) ${loadBefore[0]?.toFixed(2)} at start, ${loadAfter[0]?.toFixed(2)} at end. ${RUNS} runs; Analyze with at most ${CONCURRENCY} call(s) in flight.`,
    "",
    "Values are median (min–max) over the runs; the ratio is taken per run against the baseline measured in the same run.",
    "Baselines: a pack with one no-op policy (pack rows; rows marked so: a pack with as many no-op policies as kafkaguard, some of them reporting not applicable), raw kafka.Topic (component rows), the same preview without --policy-pack or with the no-op pack (CLI rows), Kafka's own kafka-configs over the same topics (audit rows).",
    "",
    "| Figure | Measured | Baseline | Ratio | Goal |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map(renderRow),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (options.json !== undefined) {
    const toolchain = `Node.js ${process.version}, Pulumi CLI ${cli ?? "not installed"}`;
    recordBenchmarks(options.json, ratioFigures(rows, toolchain, lines.slice(0, 2).join(" ")));
    progress(`recorded the ratios in ${options.json}`);
  }
}

/** The rows measured against a baseline, as the charts draw them. */
function ratioFigures(rows: Row[], toolchain: string, measured: string): RatioFigure[] {
  return rows.flatMap((row) =>
    typeof row.subject === "string" || row.baseline === undefined
      ? []
      : [{ figure: row.figure, toolchain, ratio: spread(ratios(row.subject, row.baseline)), measured, goal: row.goal }],
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
