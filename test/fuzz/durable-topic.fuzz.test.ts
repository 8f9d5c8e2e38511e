import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type DurableTopicPlan, planDurableTopic } from "../../components/durable-topic-plan";
import { type RegisteredResource, recordRegistrations, settled } from "../components/pulumi-mocks";
import {
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  countValue,
  flagValue,
  junk,
  lookAlikeKey,
  oddNumber,
} from "./arbitraries";
import { KAFKA_DEFAULTS, kafkaBoolean, kafkaInt, topicOutcome } from "./kafka-model";

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** Mostly a sensible value, sometimes an odd one, now and then anything at all. */
function usually<T>(sensible: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 8, arbitrary: sensible }, { weight: 2, arbitrary: odd }, { weight: 1, arbitrary: junk });
}

/** DurableTopic arguments as a JavaScript caller might pass them, types ignored. */
const durableTopicArgs = fc.record(
  {
    topicName: usually(
      fc.constantFrom("orders", "orders.v1", "payments_v2"),
      fc.constantFrom("x".repeat(250), ".", "", "örders", "a b"),
    ),
    partitions: usually(fc.integer({ min: 1, max: 12 }), fc.oneof(countValue, oddNumber)),
    replicationFactor: usually(fc.integer({ min: 3, max: 5 }), fc.oneof(countValue, oddNumber)),
    minInsyncReplicas: usually(fc.integer({ min: 2, max: 3 }), countValue),
    config: usually(
      fc.dictionary(fc.constantFrom(UNCLEAN_LEADER_ELECTION, "retention.ms"), flagValue, { maxKeys: 1 }),
      fc.dictionary(
        fc.oneof(
          fc.constantFrom(MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION),
          lookAlikeKey(MIN_INSYNC_REPLICAS),
          lookAlikeKey(UNCLEAN_LEADER_ELECTION),
        ),
        fc.oneof(countValue, flagValue, junk),
        { maxKeys: 2 },
      ),
    ),
    deletionGuard: usually(fc.constantFrom("protect", "retain", "none"), fc.constantFrom("maybe", "PROTECT")),
    thresholds: usually(
      fc.record({ minReplicationFactor: fc.integer({ min: 2, max: 4 }) }, { requiredKeys: [] }),
      fc.record({ minReplicationFactor: countValue, minInsyncReplicas: countValue }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: [] },
);

/** The bar a topic must clear: the defaults, or stricter thresholds the caller asked for. */
function thresholdsAsked(thresholds: unknown) {
  const asked = (typeof thresholds === "object" && thresholds !== null ? thresholds : {}) as Record<string, unknown>;
  const atLeast = (value: unknown, floor: number) =>
    Number.isInteger(value) ? Math.max(value as number, floor) : floor;
  return {
    minReplicationFactor: atLeast(asked["minReplicationFactor"], 3),
    minInsyncReplicas: atLeast(asked["minInsyncReplicas"], 2),
  };
}

/** What Kafka makes of the kafka.Topic a plan registers. */
function registeredOutcome(
  inputs: { replicationFactor: unknown; config: Record<string, unknown> },
  thresholds: unknown,
) {
  return topicOutcome(
    {
      replicationFactor: inputs.replicationFactor,
      minInsyncReplicas: inputs.config[MIN_INSYNC_REPLICAS],
      uncleanLeaderElection: inputs.config[UNCLEAN_LEADER_ELECTION],
      inherited: KAFKA_DEFAULTS,
    },
    thresholdsAsked(thresholds),
  );
}

/** Kafka reads both durability values as written and, if it creates the topic at all, runs it safely. */
function expectSafe(
  inputs: { replicationFactor: unknown; config: Record<string, unknown> },
  thresholds: unknown,
): void {
  // A replication factor above the broker count is refused by Kafka; the component cannot know the count.
  expect(registeredOutcome(inputs, thresholds), JSON.stringify(inputs)).not.toBe("unsafe");
  expect(kafkaInt(inputs.config[MIN_INSYNC_REPLICAS], 1).accepted).toBe(true);
  expect(kafkaBoolean(inputs.config[UNCLEAN_LEADER_ELECTION]).accepted).toBe(true);
}

/** Keys that read as a durability key once case, width and invisible or space characters are ignored. */
function lookAlikes(config: Record<string, unknown>): string[] {
  return Object.keys(config).filter((key) => {
    const folded = key
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\p{Cc}\p{Cf}\p{Z}]/gu, "");
    return key !== folded && [MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION].includes(folded);
  });
}

function tryPlan(args: object): DurableTopicPlan | Error {
  try {
    return planDurableTopic("fuzzed", args as never);
  } catch (error) {
    return error as Error;
  }
}

describe("DurableTopic arguments, fuzzed", () => {
  it("are refused with DurableTopicArgsError, or planned into a topic Kafka runs safely", () => {
    fc.assert(
      fc.property(durableTopicArgs, (args) => {
        const plan = tryPlan(args);
        if (plan instanceof Error) {
          expect(plan.name).toBe("DurableTopicArgsError");
          expect(plan.message).toMatch(/^DurableTopic "fuzzed" refuses unsafe or malformed arguments:\n {2}- \S/);
          return;
        }
        expectSafe(plan, args.thresholds);
        expect(plan.topicName).toMatch(LEGAL_TOPIC_NAME);
        expect(Number.isInteger(plan.partitions) && (plan.partitions as number) >= 1).toBe(true);
        expect(lookAlikes(plan.config)).toEqual([]);
        // The outputs report what Kafka will apply.
        expect(kafkaInt(plan.config[MIN_INSYNC_REPLICAS], 1)).toEqual({
          accepted: true,
          value: plan.minInsyncReplicas,
        });
      }),
      { numRuns: 3000 },
    );
  });

  it("refuse wrong-typed thresholds and config values instead of ignoring or stringifying them", () => {
    const notAMap = junk.filter((value) => typeof value !== "object" || value === null || Array.isArray(value));
    const notText = junk.filter(
      (value) => !["string", "number", "boolean"].includes(typeof value) && value !== undefined,
    );
    fc.assert(
      fc.property(notAMap, (thresholds) => {
        fc.pre(thresholds !== undefined && thresholds !== null);
        expect(tryPlan({ thresholds })).toBeInstanceOf(Error);
      }),
    );
    fc.assert(
      fc.property(notText, (value) => {
        expect(tryPlan({ config: { "retention.ms": value } })).toBeInstanceOf(Error);
      }),
    );
  });
});

describe("DurableTopic under the mock engine", () => {
  let registered: RegisteredResource[];
  let components: typeof import("../../components");

  beforeAll(async () => {
    registered = recordRegistrations();
    components = await import("../../components");
  });

  it("registers the planned, safe kafka.Topic or nothing at all", async () => {
    const attempts = fc.sample(durableTopicArgs, { numRuns: 300, seed: 20_240_611 });
    const accepted = new Map<string, unknown>();
    attempts.forEach((args, index) => {
      const name = `fuzzed-${index}`;
      try {
        new components.DurableTopic(name, args as never);
        accepted.set(name, args.thresholds);
      } catch (error) {
        expect(error).toBeInstanceOf(components.DurableTopicArgsError);
      }
    });
    await settled();
    for (let index = 0; index < attempts.length; index++) {
      const name = `fuzzed-${index}`;
      const resources = registered.filter((resource) => resource.name === name);
      if (!accepted.has(name)) {
        expect(resources, `refused ${name} registered something`).toEqual([]);
        continue;
      }
      const topics = resources.filter((resource) => resource.type === "kafka:index/topic:Topic");
      expect(topics).toHaveLength(1);
      expectSafe(
        topics[0]?.inputs as { replicationFactor: unknown; config: Record<string, unknown> },
        accepted.get(name),
      );
    }
    expect(accepted.size).toBeGreaterThan(10);
  });
});
