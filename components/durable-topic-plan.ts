import type * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_THRESHOLDS,
  type DurabilityThresholds,
  MIN_INSYNC_REPLICAS,
  TOPIC_DURABILITY_KEYS,
  UNCLEAN_LEADER_ELECTION,
  checkTopic,
  collisionKey,
  describeTopicDurability,
  describeValue,
  findLookAlikeKeys,
  parsePositiveKafkaInt,
  topicNameProblem,
  validateThresholds,
} from "../core";

/**
 * How a topic is guarded against the delete or replace that would destroy its messages. An object of named
 * values rather than a bare union, so the component package's schema can state them as an enum.
 */
export const DeletionGuard = {
  /** Pulumi refuses to delete the topic until `pulumi state unprotect`. */
  Protect: "protect",
  /** Deleting the resource removes it from the stack but leaves the topic in Kafka. */
  Retain: "retain",
  /** Pulumi may delete the topic and its messages. */
  None: "none",
} as const;
export type DeletionGuard = (typeof DeletionGuard)[keyof typeof DeletionGuard];

/**
 * Arguments of a DurableTopic. The fields that decide durability are plain values, checked at preview before
 * anything is registered; the others (name, partitions, other config values) may be Outputs.
 */
export interface DurableTopicArgs {
  /**
   * The Kafka topic name. Defaults to the resource name. Topic names are a contract with applications,
   * so no random suffix is added. Validated at preview when plain, once known when an Output.
   */
  topicName?: pulumi.Input<string>;
  /** Number of partitions. Default 3. */
  partitions?: pulumi.Input<number>;
  /** Copies of every partition. Default 3: the minReplicationFactor threshold, and above minInsyncReplicas. Plain. */
  replicationFactor?: number;
  /** Replicas that must have a write before acks=all succeeds. Default 2: the minInsyncReplicas threshold. Plain. */
  minInsyncReplicas?: number;
  /**
   * Further topic config (Kafka property names), passed through. Durability keys in it must be plain values and
   * are checked by the same rules as the policy pack; other values may be Outputs.
   * `unclean.leader.election.enable` is written as "false" unless given.
   */
  config?: Record<string, pulumi.Input<string>>;
  /**
   * Guard against the delete or replace that destroys every message in the topic. Default "protect":
   * Pulumi refuses to delete it until `pulumi state unprotect`. "retain" deletes it from the stack but
   * leaves it in Kafka; "none" lets Pulumi delete it. Only "protect" is visible to policy packs, so the
   * pack's kafka-topic-deletion-protection policy (advisory by default) reports "retain" and "none".
   */
  deletionGuard?: DeletionGuard;
  /** Stricter thresholds than the defaults (RF 3, min ISR 2); weaker ones are refused. */
  thresholds?: Partial<DurabilityThresholds>;
}

/** Everything a DurableTopic registers, decided before any resource exists (Outputs passed through). */
export interface DurableTopicPlan {
  topicName: pulumi.Input<string>;
  partitions: pulumi.Input<number>;
  replicationFactor: number;
  minInsyncReplicas: number;
  config: Record<string, pulumi.Input<string>>;
  deletionGuard: DeletionGuard;
}

/** Tells a value to be resolved later (an Output or a promise) from a plain one; plain ones are checked now. */
export type IsDeferred = (value: unknown) => boolean;

export const DEFAULT_PARTITIONS = 3;

/** The durability defaults: the rule core's thresholds, with the replication factor above min.insync.replicas. */
export function durabilityDefaults(thresholds: DurabilityThresholds): {
  replicationFactor: number;
  minInsyncReplicas: number;
} {
  return {
    replicationFactor: Math.max(thresholds.minReplicationFactor, thresholds.minInsyncReplicas + 1),
    minInsyncReplicas: thresholds.minInsyncReplicas,
  };
}

export const DEFAULT_REPLICATION_FACTOR = durabilityDefaults(DEFAULT_THRESHOLDS).replicationFactor;
export const DEFAULT_MIN_INSYNC_REPLICAS = durabilityDefaults(DEFAULT_THRESHOLDS).minInsyncReplicas;
const DELETION_GUARDS: readonly DeletionGuard[] = Object.values(DeletionGuard);

/** Unsafe or malformed DurableTopic arguments; thrown at preview, before anything is created. */
export class DurableTopicArgsError extends Error {
  constructor(resourceName: string, problems: string[]) {
    super(`DurableTopic "${resourceName}" refuses unsafe or malformed arguments:\n  - ${problems.join("\n  - ")}`);
    this.name = "DurableTopicArgsError";
  }
}

function positiveInteger(name: string, value: unknown, problems: string[]): number {
  const parsed = typeof value === "number" ? parsePositiveKafkaInt(value) : undefined;
  if (parsed?.ok) return parsed.value;
  problems.push(`${name} must be a whole number of at least 1, got ${describeValue(value)}`);
  return Number.NaN;
}

/**
 * A config value as Kafka receives it: text as written, numbers and booleans spelled out. Anything else would
 * reach Kafka as "[object Object]" (or fail to convert at all), so it is refused at preview.
 */
function configText(name: string, value: unknown, problems: string[]): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  problems.push(`${name} must be text, got ${describeValue(value)}`);
  return describeValue(value);
}

/**
 * Resolves defaults and checks the result with the same rule core as the policy pack.
 * Throws DurableTopicArgsError listing every problem at once.
 */
export function planDurableTopic(
  resourceName: string,
  input: DurableTopicArgs,
  isDeferred: IsDeferred = () => false,
): DurableTopicPlan {
  const problems: string[] = [];
  const topicName = input.topicName ?? resourceName;
  if (!isDeferred(topicName)) {
    const nameProblem = typeof topicName === "string" ? topicNameProblem(topicName) : "topicName must be a string";
    if (nameProblem !== undefined) problems.push(nameProblem);
  }

  let thresholds: DurabilityThresholds | undefined;
  const askedThresholds: unknown = input.thresholds ?? {};
  if (typeof askedThresholds !== "object" || askedThresholds === null || Array.isArray(askedThresholds)) {
    problems.push(
      `thresholds must be an object of minReplicationFactor and minInsyncReplicas, got ${describeValue(askedThresholds)}`,
    );
  } else {
    try {
      thresholds = validateThresholds(askedThresholds);
    } catch (error) {
      problems.push(`thresholds: ${(error as Error).message}`);
    }
  }

  const defaults = durabilityDefaults(thresholds ?? DEFAULT_THRESHOLDS);
  const partitions = isDeferred(input.partitions)
    ? (input.partitions as pulumi.Input<number>)
    : positiveInteger("partitions", input.partitions ?? DEFAULT_PARTITIONS, problems);
  const replicationFactor = positiveInteger(
    "replicationFactor",
    input.replicationFactor ?? defaults.replicationFactor,
    problems,
  );

  const extraConfig: Record<string, unknown> = input.config ?? {};
  if (typeof extraConfig !== "object" || extraConfig === null || Array.isArray(extraConfig)) {
    throw new DurableTopicArgsError(resourceName, [
      ...problems,
      `config must be a key/value map, got ${describeValue(extraConfig)}`,
    ]);
  }
  if (input.minInsyncReplicas !== undefined && MIN_INSYNC_REPLICAS in extraConfig) {
    problems.push(
      `set min.insync.replicas once: either the minInsyncReplicas argument or config["${MIN_INSYNC_REPLICAS}"]`,
    );
  }
  const minInsyncReplicasRaw =
    input.minInsyncReplicas ?? extraConfig[MIN_INSYNC_REPLICAS] ?? defaults.minInsyncReplicas;
  const config: Record<string, pulumi.Input<string>> = {};
  const plainConfig: Record<string, string> = {};
  const lookAlikes = new Set(findLookAlikeKeys(Object.keys(extraConfig)).map((entry) => entry.key));
  for (const [key, value] of Object.entries(extraConfig)) {
    if (value === undefined) continue;
    const where = `config[${JSON.stringify(key)}]`;
    if (!isDeferred(value)) {
      config[key] = plainConfig[key] = configText(where, value, problems);
    } else if ((TOPIC_DURABILITY_KEYS as readonly string[]).includes(key) || lookAlikes.has(key)) {
      problems.push(`${where} decides durability, so it must be a plain value checked at preview, not an Output`);
    } else {
      config[key] = value as pulumi.Input<string>;
    }
  }
  const minInsyncReplicasFrom =
    input.minInsyncReplicas === undefined ? `config["${MIN_INSYNC_REPLICAS}"]` : "minInsyncReplicas";
  if (!isDeferred(minInsyncReplicasRaw)) {
    config[MIN_INSYNC_REPLICAS] = plainConfig[MIN_INSYNC_REPLICAS] = configText(
      minInsyncReplicasFrom,
      minInsyncReplicasRaw,
      problems,
    );
  }
  // Written explicitly so a cluster whose default is true cannot turn it on for this topic.
  config[UNCLEAN_LEADER_ELECTION] = plainConfig[UNCLEAN_LEADER_ELECTION] =
    plainConfig[UNCLEAN_LEADER_ELECTION] ?? "false";

  if (thresholds !== undefined && problems.length === 0) {
    const durability = describeTopicDurability({
      topicName: typeof topicName === "string" ? topicName : resourceName,
      replicationFactor,
      replicationFactorKey: "replicationFactor",
      config: plainConfig,
    });
    problems.push(
      ...checkTopic(durability, thresholds).map((violation) => `${violation.message} [${violation.ruleId}]`),
    );
    if (durability.lookAlikeKeys.length > 0) {
      const keys = durability.lookAlikeKeys.map((entry) => `${JSON.stringify(entry.key)} (meant "${entry.meant}")`);
      problems.push(`config has keys Kafka would not recognise: ${keys.join(", ")}`);
    }
  }

  const deletionGuard = input.deletionGuard ?? "protect";
  if (!DELETION_GUARDS.includes(deletionGuard)) {
    problems.push(`deletionGuard must be one of ${DELETION_GUARDS.join(", ")}, got ${describeValue(deletionGuard)}`);
  }
  // Read the way Kafka reads it; the checks above have accepted it when there is no problem.
  const minInsyncReplicas = parsePositiveKafkaInt(plainConfig[MIN_INSYNC_REPLICAS]);
  if (problems.length > 0 || !minInsyncReplicas.ok) throw new DurableTopicArgsError(resourceName, problems);

  return {
    topicName,
    partitions,
    replicationFactor,
    minInsyncReplicas: minInsyncReplicas.value,
    config,
    deletionGuard,
  };
}

/** Resource options that implement a deletion guard. */
export function deletionGuardOptions(guard: DeletionGuard): { protect?: boolean; retainOnDelete?: boolean } {
  if (guard === "protect") return { protect: true };
  if (guard === "retain") return { retainOnDelete: true };
  return {};
}

/**
 * Kafka refuses a topic whose name differs from an existing one only by "." versus "_"
 * (their metric names collide). Tracks the names declared in one program.
 */
export class TopicNameRegistry {
  private readonly byCollisionKey = new Map<string, string>();

  claim(topicName: string): string | undefined {
    const key = collisionKey(topicName);
    const existing = this.byCollisionKey.get(key);
    if (existing === topicName) return `topic "${topicName}" is declared twice`;
    if (existing !== undefined) {
      return `topic name "${topicName}" collides with "${existing}": Kafka treats "." and "_" alike in topic names`;
    }
    this.byCollisionKey.set(key, topicName);
    return undefined;
  }
}
