import { CONNECT_TOPIC_SETTINGS, type ClientConfigRole, ROLE_PRODUCERS } from "../../core";
import type { Props } from "./props";

/** One config map of a resource that holds producer settings, and the prefix that marks them there. */
export interface ProducerConfigPlace {
  /** Names the resource in messages, e.g. `Kafka Connect "connect"`. */
  subject: string;
  /** Read only when checked, so a value unknown during preview affects this place alone. */
  config(): unknown;
  /**
   * "producer." in a Connect worker config, "producer.override." in a connector config, "" in a producer's own;
   * undefined when the map holds no producer settings a user can set.
   */
  prefix: string | undefined;
  /** Whose enable.idempotence default applies, for messages (e.g. "Kafka Connect's own default is false"). */
  idempotenceDefault: string;
  /**
   * Which config map it is: a Connect worker's, a connector's, one of MirrorMaker 2's connectors', a producer's, or
   * a platform component's server properties.
   */
  role: ClientConfigRole;
  /** Where a key lives, as users write it, e.g. `spec.config["producer.acks"]`. */
  where(key: string): string;
}

/**
 * How one resource type carries producer settings and the replication of the topics its clients create (Kafka
 * Connect, MirrorMaker 2, HTTP bridges, Schema Registry, ksqlDB). Matched by type token; each platform adapter
 * (policy-pack/platforms) declares its own.
 */
export interface ProducerConfigShape {
  types: readonly string[];
  label: string;
  /** The roles of the config maps `places` may return: what decides which policies check the type. */
  roles: readonly ClientConfigRole[];
  places(props: Props, resourceName: string): ProducerConfigPlace[];
}

/** Whether one of the shape's config maps can hold producer settings: the producer policies check it. */
export const holdsProducerSettings = (shape: ProducerConfigShape): boolean =>
  shape.roles.some((role) => ROLE_PRODUCERS[role].prefix !== undefined);

/** Whether one of the shape's config maps can set an internal topic's replication: kafka-connect-internal-topics checks it. */
export const holdsInternalTopics = (shape: ProducerConfigShape): boolean =>
  shape.roles.some((role) => CONNECT_TOPIC_SETTINGS[role].length > 0);

/** A config map at `path` of a resource; its role decides the prefix of its producer settings (ROLE_PRODUCERS). */
export function configPlace(
  subject: string,
  config: () => unknown,
  role: ClientConfigRole,
  path: string,
): ProducerConfigPlace {
  const { prefix, idempotenceDefault } = ROLE_PRODUCERS[role];
  return { subject, config, prefix, idempotenceDefault, role, where: (key) => `${path}["${key}"]` };
}
