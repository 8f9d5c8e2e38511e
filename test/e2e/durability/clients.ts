import type { DurabilityClient, DurabilityClientId } from "./client";

/**
 * The client libraries by id, each loaded only when asked for: @confluentinc/kafka-javascript's native part loads
 * only on the Node.js it was built for.
 */
export const DURABILITY_CLIENTS: Record<DurabilityClientId, () => Promise<DurabilityClient>> = {
  kafkajs: async () => (await import("./kafkajs-client")).kafkaJsClient,
  confluent: async () => (await import("./confluent-client")).confluentClient,
};
