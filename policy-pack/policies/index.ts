import type { Policies } from "@pulumi/policy";
import { TOPIC_RESOURCE_SHAPES } from "../platforms";
import { brokerPoliciesFor } from "./broker-policies";
import type { CoveredPolicy } from "./covered";
import { coveredDeletionProtection } from "./deletion-protection";
import { exemptionNoticeFor } from "./exemption-notice";
import { coveredConnectTopicsPolicy } from "./connect-topics-policy";
import { coveredProducerPolicies } from "./producer-policies";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { stackPoliciesFor } from "./stack-policies";
import { coveredTopicPolicies } from "./topic-policies";
import { uncheckedResourcePolicyFor } from "./unchecked-resources";

/**
 * The pack's policies in evaluation order, each with the resource kinds it checks, built on one settings block.
 * The topic policies come first (their names and order are stable); the exemption notice comes last because it
 * reports what the others recorded.
 */
export function coveredPoliciesWith(pack: PackSettings): CoveredPolicy[] {
  const covered: CoveredPolicy[] = [
    ...coveredTopicPolicies(pack),
    coveredDeletionProtection(pack),
    ...brokerPoliciesFor(pack),
    ...coveredProducerPolicies(pack),
    coveredConnectTopicsPolicy(pack),
    // Every other Kafka resource: no kind of its own to list.
    { policy: uncheckedResourcePolicyFor(pack), checks: [] },
    ...stackPoliciesFor(pack),
    { policy: exemptionNoticeFor(pack), checks: TOPIC_RESOURCE_SHAPES },
  ];
  // An enforcement level in the settings replaces the policy's default; Pulumi's configuration still wins.
  return covered.map(({ policy, ...rest }) => ({
    ...rest,
    policy: { ...policy, enforcementLevel: pack.enforcementLevel(policy.name) ?? policy.enforcementLevel },
  }));
}

/** The policies with the default settings (what the docs describe). */
export const coveredPolicies: readonly CoveredPolicy[] = coveredPoliciesWith(DEFAULT_PACK_SETTINGS);

export const policies: Policies = coveredPolicies.map((covered) => covered.policy);
