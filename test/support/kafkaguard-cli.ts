import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./analyzer-client";
import { type CommandResult, run, toolchainEnv } from "./toolchain";

/** Runs the built `kafkaguard` bin and Kafka's own tools against the local cluster. */

const CLI = path.join(REPO_ROOT, "dist/cli/main.js");
const KAFKA_TOOL_SCRIPT = path.join(REPO_ROOT, "scripts/kafka/tool.sh");

let cachedEnv: NodeJS.ProcessEnv | undefined;
export function cliEnv(): NodeJS.ProcessEnv {
  cachedEnv ??= toolchainEnv();
  return cachedEnv;
}

function envValue(name: string): string {
  const value = cliEnv()[name];
  if (!value) throw new Error(`${name} is not set by scripts/lib/common.sh`);
  return value;
}

export const bootstrap = () => envValue("KAFKA_BOOTSTRAP_SERVERS");

/** The Node.js the audit runs on (scripts/toolchain/install-node.sh; its Kafka client needs >= 22.22). */
function auditNode(): string {
  const node = envValue("KAFKAGUARD_AUDIT_NODE");
  if (!existsSync(node)) throw new Error(`${node} is missing: run "bash scripts/setup.sh" first`);
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  return node;
}

/** `kafkaguard <args>`, exactly as a user runs the bin. */
export function kafkaguard(args: string[]): Promise<CommandResult> {
  return run(auditNode(), [CLI, ...args], { cwd: REPO_ROOT, env: cliEnv(), timeoutMs: 180_000 });
}

/** Writes a file into a fresh temporary folder and returns its path. */
export function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "kafkaguard-cli-")), name);
  writeFileSync(file, content);
  return file;
}

// Kafka moved its command classes from kafka.admin (Scala) to org.apache.kafka.tools over 3.x and 4.x; the
// first class the installed jars have is used, so the tests run unchanged on either line.
const TOOL_CLASSES = {
  topics: ["org.apache.kafka.tools.TopicCommand", "kafka.admin.TopicCommand"],
  configs: ["org.apache.kafka.tools.ConfigCommand", "kafka.admin.ConfigCommand"],
} as const;

/** Runs `kafka-topics` / `kafka-configs` from the installed jars; throws with the output when it fails. */
export async function kafkaTool(tool: keyof typeof TOOL_CLASSES, args: string[]): Promise<string> {
  for (const className of TOOL_CLASSES[tool]) {
    const result = await run("bash", [KAFKA_TOOL_SCRIPT, className, "--bootstrap-server", bootstrap(), ...args], {
      cwd: REPO_ROOT,
      env: cliEnv(),
      timeoutMs: 120_000,
    });
    if (/Could not find or load main class/.test(result.output)) continue;
    if (result.code !== 0)
      throw new Error(`kafka-${tool} ${args.join(" ")} failed (exit ${result.code}):\n${result.output}`);
    return result.stdout;
  }
  throw new Error(`none of ${TOOL_CLASSES[tool].join(", ")} is in the installed Kafka jars`);
}

/** Polls until check returns a value (observable state), or fails with the last value seen. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    last = await probe();
  }
  return last;
}
