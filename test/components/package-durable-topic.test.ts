import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { type RegisteredResource, recordRegistrations, settled, valueOf } from "./pulumi-mocks";

let registered: RegisteredResource[];
let packaged: typeof import("../../provider/durable-topic");
let components: typeof import("../../components");

beforeAll(async () => {
  registered = recordRegistrations();
  packaged = await import("../../provider/durable-topic");
  components = await import("../../components");
});

describe("DurableTopic as the component package serves it", () => {
  it("wraps the TypeScript component: the same topic, the same outputs, and the consumer settings without group.id", async () => {
    const served = new packaged.DurableTopic("ledger", { partitions: 6 }, {});
    await settled();
    const topic = registered.find((r) => r.type === "kafka:index/topic:Topic" && r.name === "ledger");
    expect(topic?.inputs).toMatchObject({ name: "ledger", partitions: 6, replicationFactor: 3 });
    expect(registered.filter((r) => r.type === "kafkaguard:index:DurableTopic" && r.name === "ledger")).toHaveLength(2);

    const reference = new components.DurableTopic("reference");
    expect(await valueOf(served.topicName)).toBe("ledger");
    expect(await valueOf(served.partitions)).toBe(6);
    expect(await valueOf(served.replicationFactor)).toBe(3);
    expect(await valueOf(served.minInsyncReplicas)).toBe(2);
    expect(await valueOf(served.brokerFailuresWithoutDataLoss)).toBe(1);
    expect(await valueOf(served.brokerFailuresWhileWritable)).toBe(1);
    expect(await valueOf(served.producerProperties)).toEqual(reference.producerProperties);
    const { "group.id": groupId, ...consumer } = reference.consumerProperties("any-group");
    expect(groupId).toBe("any-group");
    expect(await valueOf(served.consumerProperties)).toEqual(consumer);
  });

  it("refuses unsafe arguments with the TypeScript component's message", () => {
    const args = { replicationFactor: 2 };
    expect(() => new components.DurableTopic("weak-reference", args)).toThrow(components.DurableTopicArgsError);
    expect(() => new packaged.DurableTopic("weak", args)).toThrow(/DurableTopic "weak" refuses unsafe/);
  });
});

describe("the component package's package.json", () => {
  interface Manifest {
    name: string;
    version: string;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  }
  const read = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, file), "utf8")) as Manifest;

  // The npm package declares @pulumi/* as peer ranges; the exact versions it is built with are its devDependencies.
  it("names, versions and pins its dependencies as the npm package is built with", () => {
    const packaged = read("provider/package.json");
    const root = read("package.json");
    expect({ name: packaged.name, version: packaged.version }).toEqual({ name: root.name, version: root.version });
    for (const [dependency, version] of Object.entries(packaged.dependencies)) {
      expect(root.devDependencies[dependency], dependency).toBe(version);
    }
    // The kafka plugin must be declared: for this nested package the language host reports only declared plugins.
    expect(Object.keys(packaged.dependencies)).toEqual(expect.arrayContaining(["@pulumi/kafka", "@pulumi/pulumi"]));
  });
});
