import type { EnforcementLevel } from "@pulumi/policy";
import { coveredPolicies } from "./policies";
import type { ResourceKind } from "./resources/props";

/** What one policy covers, for documentation: generated from the tables the policies themselves match with. */
export interface PolicyCoverage {
  policy: string;
  /** "resource": runs on each resource as it is registered; "stack": runs once on the whole stack. */
  scope: "resource" | "stack";
  enforcementLevel: EnforcementLevel;
  /** Resource kinds that receive this policy's violations, with their type tokens. */
  checks: ResourceKind[];
  /** Further resource kinds whose values the policy reads (e.g. the cluster of a topic). */
  reads: ResourceKind[];
}

function copy(kinds: readonly ResourceKind[] | undefined): ResourceKind[] {
  return (kinds ?? []).map((kind) => ({ label: kind.label, types: [...kind.types] }));
}

/** Every policy of the pack, in pack order, with the resource kinds and type tokens it covers. */
export const coverage: readonly PolicyCoverage[] = coveredPolicies.map(({ policy, checks, reads }) => ({
  policy: policy.name,
  scope: "validateStack" in policy ? "stack" : "resource",
  enforcementLevel: policy.enforcementLevel ?? "advisory",
  checks: copy(checks),
  reads: copy(reads),
}));

/** Every resource kind the pack reads, each with the policies that check it: the rows of a kind × policy table. */
export function coverageByResourceKind(): { kind: ResourceKind; checkedBy: string[]; readBy: string[] }[] {
  const rows = new Map<string, { kind: ResourceKind; checkedBy: string[]; readBy: string[] }>();
  const row = (kind: ResourceKind) => {
    const key = kind.types.join(",");
    let found = rows.get(key);
    if (found === undefined) {
      found = { kind, checkedBy: [], readBy: [] };
      rows.set(key, found);
    }
    return found;
  };
  for (const entry of coverage) {
    for (const kind of entry.checks) row(kind).checkedBy.push(entry.policy);
    for (const kind of entry.reads) row(kind).readBy.push(entry.policy);
  }
  return [...rows.values()];
}
