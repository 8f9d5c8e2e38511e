/** Summaries of repeated measurements: every figure is reported as min / median / max over the runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error("no samples to summarise");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1] };
}

/** Per-run ratios of paired samples (run i of the subject against run i of its baseline). */
export function ratios(subject: readonly number[], baseline: readonly number[]): number[] {
  if (subject.length !== baseline.length) throw new Error("ratios need paired samples");
  return subject.map((value, index) => value / baseline[index]);
}

export function formatSpread(value: Spread, digits: number): string {
  const show = (n: number) => n.toFixed(digits);
  return `${show(value.median)} (${show(value.min)}–${show(value.max)})`;
}
