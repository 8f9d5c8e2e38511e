import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coveredPolicies } from "../../policy-pack/policies";
import { inheritedSettingsPolicy } from "../../policy-pack/policies/stack-policies";
import { topicPolicies } from "../../policy-pack/policies/topic-policies";
import { type PolicyOutcome, type StackOutcome, remediate, runPolicy, runStackPolicy } from "../policy-pack/run-policy";
import {
  ASCII_ONLY,
  UNKNOWNS,
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  countValue,
  flagValue,
  junk,
  resourceProps,
  resourceType,
  topicConfigOrJunk,
  validPolicyConfig,
  readBy,
} from "./arbitraries";
import { type DeclaredTopic, type InheritableKey, KAFKA_DEFAULTS, topicOutcome } from "./kafka-model";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { UnknownValueError } = require("@pulumi/policy/proxy") as { UnknownValueError: new () => Error };

const isResourcePolicy = (policy: object): policy is ResourceValidationPolicy => "validateResource" in policy;
const isStackPolicy = (policy: object): policy is StackValidationPolicy => "validateStack" in policy;

const resourcePolicies = coveredPolicies.map((covered) => covered.policy).filter(isResourcePolicy);
const stackPolicies = coveredPolicies.map((covered) => covered.policy).filter(isStackPolicy);

function expectClearMessages(messages: readonly string[]): void {
  for (const message of messages) {
    expect(typeof message).toBe("string");
    expect(message).toMatch(/\S/);
    expect(message).not.toContain("[object ");
  }
}

describe("every policy, on odd input", () => {
  it("reports violations or an unknown value, and never throws", async () => {
    const policyAndType = fc
      .constantFrom(...coveredPolicies.filter((covered) => isResourcePolicy(covered.policy)))
      .chain((covered) =>
        fc.tuple(
          fc.constant(covered.policy as ResourceValidationPolicy),
          // kafka-resource-unchecked lists no kind of its own: any type.
          covered.checks.length === 0
            ? resourceType
            : fc.oneof(
                { weight: 4, arbitrary: fc.constantFrom(...covered.checks.flatMap((kind) => kind.types)) },
                resourceType,
              ),
        ),
      );
    await fc.assert(
      fc.asyncProperty(
        policyAndType,
        resourceProps,
        fc.boolean(),
        fc.option(validPolicyConfig, { nil: undefined }),
        async ([policy, type], props, protect, config) => {
          const outcome = await runPolicy(policy, {
            type,
            name: "thing",
            props,
            protect,
            config: readBy(policy.name, config),
          });
          if (outcome.kind === "violations") expectClearMessages(outcome.messages);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("remediates without throwing, and what it returns passes the policy", async () => {
    const remediating = resourcePolicies.filter((policy) => policy.remediateResource !== undefined);
    const checked = new Map(coveredPolicies.map((covered) => [covered.policy, covered.checks]));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...remediating), resourceProps, async (policy, props) => {
        const types = (checked.get(policy) ?? []).flatMap((kind) => kind.types);
        for (const type of types) {
          let fixed: Record<string, unknown> | undefined;
          try {
            fixed = await remediate(policy, { type, props });
          } catch (error) {
            if (error instanceof UnknownValueError) continue;
            throw error;
          }
          if (fixed === undefined) continue;
          const after = await runPolicy(policy, { type, props: fixed });
          if (after.kind === "violations") expect(after.messages).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("stack policies survive any stack, linked any way", async () => {
    const stackResource = fc.record({
      type: resourceType,
      props: resourceProps,
      dependsOn: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 2 }),
      provider: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...stackPolicies),
        fc.array(stackResource, { minLength: 1, maxLength: 5 }),
        fc.option(validPolicyConfig, { nil: undefined }),
        async (policy, resources, config) => {
          const name = (index: number) => `r${index % resources.length}`;
          const stack = resources.map((resource, index) => ({
            type: resource.type,
            name: name(index),
            props: resource.props,
            dependsOn: resource.dependsOn.map(name).filter((other) => other !== name(index)),
            ...(resource.provider === undefined ? {} : { provider: name(resource.provider) }),
          }));
          const outcome = await runStackPolicy(policy, stack, readBy(policy.name, config));
          expectClearMessages(outcome.violations.map((violation) => violation.message));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** The three durability values of a topic, in neutral form; each platform writes them its own way. */
interface TopicValues {
  rf: unknown;
  config: unknown;
  minIsr: unknown;
  unclean: unknown;
}

interface Platform {
  type: string;
  props(values: TopicValues): Record<string, unknown>;
  /** What Kafka gets; undefined when the provider or Kafka refuses the declaration outright. */
  declared(values: TopicValues, inherited: Record<InheritableKey, string>): DeclaredTopic | undefined;
  /** Values it inherits come from the stack policy (Strimzi, Aiven). */
  inheritsFromStack?: boolean;
}

const KNOWN_CONFIG_KEYS = new Set([MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION, "retention.ms"]);

/** A Kafka config map as the provider passes it: refused when not a map or when it holds a key Kafka does not know. */
function kafkaConfigMap(config: unknown): Record<string, unknown> | undefined {
  if (config === undefined || config === null) return {};
  if (typeof config !== "object" || Array.isArray(config)) return undefined;
  return Object.keys(config).every((key) => KNOWN_CONFIG_KEYS.has(key))
    ? (config as Record<string, unknown>)
    : undefined;
}

function fromConfigMap(rf: unknown, config: unknown, inherited: Record<InheritableKey, string>) {
  const map = kafkaConfigMap(config);
  if (map === undefined) return undefined;
  return {
    replicationFactor: rf,
    minInsyncReplicas: map[MIN_INSYNC_REPLICAS],
    uncleanLeaderElection: map[UNCLEAN_LEADER_ELECTION],
    inherited,
  };
}

const PLATFORMS: Platform[] = [
  {
    type: "kafka:index/topic:Topic",
    props: ({ rf, config }) => ({ name: "orders", partitions: 3, replicationFactor: rf, config }),
    declared: ({ rf, config }, inherited) => fromConfigMap(rf, config, inherited),
  },
  {
    // Confluent Cloud fixes the replication factor at 3 and defaults min.insync.replicas to 2.
    type: "confluentcloud:index/kafkaTopic:KafkaTopic",
    props: ({ config }) => ({ topicName: "orders", config }),
    declared: ({ config }, inherited) =>
      fromConfigMap(3, config, { ...inherited, [MIN_INSYNC_REPLICAS]: "2", [UNCLEAN_LEADER_ELECTION]: "false" }),
  },
  {
    type: "aiven:index/kafkaTopic:KafkaTopic",
    props: ({ rf, minIsr, unclean }) => ({
      topicName: "orders",
      replication: rf,
      config: { minInsyncReplicas: minIsr, uncleanLeaderElectionEnable: unclean },
    }),
    declared: ({ rf, minIsr, unclean }, inherited) => ({
      replicationFactor: rf,
      minInsyncReplicas: minIsr,
      uncleanLeaderElection: unclean,
      inherited,
    }),
    inheritsFromStack: true,
  },
  {
    type: "kubernetes:kafka.strimzi.io/v1beta2:KafkaTopic",
    props: ({ rf, config }) => ({
      metadata: { name: "orders", labels: { "strimzi.io/cluster": "main" } },
      spec: { replicas: rf, config },
    }),
    declared: ({ rf, config }, inherited) => fromConfigMap(rf, config, inherited),
    inheritsFromStack: true,
  },
];

/** True when every string in a value, nested config maps included, is ASCII. */
function isPlain(value: unknown): boolean {
  if (typeof value === "string") return ASCII_ONLY.test(value);
  if (typeof value === "object" && value !== null) return Object.values(value).every(isPlain);
  return true;
}

function compliant(outcome: PolicyOutcome | StackOutcome): boolean {
  if (outcome.kind !== "violations") return false;
  return "messages" in outcome ? outcome.messages.length === 0 : outcome.violations.length === 0;
}

/** The pack's verdict on one topic: every topic policy (and, for Strimzi and Aiven, the stack policy for inherited values). */
async function packVerdict(platform: Platform, values: TopicValues, config: object): Promise<boolean> {
  const resource = { type: platform.type, name: "orders", props: platform.props(values) };
  const outcomes: (PolicyOutcome | StackOutcome)[] = await Promise.all(
    topicPolicies.map((policy) => runPolicy(policy, { ...resource, config: readBy(policy.name, config) })),
  );
  if (platform.inheritsFromStack) {
    const inherited = readBy(inheritedSettingsPolicy.name, config);
    outcomes.push(await runStackPolicy(inheritedSettingsPolicy, [resource], inherited));
  }
  return outcomes.every(compliant);
}

describe("topic policies against Kafka's own reading of the settings", () => {
  const values = fc
    .record({ rf: countValue, config: topicConfigOrJunk, unclean: flagValue })
    .map(({ rf, config, unclean }) => ({
      rf,
      config,
      // Aiven's typed fields take the same values as the config map.
      minIsr:
        typeof config === "object" && config !== null
          ? (config as Record<string, unknown>)[MIN_INSYNC_REPLICAS]
          : config,
      unclean,
    }));

  it.each(PLATFORMS.map((platform) => [platform.type, platform]))(
    "%s: a topic Kafka would run unsafely, or whose settings are unknown, is never compliant; a plainly safe one is",
    async (_type, platform) => {
      await fc.assert(
        fc.asyncProperty(values, validPolicyConfig, async (topic, config) => {
          const thresholds = { minReplicationFactor: 3, minInsyncReplicas: 2, ...config };
          const inherited = { ...KAFKA_DEFAULTS, ...config.clusterDefaults };
          const isCompliant = await packVerdict(platform, topic, config);
          const declared = platform.declared(topic, inherited);
          const read = [topic.rf, topic.config, topic.minIsr, topic.unclean];
          const involved =
            declared === undefined
              ? []
              : [declared.replicationFactor, declared.minInsyncReplicas, declared.uncleanLeaderElection];
          if ([...involved, topic.config].some((value) => UNKNOWNS.includes(value))) {
            expect(isCompliant, "an unknown value was treated as compliant").toBe(false);
            return;
          }
          if (declared === undefined) return;
          const outcome = topicOutcome(declared, thresholds);
          if (outcome === "unsafe") expect(isCompliant, "an unsafe topic was reported compliant").toBe(false);
          // Exotic text (Java accepts "falſe" as false) may be refused conservatively: only plain text must pass.
          const plain = read.every(isPlain);
          if (outcome === "safe" && plain) expect(isCompliant, "a safe topic was reported").toBe(true);
        }),
        { numRuns: 400 },
      );
    },
  );

  it("a junk config never makes a topic pass", async () => {
    await fc.assert(
      fc.asyncProperty(junk, async (config) => {
        fc.pre(typeof config !== "object" || config === null || Array.isArray(config));
        const isCompliant = await packVerdict(
          PLATFORMS[0] as Platform,
          { rf: 3, config, minIsr: undefined, unclean: undefined },
          {},
        );
        // No config at all inherits min.insync.replicas 1; anything else that is not a map is malformed.
        expect(isCompliant).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
