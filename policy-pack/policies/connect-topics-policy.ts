import type { ResourceValidationPolicy } from "@pulumi/policy";
import { connectInternalTopics, findUnderReplicatedConnectTopics } from "../../core";
import { PRODUCER_CONFIG_SHAPES, producerShapeFor } from "../platforms";
import { isRecord } from "../resources/props";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { UnknownTracker } from "./unknowns";

/** Kafka Connect's storage topics and MirrorMaker 2's topics, in the config maps of the resources that run them. */
export function connectTopicsPolicyFor(pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(connectInternalTopics.id);
  return {
    ...policyMetadata(connectInternalTopics),
    enforcementLevel: "mandatory",
    configSchema: configSchemaFor(connectInternalTopics.id),
    validateResource: (args, reportViolation) => {
      const { thresholds } = settingsOf(args);
      const shape = producerShapeFor(args.type);
      if (shape === undefined) return args.notApplicable(`${args.type} does not run Kafka Connect`);
      const unknowns = new UnknownTracker();
      for (const place of shape.places(args.props, args.name)) {
        const config = unknowns.attempt(place.config);
        if (!isRecord(config)) continue;
        const found =
          unknowns.attempt(() =>
            findUnderReplicatedConnectTopics(config, place.role, thresholds.minReplicationFactor),
          ) ?? [];
        for (const { key, problem, wanted } of found) {
          reportViolation(`${place.subject}: ${place.where(key)} ${problem}; set ${place.where(key)} to ${wanted}.`);
        }
      }
      unknowns.finish();
    },
  };
}

export function coveredConnectTopicsPolicy(pack: PackSettings): CoveredPolicy {
  return { policy: connectTopicsPolicyFor(pack), checks: PRODUCER_CONFIG_SHAPES };
}

export const connectTopicsPolicy = connectTopicsPolicyFor(DEFAULT_PACK_SETTINGS);
