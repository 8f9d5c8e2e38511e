import {
  AUTO_CREATE_TOPICS,
  type BrokerDefaultKey,
  type BrokerEntries,
  type ClusterDeclaration,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
  type Parsed,
  type PlatformBrokerDefault,
  TRANSACTION_LOG_MIN_ISR,
  TRANSACTION_LOG_REPLICATION_FACTOR,
  type TopicSettingName,
  UNCLEAN_LEADER_ELECTION,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  findUnderReplicatedRedpandaConnectTopics,
  findWeakRedpandaConnectSettings,
  nodePoolBrokerCount,
  parsePositiveKafkaInt,
} from "../../core";
import { type BrokerConfigShape, brokerConfigShape } from "../resources/broker-resources";
import type { Attempt, ClusterShape, StackResource } from "../resources/cluster-resources";
import type { ProducerConfigShape } from "../resources/producer-resources";
import {
  type Props,
  type ResourceKind,
  isRecord,
  kubernetesName,
  mergeAt,
  namespacedKey,
  recordAt,
  stringAt,
  valueAt,
} from "../resources/props";
import { type TopicResourceShape, topLevelTopic } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/**
 * Redpanda, a Kafka-compatible broker: its Kubernetes operator's custom resources (cluster.redpanda.com, and the
 * legacy redpanda.vectorized.io Cluster; declared with @pulumi/kubernetes as a CustomResource or rendered from YAML),
 * and Redpanda Cloud topics through @pulumiverse/redpanda.
 * Shapes from redpanda-data/redpanda-operator (operator/api/redpanda/v1alpha2/*_types.go, the legacy
 * operator/api/vectorized/v1alpha1/cluster_types.go, the CRDs in operator/config/crd/bases) and the Redpanda Helm chart
 * the operator renders (charts/redpanda); semantics from redpanda-data/redpanda (src/v).
 */

const REDPANDA_GROUP = "cluster.redpanda.com";

/** The operator's kinds: Topic and Redpanda are served as v1alpha1 and v1alpha2, the newer kinds as v1alpha2 only. */
function redpandaTypes(kind: string, versions: readonly string[] = ["v1alpha1", "v1alpha2"]): string[] {
  return versions.map((version) => `kubernetes:${REDPANDA_GROUP}/${version}:${kind}`);
}

/**
 * Redpanda replicates each partition with Raft: an acks=all write is acknowledged once a majority of the replicas
 * hold it (acks_to_replicate_options in src/v/kafka/server/handlers/produce.cc maps acks -1 to quorum_ack), and a
 * leader is elected by a majority, so it holds every acknowledged write. min.insync.replicas and
 * unclean.leader.election.enable are accepted and ignored ("Not used in Redpanda": allowlist_topic_noop_confs in
 * src/v/kafka/server/handlers/topics/types.h): the replication factor alone decides, 3 keeping each write on 2 brokers.
 */
const RAFT_MAJORITY = "an acks=all write waits for a Raft majority of the replicas, so the replication factor decides";
const RAFT_ELECTION = "Raft elects only a replica that holds every acknowledged write";

const REDPANDA_TOPIC_IGNORES: Partial<Record<TopicSettingName, string>> = {
  minInsyncReplicas: `Redpanda ignores min.insync.replicas: ${RAFT_MAJORITY}`,
  uncleanLeaderElection: `Redpanda ignores unclean.leader.election.enable: ${RAFT_ELECTION}`,
};

/** Redpanda refuses an even replication factor (replication_factor_must_be_odd, src/v/kafka/server/handlers/topics). */
function oddReplicationFactor(replicas: number): number {
  return replicas % 2 === 0 ? replicas + 1 : replicas;
}

/** A Redpanda cluster resource as a cluster link key: its API group, kind, namespace and name. */
function clusterKey(group: string, kind: string, name: string, namespace: string | undefined): string {
  return `${group}/${kind}:${namespacedKey(name, namespace)}`;
}

/**
 * The cluster a clusterRef names, as a cluster link key. The operator's ClusterRef (common.go) defaults its group to
 * cluster.redpanda.com, its kind to Redpanda and its namespace to the referring resource's; it names a Redpanda, a
 * StretchCluster, or a Cluster of the legacy redpanda.vectorized.io API (IsV2, IsStretchCluster, IsV1).
 */
function clusterRefKey(ref: Props, namespace: string | undefined): string | undefined {
  const name = stringAt(ref, "name");
  if (name === undefined) return undefined;
  const group = stringAt(ref, "group") ?? REDPANDA_GROUP;
  return clusterKey(group, stringAt(ref, "kind") ?? "Redpanda", name, stringAt(ref, "namespace") ?? namespace);
}

/**
 * The operator's `Topic` (topic_types.go): the topic is spec.overwriteTopicName when not empty, else metadata.name;
 * spec.replicationFactor (unset: the cluster's default_topic_replications), spec.additionalConfig (a string map) and
 * spec.cluster.clusterRef, the cluster it is created in. spec.kafkaApiSpec and cluster.staticConfiguration name
 * brokers by address, which the stack cannot link.
 */
export const redpandaTopic: TopicResourceShape = {
  types: redpandaTypes("Topic"),
  label: "Redpanda Topic (@pulumi/kubernetes)",
  read(props, resourceName) {
    // Read when asked, so a spec unknown during preview only affects the policies that need it.
    const spec = () => recordAt(props, "spec");
    return {
      get topicName() {
        const overwrite = stringAt(spec(), "overwriteTopicName");
        return overwrite !== undefined && overwrite !== "" ? overwrite : (kubernetesName(props).name ?? resourceName);
      },
      replicationFactorKey: "spec.replicationFactor",
      get replicationFactor() {
        return spec()["replicationFactor"];
      },
      builtInDefaultsOf: "Redpanda",
      get config() {
        return spec()["additionalConfig"];
      },
    };
  },
  apply(props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["spec", "additionalConfig"], fix.config);
    if (fix.replicationFactor === undefined) return fixed;
    return mergeAt(fixed, ["spec"], { replicationFactor: oddReplicationFactor(fix.replicationFactor) });
  },
  link: {
    kind: "redpanda-cluster-ref",
    of(props) {
      const ref = recordAt(recordAt(recordAt(props, "spec"), "cluster"), "clusterRef");
      const key = clusterRefKey(ref, kubernetesName(props).namespace);
      return key === undefined ? undefined : { kind: "redpanda-cluster-ref", key };
    },
  },
  inheritsFromStack: true,
  ignores: REDPANDA_TOPIC_IGNORES,
};

/**
 * A Redpanda Cloud topic of @pulumiverse/redpanda, the Pulumi bridge of Redpanda's Terraform provider (pulumiverse
 * -redpanda 0.1.0, topic.py): name, replicationFactor, configuration (a string map), allowDeletion, clusterApiUrl. The
 * provider creates topics on Redpanda Cloud clusters only (terraform-provider-redpanda, docs/resources/topic.md), and
 * Redpanda Cloud "requires a minimum of 3 topic replicas" ("Topics Overview" in the Redpanda Cloud documentation).
 */
export const redpandaCloudTopic: TopicResourceShape = {
  types: ["redpanda:index/topic:Topic"],
  label: "@pulumiverse/redpanda Topic",
  read: (props, resourceName) =>
    Object.assign(topLevelTopic(props, resourceName, "configuration"), {
      platformDefaults: { from: "Redpanda Cloud", values: { [DEFAULT_REPLICATION_FACTOR]: "3" } },
    }),
  apply(props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["configuration"], fix.config);
    if (fix.replicationFactor === undefined) return fixed;
    return { ...fixed, replicationFactor: oddReplicationFactor(fix.replicationFactor) };
  },
  ignores: REDPANDA_TOPIC_IGNORES,
  // The provider refuses to delete a topic unless allowDeletion is true (resource_topic.go, Delete).
  deletionGuard: (props) => ({ key: "allowDeletion", enabled: props["allowDeletion"] !== true, guardingValue: false }),
};

/** Redpanda's cluster properties for the broker keys kafkaguard checks (src/v/config/configuration.cc). */
const REDPANDA_CLUSTER_PROPERTIES: Partial<Record<BrokerDefaultKey, string>> = {
  [DEFAULT_REPLICATION_FACTOR]: "default_topic_replications",
  [AUTO_CREATE_TOPICS]: "auto_create_topics_enabled",
  // The consumer offsets and transaction topics both take internal_topic_replication_factor (rm_group_frontend.cc,
  // tx_topic_manager.cc), checked once, as the offsets topic.
  [OFFSETS_TOPIC_REPLICATION_FACTOR]: "internal_topic_replication_factor",
};

/** Broker keys Redpanda has no cluster property for, with why. */
const REDPANDA_CLUSTER_IGNORES: Partial<Record<BrokerDefaultKey, string>> = {
  [MIN_INSYNC_REPLICAS]: `Redpanda has no min.insync.replicas: ${RAFT_MAJORITY}`,
  [UNCLEAN_LEADER_ELECTION]: `Redpanda has no unclean leader election: ${RAFT_ELECTION}`,
  [TRANSACTION_LOG_REPLICATION_FACTOR]:
    "Redpanda replicates its transaction state with internal_topic_replication_factor, checked with the offsets topic",
  [TRANSACTION_LOG_MIN_ISR]: `Redpanda has no transaction.state.log.min.isr: ${RAFT_MAJORITY}`,
};

/** A Redpanda cluster kind and how it declares its cluster properties. */
interface RedpandaClusterKind extends ResourceKind {
  /** Names the resource in messages, e.g. `Redpanda "main"`. */
  subject(name: string): string;
  /** Its cluster properties by Redpanda's names, or why they cannot be read. */
  properties(props: Props): { ok: true; values: Props } | { ok: false; problem: string };
  /** The instruction that sets a cluster property. */
  fix(property: string, value: string): string;
  /** What default_topic_replications is when the properties leave it unset. */
  defaultTopicReplications(props: Props): PlatformBrokerDefault;
}

/**
 * A Redpanda cluster kind as broker configuration. Unset properties take Redpanda's defaults (auto-creation off,
 * internal_topic_replication_factor 3), but default_topic_replications, whose default of 1 the operators raise.
 */
function redpandaBrokerConfig(kind: RedpandaClusterKind): BrokerConfigShape {
  return brokerConfigShape({
    types: kind.types,
    label: kind.label,
    ignores: REDPANDA_CLUSTER_IGNORES,
    read(props, resourceName) {
      return {
        subject: kind.subject(kubernetesName(props).name ?? resourceName),
        entries(): BrokerEntries {
          const found = kind.properties(props);
          if (!found.ok) return found;
          return {
            ok: true,
            entries: Object.fromEntries(
              Object.entries(REDPANDA_CLUSTER_PROPERTIES)
                .filter(([, property]) => found.values[property] !== undefined)
                .map(([key, property]) => [key, found.values[property]]),
            ),
          };
        },
        fix: (key, value) => kind.fix(REDPANDA_CLUSTER_PROPERTIES[key] ?? key, value),
        platform: "Redpanda",
        keyNames: REDPANDA_CLUSTER_PROPERTIES,
        platformDefaults: {
          get [DEFAULT_REPLICATION_FACTOR]() {
            return kind.defaultTopicReplications(props);
          },
          [AUTO_CREATE_TOPICS]: { value: "false" },
          [OFFSETS_TOPIC_REPLICATION_FACTOR]: { value: "3" },
        },
      };
    },
  });
}

/** Cluster properties as a typed YAML map at a path (config.cluster of the chart's values and of a StretchCluster). */
function propertiesAt(props: Props, path: readonly string[]): ReturnType<RedpandaClusterKind["properties"]> {
  const cluster = valueAt(props, path);
  if (cluster === undefined || cluster === null) return { ok: true, values: {} };
  return isRecord(cluster)
    ? { ok: true, values: cluster }
    : { ok: false, problem: `${path.join(".")} is ${describeValue(cluster)}, not a key/value map` };
}

/** Redpanda's own default_topic_replications, or 3 when the operator writes it for 3 or more brokers. */
function replicationsFor(brokers: unknown): PlatformBrokerDefault {
  const parsed = parsePositiveKafkaInt(brokers);
  return { value: parsed.ok && parsed.value >= 3 ? "3" : "1" };
}

/** The Helm chart's broker count when spec.clusterSpec.statefulset.replicas is unset (charts/redpanda values.yaml). */
const CHART_DEFAULT_BROKERS = 3;

function statefulsetReplicas(props: Props): unknown {
  return valueAt(props, ["spec", "clusterSpec", "statefulset", "replicas"]) ?? CHART_DEFAULT_BROKERS;
}

const CLUSTER_SPEC_CONFIG = ["spec", "clusterSpec", "config", "cluster"] as const;

/**
 * The operator's `Redpanda` (redpanda_types.go): spec.clusterSpec holds the values of the Redpanda Helm chart, its
 * cluster properties in spec.clusterSpec.config.cluster (typed YAML values) and its brokers in
 * spec.clusterSpec.statefulset.replicas. When config.cluster leaves default_topic_replications unset, the chart writes 3
 * for a StatefulSet of 3 or more brokers (BootstrapContents in charts/redpanda/configmap.tpl.go), which is what it runs
 * unless statefulset.replicas says otherwise; else Redpanda's default 1 applies.
 */
export const redpandaCluster = redpandaBrokerConfig({
  types: redpandaTypes("Redpanda"),
  label: "Redpanda cluster (@pulumi/kubernetes)",
  subject: (name) => `Redpanda "${name}"`,
  properties: (props) => propertiesAt(props, CLUSTER_SPEC_CONFIG),
  fix: (property, value) => `set ${CLUSTER_SPEC_CONFIG.join(".")}.${property} to ${value}`,
  defaultTopicReplications: (props) => replicationsFor(statefulsetReplicas(props)),
});

const STRETCH_CONFIG = ["spec", "config", "cluster"] as const;

/**
 * The operator's `StretchCluster` (stretch_cluster_types.go), one Redpanda cluster whose brokers run in several
 * Kubernetes clusters: its cluster properties in spec.config.cluster (the `Config` of the Redpanda kind), its brokers
 * in the RedpandaBrokerPools of every member cluster. The operator writes default_topic_replications 3 when those
 * pools hold 3 or more brokers together (bootstrapContents in operator/multicluster/configmap_bootstrap.go), which one
 * resource does not show.
 */
export const redpandaStretchCluster = redpandaBrokerConfig({
  types: redpandaTypes("StretchCluster", ["v1alpha2"]),
  label: "Redpanda StretchCluster (@pulumi/kubernetes)",
  subject: (name) => `Redpanda StretchCluster "${name}"`,
  properties: (props) => propertiesAt(props, STRETCH_CONFIG),
  fix: (property, value) => `set ${STRETCH_CONFIG.join(".")}.${property} to ${value}`,
  defaultTopicReplications: () => ({
    unconfirmed:
      "the operator writes 3 only when the RedpandaBrokerPools of all member clusters hold 3 or more brokers together, and Redpanda's own default is 1",
  }),
});

const LEGACY_GROUP = "redpanda.vectorized.io";
const LEGACY_PROPERTY_PREFIX = "redpanda.";

/**
 * The cluster properties of a legacy `Cluster`, in the order the operator writes them (CreateConfiguration in
 * operator/pkg/resources/configuration.go), a later one winning: spec.configuration.autoCreateTopics, the
 * "redpanda."-prefixed keys of spec.additionalConfiguration (YAML strings), then spec.clusterConfiguration, whose
 * entries hold a YAML string in `repr` or a reference to a ConfigMap or Secret, which the stack does not show.
 */
function legacyProperties(props: Props): ReturnType<RedpandaClusterKind["properties"]> {
  const spec = recordAt(props, "spec");
  const values: Props = {};
  const autoCreate = recordAt(spec, "configuration")["autoCreateTopics"];
  if (autoCreate !== undefined) values["auto_create_topics_enabled"] = autoCreate;
  const layers = {
    additionalConfiguration: spec["additionalConfiguration"],
    clusterConfiguration: spec["clusterConfiguration"],
  };
  for (const [field, layer] of Object.entries(layers)) {
    if (layer === undefined || layer === null) continue;
    if (!isRecord(layer))
      return { ok: false, problem: `spec.${field} is ${describeValue(layer)}, not a key/value map` };
    for (const [key, value] of Object.entries(layer)) {
      if (field === "clusterConfiguration") {
        if (isRecord(value) && value["repr"] !== undefined) values[key] = value["repr"];
      } else if (key.startsWith(LEGACY_PROPERTY_PREFIX)) {
        values[key.slice(LEGACY_PROPERTY_PREFIX.length)] = value;
      }
    }
  }
  return { ok: true, values };
}

/** spec.replicas of a legacy `Cluster`: no default broker pool when unset (GetNodePoolsFromSpec in cluster_types.go). */
function legacyReplicas(props: Props): unknown {
  return recordAt(props, "spec")["replicas"] ?? 0;
}

/**
 * The legacy operator's `Cluster` (redpanda.vectorized.io/v1alpha1, operator/api/vectorized/v1alpha1/cluster_types.go).
 * Its defaulting webhook writes redpanda.default_topic_replications and redpanda.internal_topic_replication_factor 3
 * into spec.additionalConfiguration when spec.replicas is 3 or more and they are unset (cluster_webhook.go).
 */
export const redpandaLegacyCluster = redpandaBrokerConfig({
  types: [`kubernetes:${LEGACY_GROUP}/v1alpha1:Cluster`],
  label: "Redpanda legacy Cluster (@pulumi/kubernetes)",
  subject: (name) => `Redpanda Cluster "${name}"`,
  properties: legacyProperties,
  // spec.clusterConfiguration wins over the other places, whichever set the value.
  fix: (property, value) => `set spec.clusterConfiguration.${property} to {repr: "${value}"}`,
  defaultTopicReplications: (props) => replicationsFor(legacyReplicas(props)),
});

/** A kind of pool resource that adds brokers to the cluster its spec.clusterRef names. */
interface PoolKind extends ResourceKind {
  /** How messages call several of them. */
  plural: string;
  /** Its brokers when spec.replicas is unset. */
  defaultReplicas: number;
}

/** The operator's `NodePool` (node_pool_types.go): spec.replicas more brokers (chart default 3) for spec.clusterRef. */
const REDPANDA_NODE_POOL: PoolKind = {
  types: redpandaTypes("NodePool", ["v1alpha2"]),
  label: "Redpanda NodePool (@pulumi/kubernetes)",
  plural: "NodePools",
  defaultReplicas: CHART_DEFAULT_BROKERS,
};

/** The operator's `RedpandaBrokerPool` (broker_pool_types.go): spec.replicas brokers (default 1) for spec.clusterRef. */
const REDPANDA_BROKER_POOL: PoolKind = {
  types: redpandaTypes("RedpandaBrokerPool", ["v1alpha2"]),
  label: "Redpanda RedpandaBrokerPool (@pulumi/kubernetes)",
  plural: "RedpandaBrokerPools",
  defaultReplicas: 1,
};

/** A group of brokers: a StatefulSet or a pool. */
interface BrokerGroup {
  name: string;
  replicas: unknown;
}

/** A cluster's own StatefulSet: where its replicas are set, and the name of the group in messages. */
interface OwnBrokers {
  key: string;
  name: string;
  replicas(): unknown;
}

/** A cluster's pools: what they are called, their names and their replicas (read when asked). */
interface PoolBrokers {
  kind: string;
  names: readonly string[];
  groups(): BrokerGroup[];
}

/** A broker count: the cluster's own StatefulSet alone when it has no pools, else the sum with its pools. */
function brokerCapacity(subject: string, own: OwnBrokers | undefined, pools: PoolBrokers): ClusterDeclaration {
  if (own !== undefined && pools.names.length === 0) {
    return {
      subject,
      brokersKey: own.key,
      get brokers() {
        return brokerCount(own.replicas());
      },
      fix: (brokers) => `set ${own.key} to ${brokers} or more`,
    };
  }
  const names = pools.names.map((name) => `"${name}"`).join(", ");
  const ownKey = own === undefined ? "" : `${own.key} and `;
  return {
    subject,
    brokersKey: `${ownKey}the replicas of ${pools.kind} ${names}`,
    get brokers() {
      const ownGroup = own === undefined ? [] : [{ name: own.name, replicas: own.replicas() }];
      return nodePoolBrokerCount([...ownGroup, ...pools.groups()]);
    },
    fix: (brokers) => `give ${subject} ${brokers} or more brokers across ${ownKey}its ${pools.kind}`,
  };
}

/** The pools of the stack whose spec.clusterRef names the cluster. */
function poolsNaming(kind: PoolKind, key: string, resources: readonly StackResource[], attempt: Attempt): PoolBrokers {
  const pools = resources.filter(
    (r) =>
      kind.types.includes(r.type) &&
      attempt(() =>
        clusterRefKey(recordAt(recordAt(r.props, "spec"), "clusterRef"), kubernetesName(r.props).namespace),
      ) === key,
  );
  const nameOf = (pool: StackResource) => kubernetesName(pool.props).name ?? pool.name;
  return {
    kind: kind.plural,
    names: pools.map(nameOf),
    groups: () =>
      pools.map((pool) => ({
        name: nameOf(pool),
        replicas: recordAt(pool.props, "spec")["replicas"] ?? kind.defaultReplicas,
      })),
  };
}

/** A cluster kind as a clusterRef names it. */
interface ClusterRefTarget {
  group: string;
  kind: string;
}

/** Its broker count from its props and its pools in the stack (none when it has no pool kind), or undefined. */
type Capacity = (subject: string, props: Props, pools: PoolBrokers, attempt: Attempt) => ClusterDeclaration | undefined;

/** A Redpanda cluster kind as the cluster of the topics whose spec.cluster.clusterRef names it. */
function redpandaStackCluster(
  config: BrokerConfigShape,
  target: ClusterRefTarget,
  poolKind: PoolKind | undefined,
  capacity: Capacity,
): ClusterShape {
  return {
    types: config.types,
    label: config.label,
    reachedBy: ["redpanda-cluster-ref"],
    countsBrokers: true,
    // The cluster resource holds its own cluster properties.
    brokerConfigFrom: [config],
    ...(poolKind === undefined ? {} : { brokerCountFrom: [poolKind] }),
    read(resource, resources, attempt) {
      const { props } = resource;
      const { name = resource.name, namespace } = kubernetesName(props);
      const declaration = config.read(props, resource.name);
      const key = clusterKey(target.group, target.kind, name, namespace);
      const noPools: PoolBrokers = { kind: "", names: [], groups: () => [] };
      const pools = poolKind === undefined ? noPools : poolsNaming(poolKind, key, resources, attempt);
      return {
        urn: resource.urn,
        subject: declaration.subject,
        capacity: capacity(declaration.subject, props, pools, attempt),
        brokerConfig: describeBrokerDurability(declaration),
        namedAs: { kind: "redpanda-cluster-ref", key },
      };
    },
  };
}

/**
 * A Redpanda's brokers are the chart's StatefulSet (statefulset.replicas) and one more StatefulSet per NodePool
 * (StatefulSets in charts/redpanda/statefulset.go); NodePools declared outside the stack are not guessed, so a Redpanda
 * whose own StatefulSet has no replicas is not counted without them.
 */
const redpandaStack = redpandaStackCluster(
  redpandaCluster,
  { group: REDPANDA_GROUP, kind: "Redpanda" },
  REDPANDA_NODE_POOL,
  (subject, props, pools, attempt) => {
    const replicas = () => statefulsetReplicas(props);
    // With no broker in its own StatefulSet, its brokers are in NodePools the stack does not declare.
    if (pools.names.length === 0 && attempt(replicas) === 0) return undefined;
    const own = { key: "spec.clusterSpec.statefulset.replicas", name: "spec.clusterSpec.statefulset", replicas };
    return brokerCapacity(subject, own, pools);
  },
);

/**
 * A StretchCluster's brokers are those of the RedpandaBrokerPools naming it, in every member Kubernetes cluster
 * (RenderState.totalReplicas in operator/multicluster/render_state.go); with none in the stack it is not counted.
 */
const redpandaStretchStack = redpandaStackCluster(
  redpandaStretchCluster,
  { group: REDPANDA_GROUP, kind: "StretchCluster" },
  REDPANDA_BROKER_POOL,
  (subject, _props, pools) => (pools.names.length === 0 ? undefined : brokerCapacity(subject, undefined, pools)),
);

/** The broker groups of a legacy Cluster's spec.nodePools, each of spec.replicas brokers (unset: 0). */
function legacyNodePools(props: Props): BrokerGroup[] {
  const declared = recordAt(props, "spec")["nodePools"];
  return (Array.isArray(declared) ? declared : []).filter(isRecord).map((pool, index) => ({
    name: stringAt(pool, "name") ?? `spec.nodePools[${index}]`,
    replicas: pool["replicas"] ?? 0,
  }));
}

/** A legacy Cluster's brokers: spec.replicas and the replicas (unset: 0) of its spec.nodePools, all in the resource. */
const redpandaLegacyStack = redpandaStackCluster(
  redpandaLegacyCluster,
  { group: LEGACY_GROUP, kind: "Cluster" },
  undefined,
  (subject, props, _pools, attempt) => {
    // Unknown during preview: not counted, rather than counted without its node pools.
    const nodePools = attempt(() => legacyNodePools(props));
    if (nodePools === undefined) return undefined;
    const pools: PoolBrokers = {
      kind: "spec.nodePools",
      names: nodePools.map(({ name }) => name),
      groups: () => nodePools,
    };
    const own = { key: "spec.replicas", name: "default", replicas: () => legacyReplicas(props) };
    return brokerCapacity(subject, own, pools);
  },
);

/**
 * A Pipeline (pipeline_types.go) runs Redpanda Connect with the YAML of spec.configYaml (required by the CRD); its
 * Kafka outputs' producer fields are read from that YAML (core/redpanda-connect.ts). The operator merges only
 * connection fields (seed_brokers, tls, sasl) into `redpanda` outputs, so what decides durability is in the YAML.
 */
export const redpandaPipeline: ProducerConfigShape = {
  types: redpandaTypes("Pipeline", ["v1alpha2"]),
  label: "Redpanda Pipeline (@pulumi/kubernetes)",
  roles: ["redpanda-connect"],
  places(props, name) {
    return [
      {
        subject: `Redpanda Pipeline "${kubernetesName(props).name ?? name}"`,
        config: () => recordAt(props, "spec"),
        role: "redpanda-connect",
        where: (path) => `${path} in spec.configYaml`,
        weakProducerSettings: (spec, risk) =>
          readConfigYaml(spec, (configYaml) => findWeakRedpandaConnectSettings(configYaml, risk)),
        underReplicatedTopics: (spec, minReplicationFactor) =>
          readConfigYaml(spec, (configYaml) =>
            findUnderReplicatedRedpandaConnectTopics(configYaml, minReplicationFactor),
          ),
      },
    ];
  },
};

/** Runs `find` on a Pipeline's spec.configYaml; a value that is not a string, or not YAML, is a problem. */
function readConfigYaml<T>(spec: Props, find: (configYaml: string) => Parsed<T[]>): Parsed<T[]> {
  const configYaml = spec["configYaml"];
  // Required by the CRD: a Pipeline without it is refused by the API server, and has nothing to check here.
  if (configYaml === undefined) return { ok: true, value: [] };
  const unreadable = "so its outputs' producer settings cannot be checked; make it one valid YAML document";
  if (typeof configYaml !== "string") {
    return { ok: false, problem: `spec.configYaml is ${describeValue(configYaml)}, not a string, ${unreadable}` };
  }
  const found = find(configYaml);
  return found.ok ? found : { ok: false, problem: `spec.configYaml ${found.problem}, ${unreadable}` };
}

const ACCESS_CONTROL = "credentials and ACLs: access control, not storage";

/** Redpanda through its Kubernetes operator (@pulumi/kubernetes) and Redpanda Cloud (@pulumiverse/redpanda). */
export const redpanda: PlatformAdapter = {
  platform: "Redpanda (its operator through @pulumi/kubernetes; Redpanda Cloud through @pulumiverse/redpanda)",
  topics: [redpandaTopic, redpandaCloudTopic],
  brokerConfigs: [redpandaCluster, redpandaStretchCluster, redpandaLegacyCluster],
  clusters: [redpandaStack, redpandaStretchStack, redpandaLegacyStack],
  producerConfigs: [redpandaPipeline],
  nothingToCheck: [
    {
      types: ["User", "RedpandaRole", "Group"].flatMap((kind) => redpandaTypes(kind, ["v1alpha2"])),
      label: "Redpanda User, RedpandaRole and Group (@pulumi/kubernetes)",
      reason: ACCESS_CONTROL,
    },
    {
      types: redpandaTypes("Schema", ["v1alpha2"]),
      label: "Redpanda Schema (@pulumi/kubernetes)",
      reason: "a message format in the Schema Registry, not storage",
    },
    {
      types: [...redpandaTypes("Console", ["v1alpha2"]), "kubernetes:redpanda.vectorized.io/v1alpha1:Console"],
      label: "Redpanda Console (@pulumi/kubernetes)",
      reason: "the web UI: it reads and administers the cluster, and holds no topic or broker setting",
    },
    {
      types: redpandaTypes("ShadowLink", ["v1alpha2"]),
      label: "Redpanda ShadowLink (@pulumi/kubernetes)",
      reason:
        "mirrors another cluster's topics, copying their replication factor by default (topicMetadataSyncOptions); no replication, acks or broker setting of its own",
    },
    {
      types: redpandaTypes("Broker", ["v1alpha2"]),
      label: "Redpanda Broker (@pulumi/kubernetes)",
      reason:
        "one broker's pod and volumes, made by the operator from the replicas of its Redpanda, Cluster or NodePool, which are counted there",
    },
    {
      types: ["redpanda:index/cluster:Cluster", "redpanda:index/serverlessCluster:ServerlessCluster"],
      label: "@pulumiverse/redpanda Cluster and ServerlessCluster",
      reason:
        "Redpanda Cloud runs the brokers and requires at least 3 replicas of every topic; topics are read from Topic",
    },
    {
      types: ["redpanda:index/acl:Acl", "redpanda:index/user:User"],
      label: "@pulumiverse/redpanda Acl and User",
      reason: ACCESS_CONTROL,
    },
    {
      types: [
        "redpanda:index/network:Network",
        "redpanda:index/resourceGroup:ResourceGroup",
        "redpanda:index/namespace:Namespace",
      ],
      label: "@pulumiverse/redpanda Network, ResourceGroup and Namespace",
      reason: "Redpanda Cloud networking and organisation; no Kafka setting",
    },
  ],
};
