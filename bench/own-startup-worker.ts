/**
 * Prints, as JSON, kafkaguard's own part of a pack's start-up: loading its compiled policies and building them with
 * the default settings, after @pulumi/policy (and with it @pulumi/pulumi) is loaded, as every pack loads it. Runs in
 * a fresh process per sample, under ts-node as the Node.js language host starts a policy pack:
 *   node -r ts-node/register/transpile-only bench/own-startup-worker.ts
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import "@pulumi/policy";

const started = performance.now();
const cpuBefore = process.cpuUsage();
// The ready-made pack's entry point, which loads the library and the core; the library then comes from the cache.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(__dirname, "../dist/policy-pack/bundled.js"));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { kafkaguardPolicies } = require(path.join(__dirname, "../dist/policy-pack/library.js")) as {
  kafkaguardPolicies(settings: object): unknown[];
};
if (kafkaguardPolicies({}).length === 0) throw new Error("kafkaguard built no policies");
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
