import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CHARTS_DIR, charts, renderSvg } from "../../scripts/docs/charts";
import { readBenchmarks, readDurability } from "../../scripts/docs/figures";

describe("the charts in docs/charts", () => {
  it.each(charts().map(({ file, spec }) => [file, spec] as const))(
    "%s is drawn from the current figures (run `npm run docs` after new figures)",
    async (file, spec) => {
      const committed = readFileSync(path.join(CHARTS_DIR, file), "utf8");
      expect(committed === (await renderSvg(spec)), `${file} is stale`).toBe(true);
    },
  );

  it("show every measured scenario and benchmark row", () => {
    const pictures = charts().map(({ file }) => readFileSync(path.join(CHARTS_DIR, file), "utf8"));
    const text = pictures.join("\n");
    for (const s of readDurability().scenarios) expect(text).toContain(s.scenario);
    for (const row of readBenchmarks()) expect(text).toContain(row.figure.slice(0, 30));
  });
});
