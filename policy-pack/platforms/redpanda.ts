import {
  AUTO_CREATE_TOPICS,
  type BrokerDefaultKey,
  type BrokerEntries,
  type ClusterDeclaration,
  DEFAULT_REPLICATION_FACTOR,
  MIN_INSYNC_REPLICAS,
  OFFSETS_TOPIC_REPLICATION_FACTOR,
  type PlatformBrokerDefault,
  TRANSACTION_LOG_MIN_ISR,
  TRANSACTION_LOG_REPLICATION_FACTOR,
  type TopicSettingName,
  UNCLEAN_LEADER_ELECTION,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  nodePoolBrokerCount,
  parsePositiveKafkaInt,
} from "../../core";
import type { BrokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape, StackResource } from "../resources/cluster-resources";
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
 * Redpanda, a Kafka-compatible broker: its Kubernetes operator's custom resources (cluster.redpanda.com, declared with
 * @pulumi/kubernetes as a CustomResource or rendered from YAML), and Redpanda Cloud topics through @pulumiverse/redpanda.
 * Shapes from redpanda-data/redpanda-operator (operator/api/redpanda/v1alpha2/*_types.go, the CRDs in
 * operator/config/crd/bases) and the Redpanda Helm chart the operator renders (charts/redpanda); semantics from
 * redpanda-data/redpanda (src/v).
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

/**
 * The Redpanda a clusterRef names, as a cluster link key. The operator's ClusterRef (common.go) defaults its group to
 * cluster.redpanda.com, its kind to Redpanda and its namespace to the referring resource's; a reference to another
 * kind (a StretchCluster, a v1 Cluster of redpanda.vectorized.io) is not linked.
 */
function redpandaRefKey(ref: Props, namespace: string | undefined): string | undefined {
  const name = stringAt(ref, "name");
  const group = stringAt(ref, "group") ?? REDPANDA_GROUP;
  const kind = stringAt(ref, "kind") ?? "Redpanda";
  if (name === undefined || group !== REDPANDA_GROUP || kind !== "Redpanda") return undefined;
  return namespacedKey(name, stringAt(ref, "namespace") ?? namespace);
}

/**
 * The operator's `Topic` (topic_types.go): the topic is spec.overwriteTopicName when not empty, else metadata.name;
 * spec.replicationFactor (unset: the cluster's default_topic_replications), spec.additionalConfig (a string map) and
 * spec.cluster.clusterRef, the Redpanda it is created in. spec.kafkaApiSpec and cluster.staticConfiguration name
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
      const key = redpandaRefKey(ref, kubernetesName(props).namespace);
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

/** The Helm chart's broker count when spec.clusterSpec.statefulset.replicas is unset (charts/redpanda values.yaml). */
const CHART_DEFAULT_BROKERS = 3;

function statefulsetReplicas(props: Props): unknown {
  return valueAt(props, ["spec", "clusterSpec", "statefulset", "replicas"]) ?? CHART_DEFAULT_BROKERS;
}

/**
 * What default_topic_replications is when config.cluster leaves it unset: Redpanda's default is 1, but the chart
 * writes 3 for a StatefulSet of 3 or more brokers (BootstrapContents in charts/redpanda/configmap.tpl.go), which is
 * what it runs unless statefulset.replicas says otherwise.
 */
function defaultTopicReplications(props: Props): PlatformBrokerDefault {
  const brokers = parsePositiveKafkaInt(statefulsetReplicas(props));
  return { value: brokers.ok && brokers.value >= 3 ? "3" : "1" };
}

const REDPANDA_TYPES = redpandaTypes("Redpanda");

/**
 * The operator's `Redpanda` (redpanda_types.go): spec.clusterSpec holds the values of the Redpanda Helm chart, its
 * cluster properties in spec.clusterSpec.config.cluster (typed YAML values) and its brokers in
 * spec.clusterSpec.statefulset.replicas. Unset properties take Redpanda's defaults: auto-creation off,
 * internal_topic_replication_factor 3.
 */
export const redpandaCluster: BrokerConfigShape = {
  types: REDPANDA_TYPES,
  label: "Redpanda cluster (@pulumi/kubernetes)",
  ignores: REDPANDA_CLUSTER_IGNORES,
  read(props, resourceName) {
    return {
      subject: `Redpanda "${kubernetesName(props).name ?? resourceName}"`,
      entries(): BrokerEntries {
        const cluster = valueAt(props, ["spec", "clusterSpec", "config", "cluster"]);
        if (cluster === undefined || cluster === null) return { ok: true, entries: {} };
        if (!isRecord(cluster)) {
          return {
            ok: false,
            problem: `spec.clusterSpec.config.cluster is ${describeValue(cluster)}, not a key/value map`,
          };
        }
        return {
          ok: true,
          entries: Object.fromEntries(
            Object.entries(REDPANDA_CLUSTER_PROPERTIES)
              .filter(([, property]) => cluster[property] !== undefined)
              .map(([key, property]) => [key, cluster[property]]),
          ),
        };
      },
      fix: (key, value) => `set spec.clusterSpec.config.cluster.${REDPANDA_CLUSTER_PROPERTIES[key] ?? key} to ${value}`,
      platform: "Redpanda",
      keyNames: REDPANDA_CLUSTER_PROPERTIES,
      platformDefaults: {
        get [DEFAULT_REPLICATION_FACTOR]() {
          return defaultTopicReplications(props);
        },
        [AUTO_CREATE_TOPICS]: { value: "false" },
        [OFFSETS_TOPIC_REPLICATION_FACTOR]: { value: "3" },
      },
      ignores: REDPANDA_CLUSTER_IGNORES,
    };
  },
};

/** The operator's `NodePool` (node_pool_types.go): spec.replicas more brokers (chart default 3) for spec.clusterRef. */
const REDPANDA_NODE_POOL: ResourceKind = {
  types: redpandaTypes("NodePool", ["v1alpha2"]),
  label: "Redpanda NodePool (@pulumi/kubernetes)",
};

/** A Redpanda's broker count: its own StatefulSet's replicas, plus those of the NodePools of the stack that name it. */
function brokersOf(subject: string, props: Props, pools: readonly StackResource[]): ClusterDeclaration {
  const own = "spec.clusterSpec.statefulset.replicas";
  if (pools.length === 0) {
    return {
      subject,
      brokersKey: own,
      get brokers() {
        return brokerCount(statefulsetReplicas(props));
      },
      fix: (brokers) => `set ${own} to ${brokers} or more`,
    };
  }
  const poolNames = pools.map((pool) => `"${kubernetesName(pool.props).name ?? pool.name}"`).join(", ");
  return {
    subject,
    brokersKey: `${own} and the replicas of NodePools ${poolNames}`,
    get brokers() {
      return nodePoolBrokerCount([
        { name: "spec.clusterSpec.statefulset", replicas: statefulsetReplicas(props) },
        ...pools.map((pool) => ({
          name: kubernetesName(pool.props).name ?? pool.name,
          replicas: recordAt(pool.props, "spec")["replicas"] ?? CHART_DEFAULT_BROKERS,
        })),
      ]);
    },
    fix: (brokers) => `give ${subject} ${brokers} or more brokers across ${own} and its NodePools`,
  };
}

/**
 * A Redpanda as the cluster of its topics. Its brokers are the chart's StatefulSet (statefulset.replicas) and one more
 * StatefulSet per NodePool (StatefulSets in charts/redpanda/statefulset.go); NodePools declared outside the stack are
 * not guessed, so a Redpanda whose own StatefulSet has no replicas is not counted without them.
 */
const redpandaStackCluster: ClusterShape = {
  types: REDPANDA_TYPES,
  label: redpandaCluster.label,
  reachedBy: ["redpanda-cluster-ref"],
  countsBrokers: true,
  // The Redpanda resource holds its own cluster properties.
  brokerConfigFrom: [redpandaCluster],
  brokerCountFrom: [REDPANDA_NODE_POOL],
  read(resource, resources, attempt) {
    const { props } = resource;
    const { name = resource.name, namespace } = kubernetesName(props);
    const subject = `Redpanda "${name}"`;
    const key = namespacedKey(name, namespace);
    const pools = resources.filter(
      (r) =>
        REDPANDA_NODE_POOL.types.includes(r.type) &&
        attempt(() =>
          redpandaRefKey(recordAt(recordAt(r.props, "spec"), "clusterRef"), kubernetesName(r.props).namespace),
        ) === key,
    );
    // With no broker in its own StatefulSet, its brokers are in NodePools the stack does not declare.
    const onlyInPools = pools.length === 0 && attempt(() => statefulsetReplicas(props)) === 0;
    return {
      urn: resource.urn,
      subject,
      capacity: onlyInPools ? undefined : brokersOf(subject, props, pools),
      brokerConfig: describeBrokerDurability(redpandaCluster.read(props, resource.name)),
      namedAs: { kind: "redpanda-cluster-ref", key },
    };
  },
};

const ACCESS_CONTROL = "credentials and ACLs: access control, not storage";

/** Redpanda through its Kubernetes operator (@pulumi/kubernetes) and Redpanda Cloud (@pulumiverse/redpanda). */
export const redpanda: PlatformAdapter = {
  platform: "Redpanda (its operator through @pulumi/kubernetes; Redpanda Cloud through @pulumiverse/redpanda)",
  topics: [redpandaTopic, redpandaCloudTopic],
  brokerConfigs: [redpandaCluster],
  clusters: [redpandaStackCluster],
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
