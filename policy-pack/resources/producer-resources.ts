import type { ConnectConfigRole } from "../../core";
import type { Props } from "./props";

/** One config map of a resource that holds producer settings, and the prefix that marks them there. */
export interface ProducerConfigPlace {
  /** Names the resource in messages, e.g. `Kafka Connect "connect"`. */
  subject: string;
  /** Read only when checked, so a value unknown during preview affects this place alone. */
  config(): unknown;
  /** "producer." in a Connect worker config, "producer.override." in a connector config. */
  prefix: string;
  /** Which config map it is: a Connect worker's, a connector's, or one of MirrorMaker 2's connectors'. */
  role: ConnectConfigRole;
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

/** A config map at `path` of a resource; producer settings in it carry "producer." in a worker config and
 * "producer.override." in a connector config. */
export function configPlace(
  subject: string,
  config: () => unknown,
  role: ConnectConfigRole,
  path: string,
): ProducerConfigPlace {
  const prefix = role === "worker" ? "producer." : "producer.override.";
  return { subject, config, prefix, role, where: (key) => `${path}["${key}"]` };
}
