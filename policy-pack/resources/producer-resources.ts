import type { Props } from "./props";

/** One config map of a resource that holds producer settings, and the prefix that marks them there. */
export interface ProducerConfigPlace {
  /** Names the resource in messages, e.g. `Kafka Connect "connect"`. */
  subject: string;
  /** Read only when checked, so a value unknown during preview affects this place alone. */
  config(): unknown;
  /** "producer." in a Connect worker config, "producer.override." in a connector config. */
  prefix: string;
  /** Where a key lives, as users write it, e.g. `spec.config["producer.acks"]`. */
  where(key: string): string;
}

/**
 * How one resource type carries producer settings for Kafka Connect or MirrorMaker 2. Matched by type token; each
 * platform adapter (policy-pack/platforms) declares its own.
 */
export interface ProducerConfigShape {
  types: readonly string[];
  label: string;
  places(props: Props, resourceName: string): ProducerConfigPlace[];
}

/** The prefix of producer settings in a Connect worker config, and in a connector config. */
export const WORKER_PREFIX = "producer.";
export const CONNECTOR_PREFIX = "producer.override.";

/** A config map at `path` of a resource, whose keys with `prefix` are producer settings. */
export function configPlace(subject: string, config: () => unknown, prefix: string, path: string): ProducerConfigPlace {
  return { subject, config, prefix, where: (key) => `${path}["${key}"]` };
}
