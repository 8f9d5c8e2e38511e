import type { Policy } from "@pulumi/policy";
import type { RuleMetadata } from "../../core";

/** A rule's own description as policy metadata: the policy is named after the rule and says what it says. */
export function policyMetadata(
  rule: RuleMetadata,
): Pick<Policy, "name" | "displayName" | "description" | "remediationSteps" | "severity"> {
  return {
    name: rule.id,
    displayName: rule.title,
    description: rule.description,
    remediationSteps: rule.remediation,
    severity: rule.severity,
  };
}
