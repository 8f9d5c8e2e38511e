import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import {
  type ConfluentKafkaJsDurableSettings,
  type DurableConsumerProperties,
  type DurableProducerProperties,
  type KafkaJsDurableSettings,
  confluentKafkaJsDurableSettings,
  durableConsumerProperties,
  durableProducerProperties,
  kafkaJsDurableSettings,
} from "../core";
import {
  type DurableTopicArgs,
  type DurableTopicPlan,
  DurableTopicArgsError,
  TopicNameRegistry,
  deletionGuardOptions,
  planDurableTopic,
} from "./durable-topic-plan";

export type { DurableTopicArgs };

const topicNames = new TopicNameRegistry();

/**
 * A Kafka topic that keeps acknowledged messages through a broker failure: RF 3, min.insync.replicas 2,
 * unclean leader election off, protected from deletion, and client settings to match.
 */
export class DurableTopic extends pulumi.ComponentResource {
  /** The Kafka topic name. */
  public readonly topicName: pulumi.Output<string>;
  public readonly partitions: pulumi.Output<number>;
  public readonly replicationFactor: pulumi.Output<number>;
  public readonly minInsyncReplicas: pulumi.Output<number>;
  /** Brokers that may fail without losing an acknowledged write: min.insync.replicas − 1. */
  public readonly brokerFailuresWithoutDataLoss: pulumi.Output<number>;
  /** Brokers that may be down while acks=all writes still succeed: replicationFactor − min.insync.replicas. */
  public readonly brokerFailuresWhileWritable: pulumi.Output<number>;
  /** Durable producer properties (Java/librdkafka names). */
  public readonly producerProperties: DurableProducerProperties;
  /** The underlying topic resource. */
  public readonly topic: kafka.Topic;

  private readonly plan: DurableTopicPlan;

  constructor(name: string, args: DurableTopicArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    // Decided before registering anything, so unsafe arguments fail the preview with nothing created.
    const plan = planDurableTopic(name, args);
    const collision = topicNames.claim(plan.topicName);
    if (collision !== undefined) throw new DurableTopicArgsError(name, [collision]);

    super("kafkaguard:index:DurableTopic", name, {}, opts);
    this.plan = plan;
    this.topic = new kafka.Topic(
      name,
      {
        name: plan.topicName,
        partitions: plan.partitions,
        replicationFactor: plan.replicationFactor,
        config: plan.config,
      },
      { parent: this, ...deletionGuardOptions(plan.deletionGuard) },
    );
    this.topicName = this.topic.name;
    // Every value is known from the plan; registering them as plain values rather than Outputs spares the SDK
    // about a seventh of the component's registration cost (see docs/benchmarks.md).
    const outputs = {
      topicName: plan.topicName,
      partitions: plan.partitions,
      replicationFactor: plan.replicationFactor,
      minInsyncReplicas: plan.minInsyncReplicas,
      brokerFailuresWithoutDataLoss: plan.minInsyncReplicas - 1,
      brokerFailuresWhileWritable: plan.replicationFactor - plan.minInsyncReplicas,
      producerProperties: durableProducerProperties(),
    };
    this.partitions = pulumi.output(outputs.partitions);
    this.replicationFactor = pulumi.output(outputs.replicationFactor);
    this.minInsyncReplicas = pulumi.output(outputs.minInsyncReplicas);
    this.brokerFailuresWithoutDataLoss = pulumi.output(outputs.brokerFailuresWithoutDataLoss);
    this.brokerFailuresWhileWritable = pulumi.output(outputs.brokerFailuresWhileWritable);
    this.producerProperties = outputs.producerProperties;
    this.registerOutputs(outputs);
  }

  /** Durable consumer properties for a consumer group reading this topic (Java/librdkafka names). */
  consumerProperties(groupId: string): DurableConsumerProperties {
    return durableConsumerProperties(groupId);
  }

  /** Producer and consumer configuration for @confluentinc/kafka-javascript's KafkaJS-compatible API. */
  confluentKafkaJsSettings(groupId: string): ConfluentKafkaJsDurableSettings {
    return confluentKafkaJsDurableSettings(groupId);
  }

  /** Producer, send and consumer options for KafkaJS (unmaintained; Kafka 3.x only) with the same guarantees. */
  kafkaJsSettings(groupId: string): KafkaJsDurableSettings {
    return kafkaJsDurableSettings(this.plan.topicName, groupId);
  }
}
