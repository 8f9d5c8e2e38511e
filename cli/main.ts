#!/usr/bin/env node
/**
 * `kafkaguard`: judges a running Kafka cluster with the rule core the policy pack enforces at preview.
 * Exit codes: 0 clean, 1 a mandatory finding (or a failed check), 2 a usage, settings or connection error.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { KafkaguardConfigError, auditCluster, auditExitCode } from "../core";
import { parseClientProperties } from "./client-properties";
import { type ConnectOptions, ClusterReadError, TOPICS_PER_DESCRIBE, readLiveCluster } from "./kafka-reader";
import { OUTPUT_FORMATS, type OutputFormat, renderReport } from "./render";
import { loadAuditSettings } from "./settings";

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "kafkaguard") return pkg.version ?? "0.0.0";
  }
  return "0.0.0";
}

/** A one-line error that ends the run with exit code 2. */
class UsageError extends Error {}

interface ConnectionFlags {
  bootstrapServer: string;
  commandConfig?: string;
  timeout: string;
}

function connectOptions(flags: ConnectionFlags): ConnectOptions {
  const bootstrapServers = flags.bootstrapServer
    .split(",")
    .map((server) => server.trim())
    .filter((server) => server !== "");
  for (const server of bootstrapServers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(server) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(server)) {
      throw new UsageError(`--bootstrap-server: "${server}" is not host:port`);
    }
  }
  if (bootstrapServers.length === 0) throw new UsageError("--bootstrap-server needs at least one host:port");
  const timeout = Number(flags.timeout);
  if (!Number.isInteger(timeout) || timeout < 100) {
    throw new UsageError(`--timeout must be a whole number of milliseconds (100 or more), got "${flags.timeout}"`);
  }
  let security = {};
  if (flags.commandConfig !== undefined) {
    let text: string;
    try {
      text = readFileSync(flags.commandConfig, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read --command-config ${flags.commandConfig}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    const parsed = parseClientProperties(text);
    for (const key of parsed.ignoredKeys) process.stderr.write(`kafkaguard: ignoring client property ${key}\n`);
    security = parsed.security;
  }
  return { bootstrapServers, security, requestTimeoutMs: timeout };
}

/** Progress on stderr for clusters with more than one batch of topics: rewritten in place on a terminal. */
function progressReporter(): (done: number, total: number) => void {
  return (done, total) => {
    if (total <= TOPICS_PER_DESCRIBE) return;
    const line = `reading topic configs: ${done}/${total}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? "\n" : ""}`);
    else process.stderr.write(`${line}\n`);
  };
}

function connectionOptions(command: Command): Command {
  return command
    .requiredOption("-b, --bootstrap-server <host:port,...>", "brokers to connect to")
    .option("--command-config <file>", "client properties for TLS/SASL, as for Kafka's own tools")
    .option("--timeout <ms>", "how long one request may take", "15000");
}

export function buildProgram(version: string, exit: (code: number) => void): Command {
  const program = new Command("kafkaguard")
    .description("Judge a running Kafka cluster with the rules the kafkaguard policy pack enforces at preview.")
    .version(version)
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`${text.split("\n")[0]?.replace(/^error: /, "kafkaguard: ")}\n`),
    });

  connectionOptions(program.command("audit"))
    .description("audit every topic, the broker defaults and the partition state (read-only)")
    .option("-s, --settings <file>", "the settings file the pack takes (--policy-pack-config JSON)")
    .addOption(new Option("-f, --format <format>", "output format").choices(OUTPUT_FORMATS).default("table"))
    .action(async (flags: ConnectionFlags & { settings?: string; format: OutputFormat }) => {
      const connect = connectOptions(flags);
      const settings = loadAuditSettings(flags.settings);
      const cluster = await readLiveCluster(connect, { onProgress: progressReporter() });
      const report = auditCluster(cluster, settings.lookup);
      process.stdout.write(renderReport(report, flags.format, version));
      exit(auditExitCode(report));
    });

  return program;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export async function main(argv: readonly string[]): Promise<number> {
  let code: number = EXIT_CLEAN;
  const program = buildProgram(packageVersion(), (status) => (code = status));
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every usage mistake is exit 2 (commander already printed one line).
      return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    }
    if (error instanceof UsageError || error instanceof KafkaguardConfigError || error instanceof ClusterReadError) {
      process.stderr.write(`kafkaguard: ${oneLine(error.message)}\n`);
      return EXIT_ERROR;
    }
    process.stderr.write(
      `kafkaguard: unexpected error: ${oneLine(error instanceof Error ? error.message : String(error))}\n`,
    );
    return EXIT_ERROR;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
