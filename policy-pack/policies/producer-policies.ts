import type { ResourceValidationPolicy } from "@pulumi/policy";
import { durableProducerOverrides, findWeakProducerSettings, weakProducerMessage } from "../../core";
import { isRecord } from "../resources/props";
import { PRODUCER_CONFIG_SHAPES, producerShapeFor } from "../platforms";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { UnknownTracker } from "./unknowns";

export function durableProducerPolicyFor(pack: PackSettings): ResourceValidationPolicy {
  // It reads no settings; reading them still refuses keys given to it by mistake.
  const settingsOf = pack.reader(durableProducerOverrides.id);
  return {
    ...policyMetadata(durableProducerOverrides),
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
      settingsOf(args);
      const shape = producerShapeFor(args.type);
      if (shape === undefined) return args.notApplicable(`${args.type} does not carry Kafka producer settings`);
      const unknowns = new UnknownTracker();
      for (const place of shape.places(args.props, args.name)) {
        const config = unknowns.attempt(place.config);
        if (!isRecord(config)) continue;
        const weak = unknowns.attempt(() => findWeakProducerSettings(config, place.prefix)) ?? [];
        for (const setting of weak) reportViolation(weakProducerMessage(place.subject, place.where, setting));
      }
      unknowns.finish();
    },
  };
}

export function coveredProducerPolicy(pack: PackSettings): CoveredPolicy {
  return { policy: durableProducerPolicyFor(pack), checks: PRODUCER_CONFIG_SHAPES };
}

export const durableProducerPolicy = durableProducerPolicyFor(DEFAULT_PACK_SETTINGS);
