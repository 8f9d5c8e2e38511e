import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Diagnostic, PolicyPackProcess } from "../support/analyzer-client";
import {
  ASCII_ONLY,
  MIN_INSYNC_REPLICAS,
  UNKNOWNS,
  UNCLEAN_LEADER_ELECTION,
  countValue,
  resourceProps,
  resourceType,
  topicConfigOrJunk,
  validPolicyConfig,
  readBy,
} from "./arbitraries";
import { KAFKA_DEFAULTS, topicOutcome } from "./kafka-model";

const TOPIC = "kafka:index/topic:Topic";
const TOPIC_POLICIES = [
  "kafka-topic-min-replication-factor",
  "kafka-topic-min-insync-replicas",
  "kafka-topic-replicas-above-min-insync",
  "kafka-topic-no-unclean-leader-election",
];
/** How the engine marks a secret on the wire (the "4dabf18193072939515e22adb298388d" signature key). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const secret = (value: unknown) => ({ [SECRET_SIG_KEY]: SECRET_SIG, value });
const isSecret = (value: unknown): value is { value: unknown } =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
const reveal = (value: unknown): unknown => (isSecret(value) ? reveal(value.value) : value);

/** What the wire can carry: protobuf Structs have no undefined. */
function wire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : wire(item)));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, wire(item)]),
  );
}

/** Sometimes a secret, as the engine sends values marked secret. */
function maybeSecret<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary }, { weight: 1, arbitrary: arbitrary.map(secret) });
}

const secretConfig = topicConfigOrJunk.chain((config) =>
  typeof config === "object" && config !== null && !Array.isArray(config)
    ? fc
        .record({ minIsr: fc.boolean(), unclean: fc.boolean(), whole: fc.boolean() })
        .map(({ minIsr, unclean, whole }) => {
          const entries: Record<string, unknown> = { ...config };
          if (minIsr && MIN_INSYNC_REPLICAS in entries)
            entries[MIN_INSYNC_REPLICAS] = secret(entries[MIN_INSYNC_REPLICAS]);
          if (unclean && UNCLEAN_LEADER_ELECTION in entries) {
            entries[UNCLEAN_LEADER_ELECTION] = secret(entries[UNCLEAN_LEADER_ELECTION]);
          }
          return whole ? secret(entries) : entries;
        })
    : fc.constant(config),
);

const KNOWN_KEYS = [MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION, "retention.ms"];

let pack: PolicyPackProcess;

beforeAll(async () => {
  pack = await PolicyPackProcess.start();
});

afterAll(async () => {
  await pack?.stop();
});

describe("the pack process, fuzzed over the analyzer protocol", () => {
  it("answers every Analyze, and never lets an unsafe, unknown or secret setting pass", async () => {
    await fc.assert(
      fc.asyncProperty(
        maybeSecret(countValue),
        secretConfig,
        validPolicyConfig,
        fc.boolean(),
        async (rf, config, policyConfig, protect) => {
          await pack.configure(
            Object.fromEntries(TOPIC_POLICIES.map((name) => [name, { properties: readBy(name, policyConfig) }])),
          );
          const props = wire({ name: "orders", partitions: 3, replicationFactor: rf, config }) as Record<
            string,
            unknown
          >;
          const diagnostics: Diagnostic[] = await pack.analyze({ type: TOPIC, name: "orders", props, protect });
          const blocking = diagnostics.filter((d) => TOPIC_POLICIES.includes(d.policyName));
          const thresholds = { minReplicationFactor: 3, minInsyncReplicas: 2, ...policyConfig };
          const entries = reveal(wire(config));
          if (UNKNOWNS.includes(entries)) {
            expect(blocking.length, "an unknown config passed").toBeGreaterThan(0);
            return;
          }
          // Kafka refuses a config that is not a map or has a key it does not know; nothing to compare then.
          if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return;
          if (Object.keys(entries).some((key) => !KNOWN_KEYS.includes(key))) return;
          const topic = {
            replicationFactor: reveal(rf),
            minInsyncReplicas: reveal((entries as Record<string, unknown>)[MIN_INSYNC_REPLICAS]),
            uncleanLeaderElection: reveal((entries as Record<string, unknown>)[UNCLEAN_LEADER_ELECTION]),
            inherited: { ...KAFKA_DEFAULTS, ...policyConfig.clusterDefaults },
          };
          const values = [topic.replicationFactor, topic.minInsyncReplicas, topic.uncleanLeaderElection];
          if (values.some((value) => UNKNOWNS.includes(value))) {
            expect(blocking.length, "an unknown value passed").toBeGreaterThan(0);
            return;
          }
          const outcome = topicOutcome(topic, thresholds);
          if (outcome === "unsafe") expect(blocking.length, "an unsafe topic passed").toBeGreaterThan(0);
          const plain = values.every((value) => typeof value !== "string" || ASCII_ONLY.test(value));
          if (outcome === "safe" && plain) expect(blocking).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("answers odd resources of any type without an error", async () => {
    await pack.configure({});
    await fc.assert(
      fc.asyncProperty(resourceType, resourceProps, fc.boolean(), async (type, props, protect) => {
        await pack.analyze({ type, name: "odd", props: wire(props) as Record<string, unknown>, protect });
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a bad configuration that got past the CLI with one line, not a stack trace", async () => {
    const badConfig = fc.record(
      {
        minReplicationFactor: fc.oneof(fc.integer({ min: -5, max: 1 }), fc.constantFrom("3", 2.5)),
        minInsyncReplicas: fc.oneof(fc.integer({ min: -5, max: 1 }), fc.constantFrom("2", true)),
        exemptions: fc.constantFrom([{ pattern: "orders-(", reason: "r" }], [{ pattern: "\n)", reason: "r" }], "all"),
        clusterDefaults: fc.constantFrom({ "min.insync.replicas": "two" }, { toString: "1" }, ["1"]),
        minInSyncReplicas: fc.constant(3),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(badConfig, async (properties) => {
        fc.pre(Object.keys(properties).length > 0);
        await pack.configure(
          Object.fromEntries(TOPIC_POLICIES.map((name) => [name, { properties: wire(properties) as object }])),
        );
        const error = await pack
          .analyze({ type: TOPIC, name: "orders", props: { name: "orders", replicationFactor: 3 } })
          .then(
            () => undefined,
            (rejection: Error) => rejection,
          );
        expect(error, "a bad configuration was accepted").toBeInstanceOf(Error);
        const lines = (error as Error).message.split("\n");
        expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
        expect(lines.filter((line) => line.startsWith("KafkaguardConfigError: "))).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
    await pack.configure({});
  });
});
