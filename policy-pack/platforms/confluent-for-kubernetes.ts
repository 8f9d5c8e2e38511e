import {
  type BrokerEntries,
  CONNECT_TOPIC_SETTINGS,
  type ClientConfigRole,
  type ConfigNaming,
  brokerCount,
  describeBrokerDurability,
  describeValue,
  parseJavaProperties,
} from "../../core";
import { brokerConfigShape } from "../resources/broker-resources";
import type { ClusterShape } from "../resources/cluster-resources";
import { type ProducerConfigShape, configPlace } from "../resources/producer-resources";
import { type Props, isRecord, kubernetesName, mergeAt, namespacedKey, recordAt, stringAt } from "../resources/props";
import type { TopicResourceShape } from "../resources/topic-resources";
import type { PlatformAdapter } from "./platform";

/**
 * Confluent for Kubernetes (platform.confluent.io/v1beta1), declared with @pulumi/kubernetes as a CustomResource or
 * rendered from YAML: a `KafkaTopic` has spec.name (default metadata.name), spec.replicas, spec.partitionCount,
 * spec.configs (a string map) and spec.kafkaClusterRef {name, namespace}; a `Kafka` has spec.replicas (its brokers)
 * and spec.configOverrides.server, a list of "key=value" server.properties lines.
 */
const cfkTypes = (kind: string) => [`kubernetes:platform.confluent.io/v1beta1:${kind}`];

const CFK_TOPIC_NAMING: ConfigNaming = {
  settingKey: (kafkaKey) => `spec.configs["${kafkaKey}"]`,
  fixKey: (kafkaKey) => `spec.configs["${kafkaKey}"]`,
  value: (_kafkaKey, value) => JSON.stringify(value),
};

export const cfkKafkaTopic: TopicResourceShape = {
  types: cfkTypes("KafkaTopic"),
  label: "Confluent for Kubernetes KafkaTopic (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      get topicName() {
        return stringAt(recordAt(props, "spec"), "name") ?? kubernetesName(props).name ?? resourceName;
      },
      replicationFactorKey: "spec.replicas",
      naming: CFK_TOPIC_NAMING,
      get replicationFactor() {
        return recordAt(props, "spec")["replicas"];
      },
      get config() {
        return recordAt(props, "spec")["configs"];
      },
    };
  },
  apply(props: Props, fix) {
    const fixed = fix.config === undefined ? props : mergeAt(props, ["spec", "configs"], fix.config);
    return fix.replicationFactor === undefined ? fixed : mergeAt(fixed, ["spec"], { replicas: fix.replicationFactor });
  },
  link: {
    kind: "cfk-cluster-ref",
    of(props) {
      const ref = recordAt(recordAt(props, "spec"), "kafkaClusterRef");
      const name = stringAt(ref, "name");
      return name === undefined
        ? undefined
        : {
            kind: "cfk-cluster-ref",
            key: namespacedKey(name, stringAt(ref, "namespace") ?? kubernetesName(props).namespace),
          };
    },
  },
  inheritsFromStack: true,
};

/** spec.configOverrides.server of a CFK component: "key=value" lines of its server (or worker) properties. */
function serverOverrides(props: Props): BrokerEntries {
  const server = recordAt(recordAt(props, "spec"), "configOverrides")["server"];
  if (server === undefined || server === null) return { ok: true, entries: {} };
  if (!Array.isArray(server) || !server.every((line) => typeof line === "string")) {
    return {
      ok: false,
      problem: `spec.configOverrides.server is ${describeValue(server)}, not a list of "key=value" lines`,
    };
  }
  const parsed = parseJavaProperties(server.join("\n"));
  return parsed.ok
    ? { ok: true, entries: parsed.entries }
    : { ok: false, problem: `spec.configOverrides.server: ${parsed.problem}` };
}

/** A CFK `Kafka`: its broker config is the server.properties lines of spec.configOverrides.server. */
export const cfkKafka = brokerConfigShape({
  types: cfkTypes("Kafka"),
  label: "Confluent for Kubernetes Kafka (@pulumi/kubernetes)",
  read(props, resourceName) {
    return {
      subject: `Confluent for Kubernetes Kafka "${kubernetesName(props).name ?? resourceName}"`,
      entries: () => serverOverrides(props),
      fix: (key, value) => `add "${key}=${value}" to spec.configOverrides.server`,
    };
  },
});

const cfkCluster: ClusterShape = {
  types: cfkKafka.types,
  label: cfkKafka.label,
  reachedBy: ["cfk-cluster-ref"],
  countsBrokers: true,
  brokerConfigFrom: [cfkKafka],
  read(resource) {
    const { props } = resource;
    const { name = resource.name, namespace } = kubernetesName(props);
    const subject = `Confluent for Kubernetes Kafka "${name}"`;
    return {
      urn: resource.urn,
      subject,
      capacity: {
        subject,
        brokersKey: "spec.replicas",
        get brokers() {
          return brokerCount(recordAt(props, "spec")["replicas"]);
        },
        fix: (brokers) => `set spec.replicas to ${brokers} or more`,
      },
      brokerConfig: describeBrokerDurability(cfkKafka.read(props, resource.name)),
      namedAs: { kind: "cfk-cluster-ref", key: namespacedKey(name, namespace) },
    };
  },
};

/**
 * A CFK component's server properties as its Kafka clients see them: the spec field CFK offers for its internal
 * topics' replication factor (written as the given keys), then the spec.configOverrides.server lines, which "add or
 * update existing configuration" (the CRD's words) and so win. Lines that cannot be read are left to the owner (the
 * broker policies report the same problem on a Kafka).
 */
interface CfkComponent {
  kind: string;
  /** How messages name it, e.g. "Kafka Connect". */
  subjectKind: string;
  role: ClientConfigRole;
  /** The spec field for the internal topics' replication factor, and the server properties it sets. */
  internalTopics?: { field: string; keys: readonly string[] };
  /** A server property the component sets itself whatever the lines say, so a line for it changes nothing. */
  ignores?: string;
}

function cfkComponentShape(component: CfkComponent): ProducerConfigShape {
  const { kind, subjectKind, role, internalTopics, ignores } = component;
  return {
    types: cfkTypes(kind),
    label: `Confluent for Kubernetes ${kind} (@pulumi/kubernetes)`,
    roles: [role],
    places(props, name) {
      const spec = recordAt(props, "spec");
      const lines = () => {
        const read = serverOverrides(props);
        return read.ok ? read.entries : undefined;
      };
      const config = () => {
        const fromLines = lines();
        if (fromLines === undefined) return undefined;
        const replicationFactor = internalTopics === undefined ? undefined : spec[internalTopics.field];
        const fromField =
          internalTopics === undefined || replicationFactor === undefined
            ? {}
            : Object.fromEntries(internalTopics.keys.map((key) => [key, replicationFactor]));
        return Object.fromEntries(Object.entries({ ...fromField, ...fromLines }).filter(([key]) => key !== ignores));
      };
      const place = configPlace(
        `${subjectKind} "${kubernetesName(props).name ?? name}"`,
        config,
        role,
        "spec.configOverrides.server",
      );
      return [
        {
          ...place,
          where: (key: string) =>
            internalTopics?.keys.includes(key) && lines()?.[key] === undefined
              ? `spec.${internalTopics.field}`
              : `the "${key}" line of spec.configOverrides.server`,
        },
      ];
    },
  };
}

/** A CFK `Connect`: its worker config; spec.internalTopicReplicationFactor (the CRD's default 3) sets its topics'. */
export const cfkConnect = cfkComponentShape({
  kind: "Connect",
  subjectKind: "Kafka Connect",
  role: "worker",
  internalTopics: {
    field: "internalTopicReplicationFactor",
    keys: CONNECT_TOPIC_SETTINGS.worker.map((setting) => setting.key),
  },
});

/** A CFK `SchemaRegistry`: its schemas topic; the CRD spells the field internalTopicReplicatorFactor. */
export const cfkSchemaRegistry = cfkComponentShape({
  kind: "SchemaRegistry",
  subjectKind: "Schema Registry",
  role: "schema-registry",
  internalTopics: { field: "internalTopicReplicatorFactor", keys: ["kafkastore.topic.replication.factor"] },
});

/** A CFK `KsqlDB`: ksqlDB's internal topics, its Kafka Streams topics, and its producers (ksql.streams.producer.*). */
export const cfkKsqlDB = cfkComponentShape({
  kind: "KsqlDB",
  subjectKind: "ksqlDB",
  role: "ksqldb",
  internalTopics: { field: "internalTopicReplicationFactor", keys: ["ksql.internal.topic.replicas"] },
});

/** A CFK `KafkaRestProxy`: Confluent REST Proxy's producers take its producer.* lines. */
export const cfkKafkaRestProxy = cfkComponentShape({
  kind: "KafkaRestProxy",
  subjectKind: "REST Proxy",
  role: "rest-proxy",
  // KafkaRestConfig.getProducerProperties sets enable.idempotence=false whatever is configured (KREST-4606).
  ignores: "producer.enable.idempotence",
});

/** A CFK `Connector`: spec.configs is the connector config (string map). */
export const cfkConnector: ProducerConfigShape = {
  types: cfkTypes("Connector"),
  label: "Confluent for Kubernetes Connector (@pulumi/kubernetes)",
  roles: ["connector"],
  places(props, name) {
    const subject = `Kafka connector "${stringAt(recordAt(props, "spec"), "name") ?? kubernetesName(props).name ?? name}"`;
    return [configPlace(subject, () => recordAt(props, "spec")["configs"], "connector", "spec.configs")];
  },
};

/**
 * A CFK `ClusterLink`: each of spec.mirrorTopics is a topic on the destination cluster whose replicationFactor, unset,
 * "will inherit the broker default.replication.factor" (the CRD's words).
 */
export const cfkClusterLink: ProducerConfigShape = {
  types: cfkTypes("ClusterLink"),
  label: "Confluent for Kubernetes ClusterLink (@pulumi/kubernetes)",
  roles: ["mirror-topic"],
  places(props, name) {
    const mirrorTopics = recordAt(props, "spec")["mirrorTopics"];
    if (!Array.isArray(mirrorTopics)) return [];
    return mirrorTopics.map((mirror: unknown, index) => {
      const topic = isRecord(mirror) ? mirror : {};
      const path = `spec.mirrorTopics[${index}].replicationFactor`;
      const subject = `Cluster link "${kubernetesName(props).name ?? name}", mirror topic "${stringAt(topic, "name") ?? index}"`;
      return {
        ...configPlace(subject, () => ({ "replication.factor": topic["replicationFactor"] }), "mirror-topic", path),
        where: () => path,
      };
    });
  },
};

export const confluentForKubernetes: PlatformAdapter = {
  platform: "Confluent for Kubernetes (@pulumi/kubernetes)",
  topics: [cfkKafkaTopic],
  brokerConfigs: [cfkKafka],
  clusters: [cfkCluster],
  producerConfigs: [cfkConnect, cfkConnector, cfkSchemaRegistry, cfkKsqlDB, cfkKafkaRestProxy, cfkClusterLink],
  nothingToCheck: [
    {
      types: cfkTypes("KafkaRestClass"),
      label: "Confluent for Kubernetes KafkaRestClass (@pulumi/kubernetes)",
      reason: "how the operator reaches a cluster's REST API",
    },
    {
      types: cfkTypes("ConfluentRolebinding"),
      label: "Confluent for Kubernetes ConfluentRolebinding (@pulumi/kubernetes)",
      reason: "access control, not storage",
    },
    {
      types: cfkTypes("ControlCenter"),
      label: "Confluent for Kubernetes ControlCenter (@pulumi/kubernetes)",
      reason: "the monitoring UI: its topics hold metrics and alerts, not the applications' messages",
    },
    {
      types: cfkTypes("Zookeeper"),
      label: "Confluent for Kubernetes Zookeeper (@pulumi/kubernetes)",
      reason: "cluster metadata in ZooKeeper's own quorum; topic replication and broker defaults are set on Kafka",
    },
    {
      types: cfkTypes("KRaftController"),
      label: "Confluent for Kubernetes KRaftController (@pulumi/kubernetes)",
      reason:
        "the metadata quorum, which Raft replicates to every controller; topic replication and broker defaults are " +
        "set on Kafka",
    },
    {
      types: cfkTypes("Schema"),
      label: "Confluent for Kubernetes Schema (@pulumi/kubernetes)",
      reason: "a message format, not storage",
    },
    {
      types: cfkTypes("SchemaExporter"),
      label: "Confluent for Kubernetes SchemaExporter (@pulumi/kubernetes)",
      reason: "copies schemas between Schema Registries; no Kafka topic or producer setting",
    },
  ],
};
