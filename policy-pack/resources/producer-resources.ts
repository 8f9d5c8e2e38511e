import {
  CONNECT_TOPIC_SETTINGS,
  type ClientConfigRole,
  type ConnectTopicProblem,
  type Parsed,
  type ProducerRisk,
  ROLE_PRODUCERS,
  type WeakProducerSetting,
  findUnderReplicatedConnectTopics,
  findWeakProducerSettings,
} from "../../core";
import type { Props } from "./props";

/** One config map of a resource that holds producer settings, and how to find the weak ones in it. */
export interface ProducerConfigPlace {
  /** Names the resource in messages, e.g. `Kafka Connect "connect"`. */
  subject: string;
  /** Read only when checked, so a value unknown during preview affects this place alone. */
  config(): unknown;
  /**
   * Which config map it is: a Connect worker's, a connector's, one of MirrorMaker 2's connectors', a producer's, a
   * platform component's server properties, or a Redpanda Connect pipeline's YAML.
   */
  role: ClientConfigRole;
  /** Where a key lives, as users write it, e.g. `spec.config["producer.acks"]`. */
  where(key: string): string;
  /**
   * The producer settings of one risk in `config` that lose or duplicate records; a problem instead when the map
   * cannot be read at all (a Redpanda Connect config that is not YAML).
   */
  weakProducerSettings(config: Props, risk: ProducerRisk): Parsed<WeakProducerSetting[]>;
  /** The replication factors in `config` below the minimum, of the topics its component creates; likewise. */
  underReplicatedTopics(config: Props, minReplicationFactor: number): Parsed<ConnectTopicProblem[]>;
}

/**
 * How one resource type carries producer settings and the replication of the topics its clients create (Kafka
 * Connect, MirrorMaker 2, HTTP bridges, Schema Registry, ksqlDB, Redpanda Connect). Matched by type token; each
 * platform adapter (policy-pack/platforms) declares its own.
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
  shape.roles.some((role) => ROLE_PRODUCERS[role] !== "none");

/** Whether one of the shape's config maps can set an internal topic's replication: kafka-connect-internal-topics checks it. */
export const holdsInternalTopics = (shape: ProducerConfigShape): boolean =>
  shape.roles.some((role) => {
    const settings = CONNECT_TOPIC_SETTINGS[role];
    return settings === "redpanda-connect-yaml" || settings.length > 0;
  });

/**
 * A Kafka properties map at `path` of a resource; its role decides the prefix of its producer settings
 * (ROLE_PRODUCERS).
 */
export function configPlace(
  subject: string,
  config: () => unknown,
  role: ClientConfigRole,
  path: string,
): ProducerConfigPlace {
  const form = ROLE_PRODUCERS[role];
  const topics = CONNECT_TOPIC_SETTINGS[role];
  if (form === "redpanda-connect-yaml" || topics === "redpanda-connect-yaml") {
    throw new Error(`a ${role} config is YAML, not Kafka properties`);
  }
  return {
    subject,
    config,
    role,
    where: (key) => `${path}["${key}"]`,
    weakProducerSettings: (properties, risk) => ({
      ok: true,
      value: form === "none" ? [] : findWeakProducerSettings(properties, form, risk),
    }),
    underReplicatedTopics: (properties, minReplicationFactor) => ({
      ok: true,
      value: findUnderReplicatedConnectTopics(properties, topics, minReplicationFactor),
    }),
  };
}
