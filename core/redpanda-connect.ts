import type * as Yaml from "yaml";
import type { ProducerRisk, WeakProducerSetting } from "./client-presets";
import { type ConnectTopicProblem, type ConnectTopicSetting, findUnderReplicatedConnectTopics } from "./connect-topics";
import { type Parsed, isRecord, valueAt } from "./kafka-values";

/**
 * The producer settings of Redpanda Connect's outputs to Kafka, and the replication of the topics they create, read
 * from a Redpanda Connect YAML config (a Redpanda operator Pipeline's spec.configYaml) — one declarative table of
 * fields, Redpanda Connect's defaults and what each value risks, as its config specs declare them (redpanda-data/connect, internal/impl/kafka: output_sarama_kafka.go
 * for `kafka`, franz_writer.go FranzProducerFields for `kafka_franz`, `redpanda` and `redpanda_migrator`, and the
 * top-level `redpanda` block that `redpanda_common` outputs use, enterprise/global_redpanda_writer.go).
 */

interface OutputField {
  key: string;
  risk: ProducerRisk;
  /** Redpanda Connect's default, which applies when the field is not set. */
  fallback: boolean | string;
  durable: boolean | string;
  /** Each value Redpanda Connect accepts, and why it loses or duplicates writes (undefined: it keeps them). */
  values: ReadonlyMap<boolean | string, string | undefined>;
}

const LEADER_ONLY = "the output waits for the leader alone (acks=1), and a leader crash loses the write";
const RETRY_DUPLICATES = "a retried write can be stored twice (a duplicate, not a loss)";

const SARAMA_FIELDS: readonly OutputField[] = [
  {
    key: "ack_replicas",
    risk: "loss",
    fallback: false,
    durable: true,
    values: new Map([
      [true, undefined],
      [false, LEADER_ONLY],
    ]),
  },
  {
    key: "idempotent_write",
    risk: "duplicates",
    fallback: false,
    durable: true,
    values: new Map([
      [true, undefined],
      [false, RETRY_DUPLICATES],
    ]),
  },
];

const FRANZ_FIELDS: readonly OutputField[] = [
  {
    key: "acks",
    risk: "loss",
    fallback: "all",
    durable: "all",
    values: new Map([
      ["all", undefined],
      ["leader", LEADER_ONLY],
      ["none", "the output waits for no broker (acks=0), and a write is lost without an error"],
    ]),
  },
  {
    key: "idempotent_write",
    risk: "duplicates",
    fallback: true,
    durable: true,
    values: new Map([
      [true, undefined],
      [false, RETRY_DUPLICATES],
    ]),
  },
];

/** Where an output sets the replication factor of the topics it creates, and what applies when it is not set. */
interface TopicCreation {
  /** The field's path within the output's config, when the output creates topics with a replication factor. */
  field(config: Record<string, unknown>): readonly string[] | undefined;
  /** -1: the brokers' default.replication.factor; undefined: the source topic's, so only a declared value is judged. */
  fallback: -1 | undefined;
}

/**
 * The outputs that write to Kafka, by their key in an output: where their producer fields are (in the output's own
 * config, or in the config's top-level `redpanda` block), and how they create topics.
 */
const KAFKA_OUTPUTS: Readonly<
  Record<string, { fields: readonly OutputField[]; inRedpandaBlock: boolean; topicCreation?: TopicCreation }>
> = {
  kafka: {
    fields: SARAMA_FIELDS,
    inRedpandaBlock: false,
    // custom_topic_creation (off by default) creates a missing topic; its replication_factor -1 is the brokers'.
    topicCreation: {
      field: (config) => {
        const creation = config["custom_topic_creation"];
        return isRecord(creation) && asBoolean(creation["enabled"]) === true
          ? ["custom_topic_creation", "replication_factor"]
          : undefined;
      },
      fallback: -1,
    },
  },
  kafka_franz: { fields: FRANZ_FIELDS, inRedpandaBlock: false },
  redpanda: { fields: FRANZ_FIELDS, inRedpandaBlock: false },
  // topic_replication_factor, when set, replaces the source topic's replication factor on the topics it creates.
  redpanda_migrator: {
    fields: FRANZ_FIELDS,
    inRedpandaBlock: false,
    topicCreation: { field: () => ["topic_replication_factor"], fallback: undefined },
  },
  redpanda_common: { fields: FRANZ_FIELDS, inRedpandaBlock: true },
};

/**
 * Redpanda Connect decodes a bool field with yaml.v3 into a Go bool (benthos FieldSpec.YAMLToValue), which also takes
 * YAML 1.1's words, quoted or not (gopkg.in/yaml.v3 decode.go); "true" in quotes is a string it refuses, as it
 * refuses any other value.
 */
const YAML_11_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ...["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"].map((word): [string, boolean] => [word, true]),
  ...["n", "N", "no", "No", "NO", "off", "Off", "OFF"].map((word): [string, boolean] => [word, false]),
]);

/** A bool field's value as Redpanda Connect reads it; a value it refuses stays as it is. */
function asBoolean(raw: unknown): unknown {
  return typeof raw === "string" ? (YAML_11_BOOLEANS.get(raw) ?? raw) : raw;
}

/** Where a Kafka output is, as a path into the config, and its type. */
interface KafkaOutput {
  path: string;
  type: string;
  config: Record<string, unknown>;
}

/**
 * The Kafka outputs under `node`, at any depth: outputs nest in brokers, switches, fallbacks, retries and other
 * outputs, so every mapping key that names a Kafka output with a mapping for its config counts.
 */
function kafkaOutputsIn(node: unknown, path: string): KafkaOutput[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => kafkaOutputsIn(item, `${path}[${index}]`));
  if (!isRecord(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const at = `${path}.${key}`;
    if (key in KAFKA_OUTPUTS && isRecord(value)) return [{ path: at, type: key, config: value }];
    return kafkaOutputsIn(value, at);
  });
}

/** The weak value of one field, or undefined when it keeps writes. */
function weakField(field: OutputField, config: Record<string, unknown>, path: string): WeakProducerSetting | undefined {
  const raw = config[field.key];
  const defaultRisk = field.values.get(field.fallback);
  const common = {
    key: `${path}.${field.key}`,
    risk: field.risk,
    durable: field.durable,
    defaultIsDurable: defaultRisk === undefined,
    idempotenceDefault: `its default is ${String(field.fallback)}`,
  };
  if (raw === undefined || raw === null) {
    return defaultRisk === undefined
      ? undefined
      : { ...common, raw: undefined, problem: `and its default is ${String(field.fallback)}, so ${defaultRisk}` };
  }
  if (typeof raw === "string" && raw.includes("${")) {
    const problem =
      "which Redpanda Connect fills in from an environment variable when it starts (spec.valueSources), so it cannot be checked";
    return { ...common, raw, problem };
  }
  const read = typeof field.durable === "boolean" ? asBoolean(raw) : raw;
  if ((typeof read === "boolean" || typeof read === "string") && field.values.has(read)) {
    const reason = field.values.get(read);
    return reason === undefined ? undefined : { ...common, raw, problem: `so ${reason}` };
  }
  const accepted = [...field.values.keys()].map(String).join(", ");
  return { ...common, raw, problem: `which is malformed (Redpanda Connect accepts ${accepted})` };
}

/** The parsed config's root, and the Kafka outputs under `output` and `output_resources`. */
function readKafkaOutputs(configYaml: string): Parsed<{ root: Record<string, unknown>; outputs: KafkaOutput[] }> {
  // Loaded on first use: a policy run without a pipeline does not pay the YAML library's start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseDocument } = require("yaml") as typeof Yaml;
  const document = parseDocument(configYaml);
  const [error] = document.errors;
  if (error !== undefined) {
    return { ok: false, problem: `is not valid YAML (${error.message.split("\n")[0]?.replace(/:$/, "") ?? ""})` };
  }
  let root: unknown;
  try {
    root = document.toJS();
  } catch (thrown) {
    // An alias expanded past the library's limit ("billion laughs"): not a config Redpanda Connect runs either.
    return { ok: false, problem: `is not valid YAML (${thrown instanceof Error ? thrown.message : String(thrown)})` };
  }
  if (!isRecord(root)) return { ok: true, value: { root: {}, outputs: [] } };
  const outputs = [
    ...kafkaOutputsIn(root["output"], "output"),
    ...kafkaOutputsIn(root["output_resources"], "output_resources"),
  ];
  return { ok: true, value: { root, outputs } };
}

/**
 * The producer settings of the Kafka outputs in a Redpanda Connect YAML config that lose writes (risk "loss") or
 * duplicate them ("duplicates"), each keyed by its path in the config (e.g. `output.broker.outputs[0].kafka.acks`);
 * a config that is not valid YAML is a problem, since its outputs cannot be read. Inputs, caches and processors
 * are not read: only `output` and `output_resources` write.
 */
export function findWeakRedpandaConnectSettings(
  configYaml: string,
  risk?: ProducerRisk,
): Parsed<WeakProducerSetting[]> {
  const read = readKafkaOutputs(configYaml);
  if (!read.ok) return read;
  const { root, outputs } = read.value;
  const redpandaBlock = isRecord(root["redpanda"]) ? root["redpanda"] : {};
  // The top-level redpanda block serves every redpanda_common output: its settings are reported once.
  const places = new Map<string, { type: string; config: Record<string, unknown> }>();
  for (const { path, type, config } of outputs) {
    if (KAFKA_OUTPUTS[type]?.inRedpandaBlock) places.set("redpanda", { type, config: redpandaBlock });
    else places.set(path, { type, config });
  }
  const found: WeakProducerSetting[] = [];
  for (const [path, { type, config }] of places) {
    for (const field of KAFKA_OUTPUTS[type]?.fields ?? []) {
      if (risk !== undefined && field.risk !== risk) continue;
      const weak = weakField(field, config, path);
      if (weak !== undefined) found.push(weak);
    }
  }
  return { ok: true, value: found };
}

/**
 * The replication factors below `minReplicationFactor` that a Redpanda Connect config's Kafka outputs create topics
 * with (kafka's custom_topic_creation, redpanda_migrator's topic_replication_factor), keyed by their path in the
 * config. A topic created by the brokers (auto-creation, or -1) takes default.replication.factor, which
 * kafka-broker-default-replication-factor checks.
 */
export function findUnderReplicatedRedpandaConnectTopics(
  configYaml: string,
  minReplicationFactor: number,
): Parsed<ConnectTopicProblem[]> {
  const read = readKafkaOutputs(configYaml);
  if (!read.ok) return read;
  const found = read.value.outputs.flatMap(({ path, type, config }) => {
    const creation = KAFKA_OUTPUTS[type]?.topicCreation;
    const field = creation?.field(config);
    if (creation === undefined || field === undefined) return [];
    const setting: ConnectTopicSetting = {
      key: [path, ...field].join("."),
      kafkaDefault: creation.fallback,
      defaultOf: `Redpanda Connect's ${type} output`,
      holds: "this output's messages",
    };
    return findUnderReplicatedConnectTopics({ [setting.key]: valueAt(config, field) }, [setting], minReplicationFactor);
  });
  return { ok: true, value: found };
}
