import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { ResourceKind } from "../resources/props";

export type { ResourceKind };

/** A policy with the resource kinds it reports on and reads, taken from the adapter tables the policy itself uses. */
export interface CoveredPolicy {
  policy: ResourceValidationPolicy | StackValidationPolicy;
  /** Kinds whose resources get this policy's violations. */
  checks: readonly ResourceKind[];
  /** Further kinds whose values the check uses (a stack policy reading a cluster for its topics). */
  reads?: readonly ResourceKind[];
}
