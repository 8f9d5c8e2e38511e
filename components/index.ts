/** kafkaguard components: Kafka resources with durable defaults. */
export { DurableTopic, type DurableTopicArgs } from "./durable-topic";
export {
  DEFAULT_MIN_INSYNC_REPLICAS,
  DEFAULT_PARTITIONS,
  DEFAULT_REPLICATION_FACTOR,
  DeletionGuard,
  DurableTopicArgsError,
} from "./durable-topic-plan";
export {
  CLIENT_PRESETS,
  type ClientPreset,
  type ConfluentKafkaJsDurableSettings,
  confluentKafkaJsDurableSettings,
  type DurableConsumerProperties,
  type DurableProducerProperties,
  type KafkaJsDurableSettings,
  durableConsumerProperties,
  durableProducerProperties,
  kafkaJsDurableSettings,
} from "../core";
