import type { BrokerDeclaration } from "../../core";
import type { Props } from "./props";

/**
 * How one provider's resource declares broker-wide defaults. Matched by type token; each platform adapter
 * (policy-pack/platforms) declares its own.
 */
export interface BrokerConfigShape {
  types: readonly string[];
  /** The resource as users know it, for the coverage table. */
  label: string;
  read(props: Props, resourceName: string): BrokerDeclaration;
}
