// `npm run docs` step: redraws docs/charts/*.svg from docs/figures/*.json (run with vite-node: Vega is ESM-only).
import { CHARTS_DIR, drawCharts } from "./charts";

drawCharts().then(
  (files) => console.log(`drew ${files.join(", ")} in ${CHARTS_DIR}`),
  (error: unknown) => {
    console.error(`kafkaguard: cannot draw the charts: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
