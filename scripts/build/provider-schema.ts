// Writes the component package's schema (dist/provider/schema.json) at build time. @pulumi/pulumi infers it from the
// TypeScript sources of DurableTopic and DurableTopicArgs; doing that here, once, means the published package needs
// neither those sources nor the TypeScript compiler when a program in another language starts it.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { DurableTopic } from "../../provider/durable-topic";
import { PACKAGE_NAME, SCHEMA_FILE } from "../../provider/schema-file";

const providerDir = path.resolve(__dirname, "../../provider");

async function main(): Promise<void> {
  const inferred = new ComponentProvider({ name: PACKAGE_NAME, components: [DurableTopic], dirname: providerDir });
  const schema = JSON.parse(await inferred.getSchema()) as unknown;
  const target = path.resolve(__dirname, "../../dist/provider", SCHEMA_FILE);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(schema, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(
    `kafkaguard: cannot infer the component package schema: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
