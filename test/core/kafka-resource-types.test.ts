import { describe, expect, it } from "vitest";
import { isKafkaTypeToken } from "../../core";

describe("isKafkaTypeToken", () => {
  it.each<[string, boolean]>([
    ["kafka:index/topic:Topic", true],
    ["kafka:index/acl:Acl", true],
    ["aws:msk/replicator:Replicator", true],
    ["aws:mskconnect/connector:Connector", true],
    ["aws-native:msk:ServerlessCluster", true],
    ["aws-native:kafkaconnect:Connector", true],
    ["aiven:index/kafka:Kafka", true],
    ["aiven:index/mirrorMakerReplicationFlow:MirrorMakerReplicationFlow", true],
    ["confluentcloud:index/kafkaClusterConfig:KafkaClusterConfig", true],
    ["confluentcloud:index/connector:Connector", true],
    ["confluentcloud:index/clusterLink:ClusterLink", true],
    ["kubernetes:kafka.strimzi.io/v1beta2:KafkaBridge", true],
    ["kubernetes:platform.confluent.io/v1beta1:KafkaTopic", true],
    ["kubernetes:cluster.redpanda.com/v1alpha2:Topic", true],
    ["redpanda:index/topic:Topic", true],
    // Not Kafka: other messaging services' topics, Kubernetes' own kinds, providers, kafkaguard's own component.
    ["aws:sns/topic:Topic", false],
    ["gcp:pubsub/topic:Topic", false],
    ["azure-native:eventgrid:Topic", false],
    ["aws-native:ec2:TrafficMirrorSession", false],
    ["confluentcloud:index/environment:Environment", false],
    ["kubernetes:core/v1:ConfigMap", false],
    ["kubernetes:apps/v1:StatefulSet", false],
    ["pulumi:providers:kafka", false],
    ["kafkaguard:index:DurableTopic", false],
  ])("%s → %s", (type, expected) => {
    expect(isKafkaTypeToken(type)).toBe(expected);
  });
});
