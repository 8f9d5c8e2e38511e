import type { Exemption } from "../../core";

/**
 * Exemptions granted in this pack process, keyed by resource URN. Resource policies record theirs while each
 * resource is analysed and stack policies while the stack is; the exemption notice, the pack's last stack policy,
 * reports and clears them at the end of the stack analysis, so every exemption is echoed whoever applied it.
 */
const grantedByUrn = new Map<string, { policy: string; exemption: Exemption }[]>();

export function recordExemption(urn: string, policy: string, exemption: Exemption): void {
  const granted = grantedByUrn.get(urn) ?? [];
  if (!granted.some((entry) => entry.policy === policy && entry.exemption === exemption)) {
    granted.push({ policy, exemption });
  }
  grantedByUrn.set(urn, granted);
}

/** Returns every exemption recorded so far, by URN, and starts a new ledger. */
export function takeExemptions(): Map<string, { policy: string; exemption: Exemption }[]> {
  const taken = new Map(grantedByUrn);
  grantedByUrn.clear();
  return taken;
}
