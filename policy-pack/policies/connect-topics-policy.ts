import type { ResourceValidationPolicy } from "@pulumi/policy";
import { connectInternalTopics } from "../../core";
import { PRODUCER_CONFIG_SHAPES } from "../platforms";
import { holdsInternalTopics } from "../resources/producer-resources";
import { checkConfigPlaces } from "./config-places";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";

const INTERNAL_TOPIC_PLACES = { to: holdsInternalTopics, otherwise: "sets no internal topic's replication" };

/** Kafka Connect's storage topics and MirrorMaker 2's topics, in the config maps of the resources that run them. */
export function connectTopicsPolicyFor(pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(connectInternalTopics.id);
  return {
    ...policyMetadata(connectInternalTopics),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(connectInternalTopics.id),
    validateResource: (args, reportViolation) => {
      const { thresholds } = settingsOf(args);
      checkConfigPlaces(args, reportViolation, INTERNAL_TOPIC_PLACES, (config, place) => {
        const found = place.underReplicatedTopics(config, thresholds.minReplicationFactor);
        // A config that cannot be read is reported once, by kafka-connect-durable-producer.
        if (!found.ok) return [];
        return found.value.map(
          ({ key, problem, wanted }) =>
            `${place.subject}: ${place.where(key)} ${problem}; set ${place.where(key)} to ${wanted}.`,
        );
      });
    },
  };
}

export function coveredConnectTopicsPolicy(pack: PackSettings): CoveredPolicy {
  return { policy: connectTopicsPolicyFor(pack), checks: PRODUCER_CONFIG_SHAPES.filter(INTERNAL_TOPIC_PLACES.to) };
}

export const connectTopicsPolicy = connectTopicsPolicyFor(DEFAULT_PACK_SETTINGS);
