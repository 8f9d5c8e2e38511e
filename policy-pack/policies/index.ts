import type { Policies } from "@pulumi/policy";
import { TOPIC_RESOURCE_SHAPES } from "../resources/topic-resources";
import { brokerPolicies } from "./broker-policies";
import type { CoveredPolicy } from "./covered";
import { coveredDeletionProtection } from "./deletion-protection";
import { exemptionNotice } from "./exemption-notice";
import { coveredProducerPolicy } from "./producer-policies";
import { stackPolicies } from "./stack-policies";
import { topicPolicies } from "./topic-policies";

/**
 * The pack's policies in evaluation order, each with the resource kinds it checks. The topic policies come first
 * (their names and order are stable); the exemption notice comes last because it reads what the others recorded.
 */
export const coveredPolicies: readonly CoveredPolicy[] = [
  ...topicPolicies.map((policy) => ({ policy, checks: TOPIC_RESOURCE_SHAPES })),
  coveredDeletionProtection,
  ...brokerPolicies,
  coveredProducerPolicy,
  ...stackPolicies,
  { policy: exemptionNotice, checks: TOPIC_RESOURCE_SHAPES },
];

export const policies: Policies = coveredPolicies.map((covered) => covered.policy);
