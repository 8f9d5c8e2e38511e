/** Generators of the odd inputs kafkaguard must survive: what users mistype, what Pulumi sends, and plain junk. */
import fc from "fast-check";
import { POLICY_SETTINGS } from "../../core";
import { coveredPolicies } from "../../policy-pack/policies";
import { UNKNOWN_NUMBER, UNKNOWN_OBJECT, UNKNOWN_STRING } from "../policy-pack/run-policy";

export const MIN_INSYNC_REPLICAS = "min.insync.replicas";
export const UNCLEAN_LEADER_ELECTION = "unclean.leader.election.enable";

/** The keys of a configuration one policy reads (POLICY_SETTINGS): what a user gives it in --policy-pack-config. */
export function readBy<T extends object>(policy: string, config: T): Partial<T>;
export function readBy<T extends object>(policy: string, config: T | undefined): Partial<T> | undefined;
export function readBy<T extends object>(policy: string, config: T | undefined): Partial<T> | undefined {
  if (config === undefined) return undefined;
  const reads: readonly string[] = POLICY_SETTINGS[policy] ?? [];
  return Object.fromEntries(Object.entries(config).filter(([key]) => reads.includes(key))) as Partial<T>;
}

/** Values not known during preview, as the engine sends them. */
export const UNKNOWNS: readonly unknown[] = [UNKNOWN_STRING, UNKNOWN_NUMBER, UNKNOWN_OBJECT];
export const unknownValue = fc.constantFrom(...UNKNOWNS);

/** Texts without other scripts' digits or letters, which kafkaguard refuses although Kafka may read them. */
export const ASCII_ONLY = /^\p{ASCII}*$/u;

/** Every type token the pack reads, and one it does not. */
export const resourceType = fc.oneof(
  fc.constantFrom(
    ...new Set(
      coveredPolicies.flatMap((covered) => [...covered.checks, ...(covered.reads ?? [])].flatMap((kind) => kind.types)),
    ),
  ),
  fc.constant("random:index/thing:Thing"),
  // A Kafka resource no adapter reads (kafka-resource-unchecked reports it): Confluent for Kubernetes' KRaftMigrationJob.
  fc.constant("kubernetes:platform.confluent.io/v1beta1:KRaftMigrationJob"),
);

/** Characters around a value: what Java's trim removes (up to U+0020) and Unicode spaces it keeps. */
const PADDING = [
  " ",
  "\t",
  "\n",
  "\r",
  "\u000b",
  "\u0000",
  "\u0001",
  "\u001f",
  "\u00a0",
  "\u2007",
  "\u3000",
  "\ufeff",
  "\u200b",
];
const padding = fc.array(fc.constantFrom(...PADDING), { maxLength: 2 }).map((chars) => chars.join(""));

/** Digits of other scripts: Kafka's Integer.parseInt reads them, kafkaguard refuses them. */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10];

function inScript(digits: string, zero: number): string {
  return [...digits].map((digit) => String.fromCodePoint(zero + Number(digit))).join("");
}

/** Texts that are, or nearly are, decimal integers: signs, leading zeros, exponents, fractions, other scripts. */
export const numericText = fc
  .tuple(
    padding,
    fc.constantFrom("", "", "+", "-"),
    fc.constantFrom("", "", "0", "00"),
    fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(2147483647, 2147483648, 4294967298, 10 ** 21)),
    fc.constantFrom(...DIGIT_ZEROS, 0x30, 0x30),
    fc.constantFrom("", "", "", ".0", "e0", "e1", "L", " 1", "x"),
    padding,
  )
  .map(([before, sign, zeros, value, zero, tail, after]) =>
    [before, sign, inScript(`${zeros}${BigInt(value)}`, zero), tail, after].join(""),
  );

/** Texts that are, or nearly are, Kafka booleans: any case, padding, look-alike letters, other spellings. */
export const booleanText = fc
  .tuple(
    padding,
    fc.constantFrom("true", "false", "TRUE", "False", "tRuE", "falſe", "truе", "yes", "no", "1", "0", "on", "", "t"),
    padding,
  )
  .map((parts) => parts.join(""));

/** Numbers at and beyond the edges of what is a valid count. */
export const oddNumber = fc.oneof(
  fc.integer({ min: -3, max: 8 }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0.5, 2.5, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 1e21, -(2 ** 31) - 1),
  fc.double({ noNaN: false }),
);

/** Anything at all, nested, with the special values above mixed in. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: "small" },
  fc.anything({ maxDepth: 3 }),
  oddNumber,
  numericText,
  booleanText,
  unknownValue,
  fc.constant(null),
);

/** A value in a durability position: mostly near-miss texts and numbers, sometimes junk or unknown. */
export const durabilityValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: numericText },
  { weight: 3, arbitrary: booleanText },
  { weight: 3, arbitrary: oddNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: unknownValue },
  { weight: 1, arbitrary: junk },
);

/** Padding Java's trim removes, so the value still reads as what it looks like. */
const asciiPadding = fc.constantFrom("", "", " ", "\t", " \n", "\u0001");

/** A count as users write it (number or text, small, sometimes padded), and now and then anything at all. */
export const countValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 5 }) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(asciiPadding, fc.constantFrom("", "+", "0"), fc.integer({ min: 0, max: 5 }), asciiPadding)
      .map((parts) => parts.join("")),
  },
  { weight: 2, arbitrary: durabilityValue },
);

/** A flag as users write it (boolean or text, any case, sometimes padded), and now and then anything at all. */
export const flagValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.boolean() },
  {
    weight: 3,
    arbitrary: fc
      .tuple(asciiPadding, fc.constantFrom("true", "false", "TRUE", "False", "fAlSe"), asciiPadding)
      .map((parts) => parts.join("")),
  },
  { weight: 2, arbitrary: durabilityValue },
);

/** Keys that look like a durability key but are a different key to Kafka. */
export function lookAlikeKey(key: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    `${key} `,
    ` ${key}`,
    key.toUpperCase(),
    key.replace(/^./, (first) => first.toUpperCase()),
    key.replace("i", "\u0456"), // Cyrillic і
    key.replace(".", "\uff0e"), // fullwidth full stop
    key.replace(".", "\u200b."), // zero-width space
    key.replaceAll(".", "_"),
    `${key}\u0000`,
  );
}

/** A topic config map: each durability key present or not, with look-alike keys and unrelated keys sometimes. */
export const topicConfig: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      minIsr: countValue,
      unclean: flagValue,
      lookAlikes: fc.oneof(
        { weight: 3, arbitrary: fc.constant([]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.tuple(fc.oneof(lookAlikeKey(MIN_INSYNC_REPLICAS), lookAlikeKey(UNCLEAN_LEADER_ELECTION)), countValue),
            { minLength: 1, maxLength: 2 },
          ),
        },
      ),
      retention: fc.constantFrom("604800000", " 1000 ", "-1"),
    },
    { requiredKeys: [] },
  )
  .map(({ minIsr, unclean, lookAlikes, retention }) => ({
    ...Object.fromEntries(lookAlikes ?? []),
    ...(minIsr === undefined ? {} : { [MIN_INSYNC_REPLICAS]: minIsr }),
    ...(unclean === undefined ? {} : { [UNCLEAN_LEADER_ELECTION]: unclean }),
    ...(retention === undefined ? {} : { "retention.ms": retention }),
  }));

/** A topic's config: mostly a map, sometimes not a map at all. */
export const topicConfigOrJunk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: topicConfig },
  { weight: 1, arbitrary: junk },
  { weight: 1, arbitrary: unknownValue },
);

/** Pack settings users might give, all valid: thresholds at or above the floor, sometimes cluster defaults. */
export const validPolicyConfig = fc.record(
  {
    minReplicationFactor: fc.integer({ min: 2, max: 5 }),
    minInsyncReplicas: fc.integer({ min: 2, max: 4 }),
    clusterDefaults: fc.record(
      {
        "default.replication.factor": fc.constantFrom("1", "3", " 3 "),
        [MIN_INSYNC_REPLICAS]: fc.constantFrom("1", "2", "3"),
        [UNCLEAN_LEADER_ELECTION]: fc.constantFrom("false", "true", "FALSE"),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Property names the pack's resource adapters read, so generated objects reach their nested paths. */
const PROP_NAMES = [
  "name",
  "topicName",
  "replicationFactor",
  "replication",
  "partitions",
  "config",
  "spec",
  "replicas",
  "metadata",
  "labels",
  "namespace",
  "kafka",
  "minInsyncReplicas",
  "uncleanLeaderElectionEnable",
  "terminationProtection",
  "serverProperties",
  "numberOfBrokerNodes",
  "configurationInfo",
  "arn",
  "clusters",
  "mirrors",
  "targetCluster",
  "sourceConnector",
  "checkpointConnector",
  "alias",
  "configNonsensitive",
  "configSensitive",
  "roles",
  "strimzi.io/cluster",
  "strimzi.io/node-pools",
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  "default.replication.factor",
  "auto.create.topics.enable",
  "acks",
  "producer.acks",
  "producer.override.acks",
  "producer.enable.idempotence",
  "producer.retries",
  "__proto__",
  "constructor",
  "toString",
];

/** Java properties text (MSK serverProperties), with odd separators, escapes and values. */
const propertiesText = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom(
          MIN_INSYNC_REPLICAS,
          UNCLEAN_LEADER_ELECTION,
          "default.replication.factor",
          "#comment",
          "",
          "a\\",
        ),
        fc.constantFrom("=", ":", " ", " = ", "\\\n"),
        fc.oneof(numericText, booleanText),
      ),
      { maxLength: 5 },
    ),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([lines, separator]) => lines.map((parts) => parts.join("")).join(separator));

/** Nested resource props built from the names above, holding durability-ish values, junk and unknowns. */
const looseProps: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  props: Record<string, unknown>;
  value: unknown;
}>((tie) => ({
  props: fc.dictionary(fc.oneof(fc.constantFrom(...PROP_NAMES), fc.string()), tie("value"), { maxKeys: 6 }),
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    durabilityValue,
    propertiesText,
    fc.constantFrom("my-cluster", "orders", "v1"),
    tie("props"),
    fc.array(tie("value"), { maxLength: 3 }),
  ),
})).props;

/** The paths the pack's resource adapters read, so generated props reach them (Strimzi, MSK, Aiven, Connect...). */
const ADAPTER_PATHS: readonly (readonly string[])[] = [
  ["name"],
  ["topicName"],
  ["replicationFactor"],
  ["replication"],
  ["config"],
  ["config", "minInsyncReplicas"],
  ["config", "uncleanLeaderElectionEnable"],
  ["terminationProtection"],
  ["serverProperties"],
  ["clusterName"],
  ["numberOfBrokerNodes"],
  ["configurationInfo", "arn"],
  ["arn"],
  ["configNonsensitive"],
  ["configSensitive"],
  ["metadata", "name"],
  ["metadata", "namespace"],
  ["metadata", "labels", "strimzi.io/cluster"],
  ["metadata", "annotations", "strimzi.io/node-pools"],
  ["spec", "topicName"],
  ["spec", "replicas"],
  ["spec", "config"],
  ["spec", "roles"],
  ["spec", "kafka"],
  ["spec", "kafka", "config"],
  ["spec", "kafka", "replicas"],
  ["spec", "connectCluster"],
  ["spec", "clusters"],
  ["spec", "mirrors"],
];

/** A config map with the keys the pack reads (topic, broker and producer settings), odd values included. */
const kafkaConfigMap = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      MIN_INSYNC_REPLICAS,
      UNCLEAN_LEADER_ELECTION,
      "default.replication.factor",
      "auto.create.topics.enable",
      "producer.acks",
      "producer.override.acks",
      "producer.enable.idempotence",
      "producer.retries",
      "name",
    ),
    lookAlikeKey(MIN_INSYNC_REPLICAS),
  ),
  durabilityValue,
  { maxKeys: 4 },
);

const adapterValue: fc.Arbitrary<unknown> = fc.oneof(
  durabilityValue,
  kafkaConfigMap,
  propertiesText,
  fc.constantFrom("main", "orders", "connect", "controller", "broker"),
  fc.array(fc.oneof(kafkaConfigMap, fc.constantFrom("broker", "controller"), junk), { maxLength: 3 }),
  junk,
);

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    Object.defineProperty(target, head, { value, enumerable: true, writable: true, configurable: true });
    return;
  }
  const next = target[head];
  const child = typeof next === "object" && next !== null && !Array.isArray(next) ? next : {};
  Object.defineProperty(target, head, { value: child, enumerable: true, writable: true, configurable: true });
  setAt(child as Record<string, unknown>, rest, value);
}

/** Props with odd values at the paths the adapters read, sometimes beside unrelated nested junk. */
const adapterProps = fc
  .tuple(looseProps, fc.array(fc.tuple(fc.constantFrom(...ADAPTER_PATHS), adapterValue), { maxLength: 5 }))
  .map(([base, entries]) => {
    const props: Record<string, unknown> = { ...base };
    for (const [path, value] of entries) setAt(props, path, value);
    return props;
  });

/** Resource props of any shape: mostly along the adapters' paths, sometimes anything. */
export const resourceProps: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 3, arbitrary: adapterProps },
  { weight: 1, arbitrary: looseProps },
);
