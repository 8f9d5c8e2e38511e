#!/usr/bin/env node
/**
 * `kafkaguard`: judges a running Kafka cluster with the rule core the policy pack enforces at preview.
 * Exit codes: 0 clean, 1 a mandatory finding (or a failed check), 2 a usage, settings or connection error.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, Option } from "commander";
import {
  KafkaguardConfigError,
  auditCluster,
  auditExitCode,
  checkClusterDefaults,
  clusterDefaultsBlock,
  compareWithStack,
  declaredTopics,
  describeLiveSource,
  liveClusterDefaults,
} from "../core";
import { parseClientProperties } from "./client-properties";
import {
  type ConnectOptions,
  ClusterReadError,
  TOPICS_PER_DESCRIBE,
  readLiveBrokers,
  readLiveCluster,
} from "./kafka-reader";
import { OUTPUT_FORMATS, type OutputFormat, formatColumns, renderReport } from "./render";
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

  connectionOptions(program.command("cluster-defaults"))
    .description("print the pack settings' clusterDefaults as the live brokers have them")
    .option("--check <settings-file>", "fail (exit 1) when the settings file's clusterDefaults differ from the cluster")
    .action(async (flags: ConnectionFlags & { check?: string }) => {
      const connect = connectOptions(flags);
      const settings = flags.check === undefined ? undefined : loadAuditSettings(flags.check);
      const { clusterId, brokers } = await readLiveBrokers(connect);
      const live = liveClusterDefaults(brokers);
      if (settings === undefined) {
        const rows = [["KEY", "VALUE", "BROKERS", "FROM"]];
        for (const { key, values } of live) {
          for (const value of values) {
            rows.push([key, JSON.stringify(value.value), value.brokerIds.join(","), describeLiveSource(value.source)]);
          }
        }
        process.stderr.write(`Cluster ${clusterId}, brokers ${brokers.map((broker) => broker.id).join(", ")}:\n`);
        process.stderr.write(formatColumns(rows).join("\n") + "\n");
        const { clusterDefaults, disagreements } = clusterDefaultsBlock(live);
        for (const disagreement of disagreements) process.stderr.write(`kafkaguard: ${disagreement}\n`);
        process.stdout.write(JSON.stringify({ clusterDefaults }, null, 2) + "\n");
        exit(disagreements.length === 0 ? EXIT_CLEAN : EXIT_FINDINGS);
        return;
      }
      const problems = checkClusterDefaults(settings.assumptions, live);
      for (const problem of problems) process.stdout.write(`${problem}\n`);
      if (problems.length === 0) {
        process.stdout.write(`The defaults ${flags.check} assumes match cluster ${clusterId}.\n`);
      }
      exit(problems.length === 0 ? EXIT_CLEAN : EXIT_FINDINGS);
    });

  connectionOptions(program.command("drift"))
    .description("compare the topics a stack declares (pulumi stack export) with the live cluster")
    .requiredOption("--stack-export <file>", "the output of `pulumi stack export` (- for stdin)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "json"]).default("table"))
    .action(async (flags: ConnectionFlags & { stackExport: string; format: "table" | "json" }) => {
      const connect = connectOptions(flags);
      const declared = readStackExport(flags.stackExport);
      const cluster = await readLiveCluster(connect, {
        allTopicKeys: true,
        onlyTopics: declared.map((topic) => topic.name),
        onProgress: progressReporter(),
      });
      const drift = compareWithStack(declared, cluster.topics);
      if (flags.format === "json")
        process.stdout.write(JSON.stringify({ topics: declared.length, drift }, null, 2) + "\n");
      else {
        for (const finding of drift) process.stdout.write(`${finding.message}\n`);
        const drifted = new Set(drift.map((finding) => finding.topic)).size;
        process.stdout.write(`${drifted} of ${declared.length} declared topics drifted from the stack.\n`);
      }
      exit(drift.length === 0 ? EXIT_CLEAN : EXIT_FINDINGS);
    });

  return program;
}

function readStackExport(file: string): ReturnType<typeof declaredTopics> {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read --stack-export ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return declaredTopics(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`--stack-export ${file}: ${(error as Error).message}`);
  }
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
  // An explicit exit: the Kafka client's sockets may still be closing, and there is nothing left to wait for
  // (stdout and stderr are synchronous for files and pipes).
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
