import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "../test/support/analyzer-client";
import type { ComponentVariant } from "./component-worker";

export interface RegistrationSample {
  wallMs: number;
  cpuMs: number;
}

const WORKER = path.join(REPO_ROOT, "bench/component-worker.ts");

/** Registers `count` topics of one variant in a fresh process (ts-node, as Pulumi runs TypeScript programs). */
export function registrationSample(variant: ComponentVariant, count: number): Promise<RegistrationSample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", WORKER, variant, String(count)], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`component worker (${variant}) exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim()) as RegistrationSample);
    });
  });
}
