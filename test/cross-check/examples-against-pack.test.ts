import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { topicPolicies } from "../../policy-pack/policies/topic-policies";
import { type RegisteredResource, recordRegistrations, settled } from "../components/pulumi-mocks";
import { runPolicy } from "../policy-pack/run-policy";

const TOPIC = "kafka:index/topic:Topic";
let registered: RegisteredResource[];

beforeAll(async () => {
  registered = recordRegistrations();
  await import("../../index");
  await import("../../examples/compliant/index");
  await import("../../examples/unsafe/index");
  await settled();
});

async function violatedPolicies(inputs: Record<string, unknown>): Promise<string[]> {
  const violated: string[] = [];
  for (const policy of topicPolicies) {
    const outcome = await runPolicy(policy, { type: TOPIC, props: inputs });
    if (outcome.kind !== "violations") throw new Error(`${policy.name} did not run: ${JSON.stringify(outcome)}`);
    if (outcome.messages.length > 0) violated.push(policy.name);
  }
  return violated;
}

function topicsNamed(names: string[]): RegisteredResource[] {
  const topics = registered.filter((r) => r.type === TOPIC && names.includes(String(r.inputs["name"])));
  expect(topics.map((t) => t.inputs["name"]).sort()).toEqual([...names].sort());
  return topics;
}

describe("examples against the pack", () => {
  it("the demo and the compliant example register only topics that pass every policy", async () => {
    for (const topic of topicsNamed(["orders", "payments", "invoices", "shipments"])) {
      expect({ topic: topic.inputs["name"], violated: await violatedPolicies(topic.inputs) }).toEqual({
        topic: topic.inputs["name"],
        violated: [],
      });
    }
  });

  it("every raw topic in the unsafe example trips exactly the expected policies", async () => {
    const expected: Record<string, string[]> = {
      "unsafe-single-replica": [
        "kafka-topic-min-replication-factor",
        "kafka-topic-min-insync-replicas",
        "kafka-topic-replicas-above-min-insync",
      ],
      "unsafe-default-min-isr": ["kafka-topic-min-insync-replicas"],
      "unsafe-rf-equals-min-isr": ["kafka-topic-replicas-above-min-insync"],
      "unsafe-unclean-election": ["kafka-topic-no-unclean-leader-election"],
    };
    const seen: Record<string, string[]> = {};
    for (const topic of topicsNamed(Object.keys(expected))) {
      seen[String(topic.inputs["name"])] = await violatedPolicies(topic.inputs);
    }
    expect(seen).toEqual(expected);
    expect(new Set(Object.values(seen).flat())).toEqual(new Set(topicPolicies.map((p) => p.name)));
  });
});

describe("components against the pack", () => {
  it("every topic a DurableTopic accepts passes every policy", async () => {
    const { DurableTopic } = await import("../../components");
    let counter = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            partitions: fc.integer({ min: -1, max: 64 }),
            replicationFactor: fc.integer({ min: 0, max: 7 }),
            minInsyncReplicas: fc.integer({ min: 0, max: 7 }),
            unclean: fc.constantFrom("true", "false", "TRUE", " false ", "maybe"),
          },
          { requiredKeys: [] },
        ),
        async ({ unclean, ...args }) => {
          const topicName = `fuzz-${counter++}`;
          const config = unclean === undefined ? undefined : { "unclean.leader.election.enable": unclean };
          let created = false;
          try {
            new DurableTopic(topicName, { ...args, config, deletionGuard: "none" });
            created = true;
          } catch (error) {
            expect((error as Error).name).toBe("DurableTopicArgsError");
          }
          if (!created) return;
          await settled();
          const [topic] = topicsNamed([topicName]);
          expect(await violatedPolicies(topic?.inputs ?? {})).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
