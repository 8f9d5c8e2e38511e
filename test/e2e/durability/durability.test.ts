import { kafkaJsClient } from "./kafkajs-client";
import { durabilityProof } from "./proof";

/**
 * The durability proof with KafkaJS 2.2.4 on kafkaJsDurableSettings. KafkaJS cannot talk to Kafka 4, so this runs on
 * Kafka 3.x only (vitest.config.ts): the record of what its preset does, and of its pitfall.
 */
durabilityProof(kafkaJsClient);
