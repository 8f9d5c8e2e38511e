import type { Exemption } from "../../core";

/**
 * Exemptions granted while one resource is analysed, keyed by URN. Topic policies write to it and the
 * exemption notice (the last policy of the pack, so it runs after them on the same resource) reads
 * and clears it, which keeps every exemption visible as an advisory note.
 */
const grantedByUrn = new Map<string, { policy: string; exemption: Exemption }[]>();

export function recordExemption(urn: string, policy: string, exemption: Exemption): void {
  const granted = grantedByUrn.get(urn) ?? [];
  granted.push({ policy, exemption });
  grantedByUrn.set(urn, granted);
}

export function takeExemptions(urn: string): { policy: string; exemption: Exemption }[] {
  const granted = grantedByUrn.get(urn) ?? [];
  grantedByUrn.delete(urn);
  return granted;
}
