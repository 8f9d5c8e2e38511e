import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import {
  type ProducerRisk,
  type RuleMetadata,
  durableProducerOverrides,
  idempotentProducerOverrides,
  weakProducerMessage,
} from "../../core";
import { PRODUCER_CONFIG_SHAPES } from "../platforms";
import { holdsProducerSettings } from "../resources/producer-resources";
import { checkConfigPlaces } from "./config-places";
import type { CoveredPolicy } from "./covered";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";

const PRODUCER_PLACES = { to: holdsProducerSettings, otherwise: "holds no producer settings" };

/** A policy over the producer overrides of one risk: losing records (mandatory) or duplicating them (advisory). */
function producerPolicy(
  rule: RuleMetadata,
  risk: ProducerRisk,
  enforcementLevel: EnforcementLevel,
  pack: PackSettings,
): ResourceValidationPolicy {
  // It reads no settings; reading them still refuses keys given to it by mistake.
  const settingsOf = pack.reader(rule.id);
  return {
    ...policyMetadata(rule),
    enforcementLevel,
    validateResource: (args, reportViolation) => {
      settingsOf(args);
      checkConfigPlaces(args, reportViolation, PRODUCER_PLACES, (config, place) => {
        const weak = place.weakProducerSettings(config, risk);
        if (!weak.ok) {
          // An unreadable config could hide a loss: the mandatory policy reports it, once.
          return risk === "loss" ? [`${place.subject}: ${weak.problem}.`] : [];
        }
        return weak.value.map((setting) => weakProducerMessage(place.subject, place.where, setting));
      });
    },
  };
}

export const durableProducerPolicyFor = (pack: PackSettings) =>
  producerPolicy(durableProducerOverrides, "loss", "mandatory", pack);
export const idempotentProducerPolicyFor = (pack: PackSettings) =>
  producerPolicy(idempotentProducerOverrides, "duplicates", "advisory", pack);

export function coveredProducerPolicies(pack: PackSettings): CoveredPolicy[] {
  return [
    { policy: durableProducerPolicyFor(pack), checks: PRODUCER_CONFIG_SHAPES.filter(PRODUCER_PLACES.to) },
    { policy: idempotentProducerPolicyFor(pack), checks: PRODUCER_CONFIG_SHAPES.filter(PRODUCER_PLACES.to) },
  ];
}

export const durableProducerPolicy = durableProducerPolicyFor(DEFAULT_PACK_SETTINGS);
export const idempotentProducerPolicy = idempotentProducerPolicyFor(DEFAULT_PACK_SETTINGS);
