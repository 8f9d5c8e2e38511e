/**
 * Registers `count` topics under Pulumi's mock runtime and prints, as JSON, the wall and CPU milliseconds from the
 * first constructor call until the mock engine has seen every registration. Runs in its own process per sample (the
 * mock runtime is process-global), under ts-node like a Pulumi TypeScript program:
 *   node -r ts-node/register/transpile-only bench/component-worker.ts <durable|raw> <count>
 */
import { performance } from "node:perf_hooks";
import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import { recordRegistrations } from "../test/components/pulumi-mocks";

export type ComponentVariant = "durable" | "raw";

async function main(variant: ComponentVariant, count: number): Promise<void> {
  const registered = recordRegistrations();
  // Loaded after the mocks are installed, as a program would be.
  const { DurableTopic } = await import("../components");
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    const name = `topic-${index}`;
    if (variant === "durable") {
      new DurableTopic(name);
    } else {
      new kafka.Topic(
        name,
        {
          name,
          partitions: 3,
          replicationFactor: 3,
          config: { "min.insync.replicas": "2", "unclean.leader.election.enable": "false" },
        },
        { protect: true },
      );
    }
  }
  // Every registration (and a component's registerOutputs) has reached the mock engine.
  await pulumi.runtime.disconnect();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const topics = registered.filter((resource) => resource.type === "kafka:index/topic:Topic").length;
  if (topics !== count) throw new Error(`expected ${count} kafka.Topic registrations, saw ${topics}`);
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}

const [variant, count] = process.argv.slice(2);
if ((variant !== "durable" && variant !== "raw") || !Number.isInteger(Number(count))) {
  process.stderr.write("usage: component-worker.ts <durable|raw> <count>\n");
  process.exit(2);
}
main(variant, Number(count)).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
