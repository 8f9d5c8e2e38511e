// Entry point of the kafkaguard component package: the Pulumi CLI runs this folder as a plugin (PulumiPlugin.yaml),
// asks it for its schema and has it construct DurableTopics for programs in any language. The schema was inferred
// from the TypeScript types of DurableTopic and DurableTopicArgs at build time (scripts/build/provider-schema.ts).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { ComponentResourceOptions, Inputs } from "@pulumi/pulumi";
import { type ConstructResult, type Provider, main } from "@pulumi/pulumi/provider";
import type { DurableTopicArgs } from "../components";
import { DurableTopic } from "./durable-topic";
import { PACKAGE_NAME, SCHEMA_FILE } from "./schema-file";

interface PackageSchema {
  version: string;
  resources: Record<string, { properties?: Record<string, unknown> }>;
}

const DURABLE_TOPIC_TYPE = `${PACKAGE_NAME}:index:${DurableTopic.name}`;

/** The plugin runs compiled (dist/provider/index.js, "main" of provider/package.json), beside its schema. */
const SCHEMA_PATH = path.join(__dirname, SCHEMA_FILE);

class DurableTopicPackage implements Provider {
  readonly version: string;
  private readonly schemaText: string;
  private readonly outputNames: string[];

  constructor(schema: string) {
    const parsed = JSON.parse(schema) as PackageSchema;
    this.schemaText = schema;
    this.version = parsed.version;
    this.outputNames = Object.keys(parsed.resources[DURABLE_TOPIC_TYPE]?.properties ?? {});
  }

  getSchema(): Promise<string> {
    return Promise.resolve(this.schemaText);
  }

  construct(name: string, type: string, inputs: Inputs, options: ComponentResourceOptions): Promise<ConstructResult> {
    if (type !== DURABLE_TOPIC_TYPE) {
      return Promise.reject(
        new Error(`the kafkaguard package has no resource type ${type}; it has ${DURABLE_TOPIC_TYPE}`),
      );
    }
    const topic = new DurableTopic(name, inputs as DurableTopicArgs, options);
    const outputs = topic as unknown as Record<string, unknown>;
    const state = Object.fromEntries(this.outputNames.map((output) => [output, outputs[output]]));
    return Promise.resolve({ urn: topic.urn, state });
  }
}

void main(new DurableTopicPackage(readFileSync(SCHEMA_PATH, "utf8")), process.argv.slice(2));
