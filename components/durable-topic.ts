import * as kafka from "@pulumi/kafka";
import * as pulumi from "@pulumi/pulumi";
import {
  type DurabilityThresholds,
  type DurableConsumerProperties,
  type DurableProducerProperties,
  type KafkaJsDurableSettings,
  durableConsumerProperties,
  durableProducerProperties,
  kafkaJsDurableSettings,
} from "../core";
import {
  type DeletionGuard,
  type DurableTopicPlan,
  DurableTopicArgsError,
  TopicNameRegistry,
  deletionGuardOptions,
  planDurableTopic,
} from "./durable-topic-plan";

export interface DurableTopicArgs {
  /**
   * The Kafka topic name. Defaults to the resource name. Topic names are a contract with applications,
   * so no random suffix is added. A plain string (not an Output) so it is validated at preview.
   */
  topicName?: string;
  /** Number of partitions. Default 3. */
  partitions?: number;
  /** Copies of every partition. Default 3; must be at least the minimum (3) and above minInsyncReplicas. */
  replicationFactor?: number;
  /** Replicas that must have a write before acks=all succeeds. Default 2; must be at least 2 and below replicationFactor. */
  minInsyncReplicas?: number;
  /**
   * Further topic config (Kafka property names), passed through. Durability keys in it are checked by
   * the same rules as the policy pack; `unclean.leader.election.enable` is written as "false" unless given.
   */
  config?: Record<string, string>;
  /**
   * Guard against the delete or replace that destroys every message in the topic. Default "protect":
   * Pulumi refuses to delete it until `pulumi state unprotect`. "retain" deletes it from the stack but
   * leaves it in Kafka; "none" lets Pulumi delete it. Only "protect" is visible to policy packs, so the
   * pack's kafka-topic-deletion-protection policy (advisory by default) reports "retain" and "none".
   */
  deletionGuard?: DeletionGuard;
  /** Stricter thresholds than the defaults (RF 3, min ISR 2); weaker ones are refused. */
  thresholds?: Partial<DurabilityThresholds>;
}

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

  /** Producer, send and consumer options for KafkaJS with the same guarantees. */
  kafkaJsSettings(groupId: string): KafkaJsDurableSettings {
    return kafkaJsDurableSettings(this.plan.topicName, groupId);
  }
}
