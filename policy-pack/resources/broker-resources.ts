import type { BrokerDeclaration, BrokerDefaultKey } from "../../core";
import type { Props, ResourceKind } from "./props";

/** Marks shapes made by brokerConfigShape(), the only way a shape's ignores reach its declarations. */
declare const BUILT: unique symbol;

/** What a platform's reader declares; the keys it ignores are the shape's, added by brokerConfigShape(). */
export type PlatformBrokerDeclaration = Omit<BrokerDeclaration, "ignores">;

/** How one provider's resource declares broker-wide defaults, as a platform adapter writes it. */
export interface BrokerConfigDefinition extends ResourceKind {
  /**
   * Keys the platform has no setting for, with why (Redpanda's Raft needs no min.insync.replicas). A rule every key of
   * which is ignored is not applicable to the shape; the other rules skip these keys.
   */
  ignores?: BrokerDeclaration["ignores"];
  read(props: Props, resourceName: string): PlatformBrokerDeclaration;
}

/**
 * How one provider's resource declares broker-wide defaults. Matched by type token; each platform adapter
 * (policy-pack/platforms) declares its own with brokerConfigShape(), so its declarations carry its ignores.
 */
export interface BrokerConfigShape extends ResourceKind {
  readonly ignores?: BrokerDeclaration["ignores"];
  read(props: Props, resourceName: string): BrokerDeclaration;
  readonly [BUILT]: true;
}

/** A broker config shape whose declarations take their ignores from it: one place to declare them. */
export function brokerConfigShape(definition: BrokerConfigDefinition): BrokerConfigShape {
  const { ignores } = definition;
  if (ignores === undefined) return definition as BrokerConfigShape;
  // Assigned onto the fresh declaration, so its getters stay lazy.
  const read = (props: Props, resourceName: string): BrokerDeclaration =>
    Object.assign(definition.read(props, resourceName), { ignores });
  return { ...definition, read } as BrokerConfigShape;
}

/** Why a rule reading these keys does not apply to the shape (it ignores every one), or undefined when it does. */
export function ignoredKeys(shape: BrokerConfigShape, reads: readonly BrokerDefaultKey[]): string | undefined {
  const reasons = reads.map((key) => shape.ignores?.[key]);
  return reasons.every((reason) => reason !== undefined) ? [...new Set(reasons)].join("; ") : undefined;
}
