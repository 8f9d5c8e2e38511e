// The measured results the charts are drawn from: the benchmark writes docs/figures/benchmarks.json
// (`npm run bench -- --json docs/figures/benchmarks.json`), the durability proof writes docs/figures/durability.json
// (DURABILITY_PROOF_JSON=docs/figures/durability.json). Both files are committed with the docs they illustrate.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export const FIGURES_DIR = path.resolve(__dirname, "../../docs/figures");
export const BENCHMARKS_FILE = path.join(FIGURES_DIR, "benchmarks.json");
export const DURABILITY_FILE = path.join(FIGURES_DIR, "durability.json");

export interface RatioFigure {
  /** The benchmark row, as the bench prints it. */
  figure: string;
  /** The Node.js and Pulumi CLI it ran on, e.g. "Node.js v20.20.2, Pulumi CLI v3.248.0": a row per toolchain line. */
  toolchain: string;
  ratio: { min: number; median: number; max: number };
  /** At most this ratio is the goal, where there is one. */
  goal?: number;
  /** What the run was: machine, load, command. */
  measured: string;
}

export interface ScenarioFigure {
  scenario: string;
  /** Which side of the pair: the unsafe setting, or the safe one (the preset, DurableTopic). */
  setting: "unsafe" | "safe";
  client: string;
  kafka: string;
  sent: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  errors: number;
}

export interface Timeline {
  scenario: string;
  client: string;
  kafka: string;
  bucketMs: number;
  /** Messages acknowledged in each bucket, from the first send. */
  acknowledged: number[];
  /** What happened when, in ms from the first send (the kill, the new leader seen, the restart). */
  events: { atMs: number; event: string }[];
}

export interface DurabilityFigures {
  scenarios: ScenarioFigure[];
  timelines: Timeline[];
}

function readJson<T>(file: string, empty: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : empty;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export const readBenchmarks = (file = BENCHMARKS_FILE): RatioFigure[] => readJson<RatioFigure[]>(file, []);
export const readDurability = (file = DURABILITY_FILE): DurabilityFigures =>
  readJson<DurabilityFigures>(file, { scenarios: [], timelines: [] });

/**
 * Replaces the rows of the same figure and toolchain and keeps the others, so a partial run (`--only audit`, or one
 * toolchain line) updates its rows.
 */
export function recordBenchmarks(file: string, rows: RatioFigure[]): void {
  const key = (row: RatioFigure) => `${row.figure}\u0000${row.toolchain}`;
  const measured = new Set(rows.map(key));
  writeJson(file, [...readBenchmarks(file).filter((row) => !measured.has(key(row))), ...rows]);
}

/** Replaces what a proof run measured again (same scenario, setting, client and Kafka) and keeps the rest. */
export function recordDurability(file: string, update: Partial<DurabilityFigures>): void {
  const current = readDurability(file);
  const scenarioKey = (s: ScenarioFigure) => [s.scenario, s.setting, s.client, s.kafka].join("\u0000");
  const timelineKey = (t: Timeline) => [t.scenario, t.client, t.kafka].join("\u0000");
  const replaced = <T>(old: T[], fresh: T[], key: (item: T) => string): T[] => {
    const keys = new Set(fresh.map(key));
    return [...old.filter((item) => !keys.has(key(item))), ...fresh];
  };
  writeJson(file, {
    scenarios: replaced(current.scenarios, update.scenarios ?? [], scenarioKey),
    timelines: replaced(current.timelines, update.timelines ?? [], timelineKey),
  });
}
