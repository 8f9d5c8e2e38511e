import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS } from "../../core";
import { DeletionGuard, planDurableTopic } from "../../components/durable-topic-plan";
import { REPO_ROOT } from "../support/analyzer-client";
import { type DeclaredProperty, declaredProperties } from "../support/typescript-interface";
import { run, toolchainEnv } from "../support/toolchain";

/**
 * The schema the real CLI gets from the component package (`pulumi package get-schema provider/`) must say what
 * the TypeScript source says: every DurableTopicArgs argument with its type, documentation and default, and every
 * output of the TypeScript component. The expectations are read from the source files, so a change on either
 * side that the other does not follow fails here.
 */

const PACKAGE_DIR = path.join(REPO_ROOT, "provider");
const TOKEN = "kafkaguard:index:DurableTopic";

interface SchemaProperty {
  type?: string;
  $ref?: string;
  additionalProperties?: SchemaProperty;
  description?: string;
  plain?: boolean;
}
interface SchemaType {
  type: string;
  properties?: Record<string, SchemaProperty>;
  enum?: { name: string; value: string | number }[];
}
interface PackageSchema {
  name: string;
  version: string;
  resources: Record<
    string,
    {
      isComponent?: boolean;
      inputProperties: Record<string, SchemaProperty>;
      requiredInputs?: string[];
      properties: Record<string, SchemaProperty>;
      description?: string;
    }
  >;
  types: Record<string, SchemaType>;
}

function declared(relativeFile: string, typeName: string): DeclaredProperty[] {
  const file = path.join(REPO_ROOT, relativeFile);
  return declaredProperties(file, readFileSync(file, "utf8"), typeName);
}

/** `pulumi.Input<T>` is T that may also arrive as an Output: the schema marks it not plain. */
function unwrapInput(typeText: string): { inner: string; plain: boolean } {
  const match = /^(?:pulumi\.)?Input<(.+)>$/.exec(typeText);
  return match?.[1] === undefined ? { inner: typeText, plain: true } : { inner: match[1], plain: false };
}

/** `pulumi.Output<T>` members are outputs of type T. */
function unwrapOutput(typeText: string): string {
  return /^(?:pulumi\.)?Output<(.+)>$/.exec(typeText)?.[1] ?? typeText;
}

let schema: PackageSchema;
let resource: PackageSchema["resources"][string];

/** The schema shape a TypeScript type is carried as; a type this does not know fails the test, on purpose. */
function expectCarried(where: string, typeText: string, property: SchemaProperty | undefined): void {
  expect(property, `${where} is missing from the schema`).toBeDefined();
  const simple: Record<string, SchemaProperty> = {
    number: { type: "number" },
    string: { type: "string" },
    boolean: { type: "boolean" },
    "Record<string, string>": { type: "object", additionalProperties: { type: "string" } },
    // Inputs are not plain in the schema; their values are carried as the type they resolve to.
    "Record<string, pulumi.Input<string>>": { type: "object", additionalProperties: { type: "string" } },
  };
  const known = simple[typeText];
  if (known !== undefined) {
    expect(property, where).toMatchObject(known);
  } else if (typeText === "DeletionGuard") {
    expect(property?.$ref, where).toBe("#/types/kafkaguard:index:DeletionGuard");
    const values = schema.types["kafkaguard:index:DeletionGuard"]?.enum?.map((member) => member.value);
    expect(values, `${where}: the enum's values`).toEqual(Object.values(DeletionGuard));
  } else if (typeText === "Partial<DurabilityThresholds>") {
    expect(property?.$ref, where).toBe("#/types/kafkaguard:index:PartialDurabilityThresholds");
    const carried = schema.types["kafkaguard:index:PartialDurabilityThresholds"]?.properties ?? {};
    const fields = declared("core/thresholds.ts", "DurabilityThresholds");
    expect(Object.keys(carried).sort()).toEqual(fields.map((field) => field.name).sort());
    for (const field of fields) {
      expectCarried(`${where}.${field.name}`, field.typeText, carried[field.name]);
      expect(carried[field.name]?.description, `${where}.${field.name}: documentation`).toBe(field.doc);
      const fallback = DEFAULT_THRESHOLDS[field.name as keyof typeof DEFAULT_THRESHOLDS];
      expect(field.doc, `${where}.${field.name}: the documented default`).toMatch(new RegExp(`Default ${fallback}\\b`));
    }
  } else {
    expect.fail(`${where} has type ${typeText}; state here how the package schema carries it`);
  }
}

beforeAll(async () => {
  const result = await run("pulumi", ["package", "get-schema", PACKAGE_DIR], {
    cwd: REPO_ROOT,
    env: toolchainEnv(),
  });
  expect(result.code, result.output).toBe(0);
  schema = JSON.parse(result.stdout) as PackageSchema;
  const found = schema.resources[TOKEN];
  if (found === undefined) throw new Error(`the schema has no ${TOKEN}:\n${result.stdout}`);
  resource = found;
});

describe("pulumi package get-schema on the kafkaguard component package", () => {
  it("names the package and version of the npm package, and DurableTopic as a component", () => {
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      name: string;
      version: string;
    };
    expect(schema.name).toBe(packageJson.name);
    expect(schema.version).toBe(packageJson.version);
    expect(resource.isComponent).toBe(true);
    expect(resource.description).toMatch(/acknowledged messages/);
  });

  it("states every DurableTopicArgs argument with its type, plainness, optionality and documentation", () => {
    const args = declared("components/durable-topic-plan.ts", "DurableTopicArgs");
    expect(Object.keys(resource.inputProperties).sort()).toEqual(args.map((arg) => arg.name).sort());
    for (const arg of args) {
      const carried = resource.inputProperties[arg.name];
      const { inner, plain } = unwrapInput(arg.typeText);
      expectCarried(`argument ${arg.name}`, inner, carried);
      expect(carried?.plain ?? false, `argument ${arg.name}: plain`).toBe(plain);
      expect(carried?.description, `argument ${arg.name}: documentation`).toBe(arg.doc);
      expect((resource.requiredInputs ?? []).includes(arg.name), `argument ${arg.name}: required`).toBe(!arg.optional);
    }
  });

  it("documents, for every argument with a default, the value the component really applies", () => {
    const resolved = planDurableTopic("the-resource-name", {});
    const documentedDefault = (name: string) => resource.inputProperties[name]?.description ?? "";
    expect(documentedDefault("topicName")).toMatch(/Defaults to the resource name/);
    expect(resolved.topicName).toBe("the-resource-name");
    for (const name of ["partitions", "replicationFactor", "minInsyncReplicas"] as const) {
      expect(documentedDefault(name), name).toMatch(new RegExp(`Default ${resolved[name]}\\b`));
    }
    expect(documentedDefault("deletionGuard")).toContain(`Default "${resolved.deletionGuard}"`);
  });

  it("has every output of the TypeScript component, plus the consumer settings, each documented", () => {
    const packageOutputs = declared("provider/durable-topic.ts", "DurableTopic");
    expect(Object.keys(resource.properties).sort()).toEqual(packageOutputs.map((output) => output.name).sort());
    for (const output of packageOutputs) {
      expectCarried(`output ${output.name}`, unwrapOutput(output.typeText), resource.properties[output.name]);
      expect(resource.properties[output.name]?.description, `output ${output.name}: documentation`).toBe(output.doc);
    }
    // `topic` is the underlying kafka.Topic resource: the package keeps it inside the component.
    const componentOutputs = declared("components/durable-topic.ts", "DurableTopic").filter((m) => m.name !== "topic");
    for (const output of componentOutputs) expect(Object.keys(resource.properties)).toContain(output.name);
    expect(Object.keys(resource.properties)).toEqual(
      expect.arrayContaining(["producerProperties", "consumerProperties"]),
    );
  });
});
