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
  topicNameProblem,
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

/**
 * Topic names already declared, per Kafka provider: a name must be unique within one cluster, while a DR pair or
 * a MirrorMaker 2 target legitimately declares the same name on another provider.
 */
const namesByProvider = new WeakMap<pulumi.ProviderResource, TopicNameRegistry>();
const namesOnDefaultProvider = new TopicNameRegistry();

function topicNamesOf(provider: pulumi.ProviderResource | undefined): TopicNameRegistry {
  if (provider === undefined) return namesOnDefaultProvider;
  let registry = namesByProvider.get(provider);
  if (registry === undefined) {
    registry = new TopicNameRegistry();
    namesByProvider.set(provider, registry);
  }
  return registry;
}

/** Outputs and promises are resolved later; everything else is checked at preview. */
function isDeferred(value: unknown): boolean {
  return pulumi.Output.isInstance(value) || value instanceof Promise;
}

const TOPIC_TYPE = "kafka:index/topic:Topic";

/** The Kafka provider the topic will use, read from the options before anything is registered. */
function kafkaProviderOf(opts: pulumi.ComponentResourceOptions): pulumi.ProviderResource | undefined {
  // getPackage() is public at run time (the SDK's own provider maps use it) but missing from its typings.
  const isKafka = (provider: pulumi.ProviderResource) =>
    (provider as unknown as { getPackage(): string }).getPackage() === "kafka";
  if (opts.provider !== undefined && isKafka(opts.provider)) return opts.provider;
  const providers = opts.providers;
  const given = Array.isArray(providers) ? providers.find(isKafka) : providers?.["kafka"];
  return given ?? opts.parent?.getProvider(TOPIC_TYPE);
}

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
    const plan = planDurableTopic(name, args, isDeferred);
    // The provider the topic will use (given to this component or inherited from its parent) names its cluster.
    const names = topicNamesOf(kafkaProviderOf(opts));
    const claim = (topicName: string): string => {
      const problem = topicNameProblem(topicName) ?? names.claim(topicName);
      if (problem !== undefined) throw new DurableTopicArgsError(name, [problem]);
      return topicName;
    };
    // A plain name is checked now, before anything is registered; an Output once it is known.
    const plainName = isDeferred(plan.topicName) ? undefined : claim(plan.topicName as string);
    super("kafkaguard:index:DurableTopic", name, {}, opts);
    this.plan = plan;
    const topicName = plainName ?? pulumi.output(plan.topicName).apply(claim);
    this.topic = new kafka.Topic(
      name,
      {
        name: topicName,
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
      topicName,
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
    if (typeof this.plan.topicName !== "string") {
      throw new Error(
        `DurableTopic: kafkaJsSettings needs a plain topicName; with an Output, call kafkaJsDurableSettings(name, groupId) inside topicName.apply`,
      );
    }
    return kafkaJsDurableSettings(this.plan.topicName, groupId);
  }
}
