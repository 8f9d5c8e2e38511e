import * as pulumi from "@pulumi/pulumi";
import {
  type DurableTopicArgs,
  DurableTopic as TypeScriptDurableTopic,
  durableConsumerProperties,
} from "../components";

/** Consumer settings without group.id, which each application chooses for itself. */
function consumerSettingsWithoutGroup(): Record<string, string> {
  return Object.fromEntries(Object.entries(durableConsumerProperties("")).filter(([key]) => key !== "group.id"));
}

/**
 * A Kafka topic that keeps acknowledged messages through a broker failure: replication factor 3,
 * min.insync.replicas 2, unclean leader election off, protected from deletion, and the producer and consumer
 * settings to match. Unsafe arguments fail the preview, one line per problem, before anything is created.
 */
export class DurableTopic extends pulumi.ComponentResource {
  /** The Kafka topic name. */
  public readonly topicName: pulumi.Output<string>;
  /** Number of partitions. */
  public readonly partitions: pulumi.Output<number>;
  /** Copies of every partition. */
  public readonly replicationFactor: pulumi.Output<number>;
  /** Replicas that must have a write before acks=all succeeds (the topic's min.insync.replicas). */
  public readonly minInsyncReplicas: pulumi.Output<number>;
  /** Brokers that may fail without losing an acknowledged write: min.insync.replicas − 1. */
  public readonly brokerFailuresWithoutDataLoss: pulumi.Output<number>;
  /** Brokers that may be down while acks=all writes still succeed: replicationFactor − min.insync.replicas. */
  public readonly brokerFailuresWhileWritable: pulumi.Output<number>;
  /** Durable producer properties (Java/librdkafka names): acks=all, idempotence on, retries until the delivery timeout. */
  public readonly producerProperties: pulumi.Output<Record<string, string>>;
  /**
   * Durable consumer properties (Java/librdkafka names): no auto-commit, and a partition without a committed offset
   * is read from its start. Add your application's group.id.
   */
  public readonly consumerProperties: pulumi.Output<Record<string, string>>;

  // The package's face for every Pulumi language: the TypeScript component does the work (the same validation,
  // defaults and deletion guard), this class states its arguments and outputs in a form the schema can carry.
  constructor(name: string, args: DurableTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("kafkaguard:index:DurableTopic", name, {}, opts);
    const topic = new TypeScriptDurableTopic(name, args ?? {}, { parent: this });
    this.topicName = topic.topicName;
    this.partitions = topic.partitions;
    this.replicationFactor = topic.replicationFactor;
    this.minInsyncReplicas = topic.minInsyncReplicas;
    this.brokerFailuresWithoutDataLoss = topic.brokerFailuresWithoutDataLoss;
    this.brokerFailuresWhileWritable = topic.brokerFailuresWhileWritable;
    const producer: Record<string, string> = { ...topic.producerProperties };
    this.producerProperties = pulumi.output(producer);
    this.consumerProperties = pulumi.output(consumerSettingsWithoutGroup());
    this.registerOutputs({});
  }
}
