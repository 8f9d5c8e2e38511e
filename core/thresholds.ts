import { describeValue } from "./kafka-values";

/** The bar a topic must clear. Defaults follow the common production guidance: RF 3, min ISR 2. */
export interface DurabilityThresholds {
  /** The lowest replication factor a topic may have. Default 3; at least 2. */
  minReplicationFactor: number;
  /** The lowest min.insync.replicas a topic may have. Default 2; at least 2. */
  minInsyncReplicas: number;
}

export const DEFAULT_THRESHOLDS: Readonly<DurabilityThresholds> = {
  minReplicationFactor: 3,
  minInsyncReplicas: 2,
};

/** A configuration mistake by the operator of kafkaguard itself; the message is one line. */
export class KafkaguardConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KafkaguardConfigError";
    // The policy server reports a thrown error by its stack; the frames would only bury the one line that matters.
    this.stack = `${this.name}: ${message}`;
  }
}

function requireInteger(name: string, value: unknown, atLeast: number, why: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new KafkaguardConfigError(`${name} must be an integer, got ${describeValue(value)}`);
  }
  if (value < atLeast) {
    throw new KafkaguardConfigError(`${name} must be at least ${atLeast} (${why}), got ${value}`);
  }
  return value;
}

/**
 * Validates thresholds given by an operator. Thresholds weaker than "one broker may fail"
 * would make every topic pass while still losing data, so they are refused.
 */
export function validateThresholds(input: Partial<Record<keyof DurabilityThresholds, unknown>>): DurabilityThresholds {
  return {
    minReplicationFactor: requireInteger(
      "minReplicationFactor",
      input.minReplicationFactor ?? DEFAULT_THRESHOLDS.minReplicationFactor,
      2,
      "a single replica is lost with its broker",
    ),
    minInsyncReplicas: requireInteger(
      "minInsyncReplicas",
      input.minInsyncReplicas ?? DEFAULT_THRESHOLDS.minInsyncReplicas,
      2,
      "with 1, an acknowledged write can live on one broker only",
    ),
  };
}
