import * as path from "node:path";
import { REPO_ROOT } from "../test/support/analyzer-client";
import type { ComponentVariant } from "./component-worker";
import { runWorker } from "./worker";

export interface RegistrationSample {
  wallMs: number;
  cpuMs: number;
}

const WORKER = path.join(REPO_ROOT, "bench/component-worker.ts");

/** Registers `count` topics of one variant in a fresh process (ts-node, as Pulumi runs TypeScript programs). */
export function registrationSample(variant: ComponentVariant, count: number): Promise<RegistrationSample> {
  return runWorker<RegistrationSample>(WORKER, [variant, String(count)]);
}
