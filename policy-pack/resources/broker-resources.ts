import type { BrokerDeclaration, BrokerDefaultKey } from "../../core";
import type { Props } from "./props";

/**
 * How one provider's resource declares broker-wide defaults. Matched by type token; each platform adapter
 * (policy-pack/platforms) declares its own.
 */
export interface BrokerConfigShape {
  types: readonly string[];
  /** The resource as users know it, for the coverage table. */
  label: string;
  /**
   * Keys the platform has no setting for, with why; the same as its declarations' `ignores`. A rule every key of
   * which is ignored is not applicable to the shape.
   */
  ignores?: BrokerDeclaration["ignores"];
  read(props: Props, resourceName: string): BrokerDeclaration;
}

/** Why a rule reading these keys does not apply to the shape (it ignores every one), or undefined when it does. */
export function ignoredKeys(shape: BrokerConfigShape, reads: readonly BrokerDefaultKey[]): string | undefined {
  const reasons = reads.map((key) => shape.ignores?.[key]);
  return reasons.every((reason) => reason !== undefined) ? [...new Set(reasons)].join("; ") : undefined;
}
