// SVG charts of the measured results (docs/figures/*.json), drawn with Vega-Lite and committed under docs/charts;
// `npm run docs` redraws them and test/docs/charts.test.ts fails when a committed picture is not what the current
// figures draw.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { type DurabilityFigures, type RatioFigure, type Timeline, readBenchmarks, readDurability } from "./figures";

export const CHARTS_DIR = path.resolve(__dirname, "../../docs/charts");

const WIDTH = 560;
const COLORS = { sent: "#bab0ac", acknowledged: "#4c78a8", lost: "#e45756" };

/**
 * Per scenario, the unsafe setting next to the safe one: messages sent, acknowledged (a setting that blocks writes
 * shows here), and lost (acknowledged, never read back; for a consumer, written and never processed).
 */
export function durabilityPairsSpec(figures: DurabilityFigures): TopLevelSpec {
  // One client's rows together, in the order they were recorded.
  const clients = [...new Set(figures.scenarios.map((s) => s.client))];
  const byClient = [...figures.scenarios].sort((a, b) => clients.indexOf(a.client) - clients.indexOf(b.client));
  const values = byClient.flatMap((s) => {
    const label = `${s.scenario}: ${s.setting} (${s.client}, Kafka ${s.kafka})`;
    return [
      { label, measure: "sent", value: s.sent },
      { label, measure: "acknowledged", value: s.acknowledged },
      { label, measure: "lost", value: s.lost },
    ];
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Sent, acknowledged and lost messages, unsafe setting next to safe",
    width: WIDTH,
    data: { values },
    mark: { type: "bar" },
    encoding: {
      y: { field: "label", type: "nominal", sort: null, title: null, axis: { labelLimit: 0 } },
      yOffset: { field: "measure", sort: Object.keys(COLORS) },
      // Symmetric log: a loss of a few hundred stays visible next to a stream of tens of thousands, and 0 is 0.
      x: { field: "value", type: "quantitative", title: "messages (symmetric log scale)", scale: { type: "symlog" } },
      color: {
        field: "measure",
        type: "nominal",
        title: null,
        scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
      },
    },
  };
}

/** Acknowledgements per bucket through a leader kill, with the kill, the election and the recovery marked. */
function timelineLayers(timeline: Timeline): TopLevelSpec {
  const { bucketMs } = timeline;
  const points = timeline.acknowledged.map((acknowledged, index) => ({
    seconds: (index * bucketMs) / 1000,
    acknowledged,
  }));
  const events = timeline.events.map((e) => ({ seconds: e.atMs / 1000, event: e.event }));
  return {
    title: `${timeline.scenario}: acknowledgements per ${bucketMs} ms (${timeline.client}, Kafka ${timeline.kafka})`,
    width: WIDTH,
    height: 200,
    layer: [
      {
        data: { values: points },
        mark: { type: "area", line: true, opacity: 0.4, color: COLORS.acknowledged },
        encoding: {
          x: { field: "seconds", type: "quantitative", title: "seconds from the first send" },
          y: { field: "acknowledged", type: "quantitative", title: `acknowledged per ${bucketMs} ms` },
        },
      },
      {
        data: { values: events },
        mark: { type: "rule", color: COLORS.lost, strokeDash: [4, 3] },
        encoding: { x: { field: "seconds", type: "quantitative" } },
      },
      {
        data: { values: events },
        mark: { type: "text", angle: 270, align: "right", baseline: "bottom", dx: -4, dy: -2, fontSize: 10 },
        encoding: { x: { field: "seconds", type: "quantitative" }, y: { value: 0 }, text: { field: "event" } },
      },
    ],
  } as TopLevelSpec;
}

/** One timeline per client that ran the leader kill. */
export function timelineSpec(figures: DurabilityFigures): TopLevelSpec {
  if (figures.timelines.length === 0) {
    return { title: "Leader kill timeline: no figures yet", data: { values: [] }, mark: "point" };
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    vconcat: figures.timelines.map(timelineLayers),
  } as TopLevelSpec;
}

/** Each benchmark ratio: median with its min–max, the goal where there is one, and 1× (no cost) as reference. */
export function benchmarkSpec(rows: RatioFigure[]): TopLevelSpec {
  const values = rows.map((row) => ({ figure: `${row.figure} (${row.toolchain})`, ...row.ratio, goal: row.goal }));
  const y = { field: "figure", type: "nominal" as const, sort: null, title: null, axis: { labelLimit: 0 } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Benchmark ratios against the baseline measured in the same run (median, min–max; goal ◆)",
    width: 300,
    data: { values },
    layer: [
      {
        mark: { type: "bar", color: COLORS.acknowledged },
        encoding: { y, x: { field: "median", type: "quantitative", title: "ratio (×)" } },
      },
      { mark: { type: "rule" }, encoding: { y, x: { field: "min", type: "quantitative" }, x2: { field: "max" } } },
      {
        transform: [{ filter: "datum.goal != null" }],
        mark: { type: "point", shape: "diamond", filled: true, color: COLORS.lost, size: 60 },
        encoding: { y, x: { field: "goal", type: "quantitative" } },
      },
      {
        data: { values: [{ one: 1 }] },
        mark: { type: "rule", strokeDash: [2, 2] },
        encoding: { x: { field: "one", type: "quantitative" } },
      },
    ],
  };
}

/** Vega-Lite compiled and rendered to SVG without a browser (the same figures always give the same picture). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import("vega-lite"), import("vega")]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

/** Every chart: its file under docs/charts and the spec drawn from the current figures. */
export function charts(): { file: string; spec: TopLevelSpec }[] {
  const durability = readDurability();
  return [
    { file: "durability-pairs.svg", spec: durabilityPairsSpec(durability) },
    { file: "leader-kill-timeline.svg", spec: timelineSpec(durability) },
    { file: "benchmark-ratios.svg", spec: benchmarkSpec(readBenchmarks()) },
  ];
}

/** Draws every chart into docs/charts. */
export async function drawCharts(): Promise<string[]> {
  const drawn = charts();
  for (const { file, spec } of drawn) writeFileSync(path.join(CHARTS_DIR, file), await renderSvg(spec));
  return drawn.map(({ file }) => file);
}
