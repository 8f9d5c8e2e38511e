import { spawn } from "node:child_process";
import { REPO_ROOT } from "../test/support/analyzer-client";

/**
 * Runs a bench worker (a TypeScript file under bench/) in a fresh process, under ts-node as Pulumi runs TypeScript
 * programs and policy packs, and returns the JSON it prints.
 */
export function runWorker<Result>(script: string, args: readonly string[] = []): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", script, ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(" ")} exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim()) as Result);
    });
  });
}
