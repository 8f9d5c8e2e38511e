import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./analyzer-client";

/** The environment the project's scripts set up (scripts/lib/common.sh): one definition, read from the script. */
export function toolchainEnv(): NodeJS.ProcessEnv {
  const dump = execFileSync("bash", ["-c", `source "${REPO_ROOT}/scripts/lib/common.sh" && env -0`], {
    encoding: "utf8",
  });
  const env: NodeJS.ProcessEnv = {};
  for (const entry of dump.split("\0")) {
    const at = entry.indexOf("=");
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on what users see. */
  output: string;
}

/** Runs a command to completion, capturing output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output: stdout + stderr });
    });
  });
}

/** A throwaway stack of one Pulumi project on the local file backend. */
export class TestStack {
  readonly name: string;

  private constructor(
    readonly projectDir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.name = `e2e-${randomBytes(4).toString("hex")}`;
  }

  /**
   * `env` adds to the toolchain's environment, for every command of the stack. TypeScript programs run
   * transpile-only (PULUMI_NODEJS_TRANSPILE_ONLY, Pulumi's switch for projects with a type check of their own):
   * the repository's programs are type-checked by `npm run typecheck`, and checking them again on every
   * preview and up cost about 3 CPU-seconds a run. A test whose point is the type check sets it to "false".
   */
  static async create(projectDir: string, env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
    const stack = new TestStack(projectDir, { ...toolchainEnv(), PULUMI_NODEJS_TRANSPILE_ONLY: "true", ...env });
    const init = await stack.pulumi(["stack", "init", stack.name, "--non-interactive"]);
    if (init.code !== 0) throw new Error(`pulumi stack init failed in ${projectDir}:\n${init.output}`);
    return stack;
  }

  pulumi(args: string[], timeoutMs?: number): Promise<CommandResult> {
    const withStack = args[0] === "stack" && args[1] === "init" ? args : [...args, "--stack", this.name];
    return run("pulumi", withStack, { cwd: this.projectDir, env: this.env, timeoutMs });
  }

  /** `pulumi up` without prompts; extra flags such as `--policy-pack <dir>` follow. */
  up(...extra: string[]): Promise<CommandResult> {
    return this.pulumi(["up", "--yes", "--non-interactive", "--skip-preview", ...extra]);
  }

  /** `pulumi destroy` without prompts. */
  destroy(): Promise<CommandResult> {
    return this.pulumi(["destroy", "--yes", "--non-interactive", "--skip-preview"]);
  }

  /** Writes a --policy-pack-config file and returns its path. */
  static policyConfigFile(config: object): string {
    const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-policy-config-"));
    const file = path.join(dir, "policy-config.json");
    writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  /** Removes the stack and its state, whatever resources it still records (protected ones included). */
  async remove(): Promise<void> {
    await this.pulumi(["stack", "rm", "--yes", "--force", "--non-interactive"]);
  }
}

export const POLICY_PACK_DIR = path.join(REPO_ROOT, "policy-pack");
