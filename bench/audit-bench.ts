import { existsSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { REPO_ROOT } from "../test/support/analyzer-client";
import { type CommandResult, run, toolchainEnv } from "../test/support/toolchain";

/**
 * `kafkaguard audit` against Kafka's own `kafka-configs --describe --all --entity-type topics` over the same
 * topics of the local cluster, both timed as whole commands (process start to exit), in the same run.
 */

const CLI = path.join(REPO_ROOT, "dist/cli/main.js");
const TOPIC_HELPER = path.join(REPO_ROOT, "bench/audit-topics.ts");
const VITE_NODE = path.join(REPO_ROOT, "node_modules/vite-node/vite-node.mjs");
// Kafka's ConfigCommand class moved between the 3.x and 4.x lines; the first one the jars have is used.
const CONFIG_COMMANDS = ["org.apache.kafka.tools.ConfigCommand", "kafka.admin.ConfigCommand"];

/** How many topics an `audit --format json` run saw. */
function auditedTopics(result: CommandResult): number {
  return (JSON.parse(result.stdout) as { topics: { total: number } }).topics.total;
}

export interface AuditSample {
  auditMs: number;
  kafkaConfigsMs: number;
}

export class AuditBench {
  private readonly env = toolchainEnv();
  private readonly prefix = `bench-audit-${process.pid}`;
  private created = 0;
  private configCommand: string | undefined;

  /** Why the bench cannot run here, or undefined when it can. */
  async unavailable(): Promise<string | undefined> {
    const node = this.node();
    if (!existsSync(node)) return "skipped: the audit's Node.js is not installed (run scripts/setup.sh)";
    if (!existsSync(CLI)) return "skipped: the CLI is not built (npm run build)";
    const status = await run("bash", [path.join(REPO_ROOT, "scripts/kafka/cluster.sh"), "status"], {
      cwd: REPO_ROOT,
      env: this.env,
    });
    return status.code === 0 ? undefined : "skipped: the local cluster is not running (scripts/kafka/cluster.sh start)";
  }

  private node(): string {
    return this.env["KAFKAGUARD_AUDIT_NODE"] ?? "";
  }

  private bootstrap(): string {
    return this.env["KAFKA_BOOTSTRAP_SERVERS"] ?? "";
  }

  private async must(command: string, args: string[]): Promise<CommandResult> {
    const result = await run(command, args, { cwd: REPO_ROOT, env: this.env, timeoutMs: 900_000 });
    if (result.code !== 0 && !(command === this.node() && args[0] === CLI && result.code === 1)) {
      throw new Error(
        `${path.basename(args[0] ?? command)} failed (exit ${result.code}): ${result.output.slice(0, 400)}`,
      );
    }
    return result;
  }

  /** Grows the benchmark's topics to `count` (they are kept between sizes). */
  async growTo(count: number): Promise<void> {
    if (count <= this.created) return;
    await this.must(this.node(), [
      VITE_NODE,
      TOPIC_HELPER,
      "create",
      this.prefix,
      String(this.created),
      String(count),
      this.bootstrap(),
    ]);
    this.created = count;
    await this.waitUntilVisible();
  }

  /**
   * Topic creation returns once the controller has committed it; brokers learn of it a little later. Polls the
   * audit (it asks any broker) until it sees every benchmark topic, so no sample times a cluster still catching up.
   */
  private async waitUntilVisible(timeoutMs = 180_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const audit = await this.must(this.node(), [
        CLI,
        "audit",
        "--bootstrap-server",
        this.bootstrap(),
        "--format",
        "json",
      ]);
      const seen = auditedTopics(audit);
      if (seen >= this.created) return;
      if (performance.now() > deadline) {
        throw new Error(`after ${timeoutMs / 1000}s the audit sees ${seen} topics; expected at least ${this.created}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  private async timed(command: string, args: string[]): Promise<{ ms: number; result: CommandResult }> {
    const started = performance.now();
    const result = await this.must(command, args);
    return { ms: performance.now() - started, result };
  }

  private async kafkaConfigs(): Promise<{ ms: number; result: CommandResult }> {
    const candidates = this.configCommand === undefined ? CONFIG_COMMANDS : [this.configCommand];
    for (const className of candidates) {
      const args = [path.join(REPO_ROOT, "scripts/kafka/tool.sh"), className];
      const timed = await this.timed("bash", [
        ...args,
        "--bootstrap-server",
        this.bootstrap(),
        "--describe",
        "--all",
        "--entity-type",
        "topics",
      ]).catch((error: Error) => {
        if (/Could not find or load main class/.test(error.message)) return undefined;
        throw error;
      });
      if (timed === undefined) continue;
      this.configCommand = className;
      return timed;
    }
    throw new Error(`none of ${CONFIG_COMMANDS.join(", ")} is in the installed Kafka jars`);
  }

  /** One paired sample over the topics now on the cluster; `auditFirst` alternates the order between runs. */
  async sample(auditFirst: boolean): Promise<AuditSample> {
    const audit = () =>
      this.timed(this.node(), [CLI, "audit", "--bootstrap-server", this.bootstrap(), "--format", "json"]);
    const [first, second] = auditFirst ? [audit, () => this.kafkaConfigs()] : [() => this.kafkaConfigs(), audit];
    const a = await first();
    const b = await second();
    const [auditRun, configsRun] = auditFirst ? [a, b] : [b, a];
    // Both must have covered the benchmark's topics, or the comparison is void.
    const audited = auditedTopics(auditRun.result);
    const described = (configsRun.result.stdout.match(/^(All configs|Dynamic configs) for topic /gm) ?? []).length;
    if (audited < this.created || described < this.created) {
      throw new Error(
        `the audit saw ${audited} topics and kafka-configs ${described}; expected at least ${this.created}`,
      );
    }
    return { auditMs: auditRun.ms, kafkaConfigsMs: configsRun.ms };
  }

  async dispose(): Promise<void> {
    if (this.created > 0) {
      await this.must(this.node(), [
        VITE_NODE,
        TOPIC_HELPER,
        "delete",
        this.prefix,
        "0",
        String(this.created),
        this.bootstrap(),
      ]);
    }
  }
}
