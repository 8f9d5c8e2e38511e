/** Small readers for resource properties as policies receive them (plain JSON, unknowns throw on read). */
import { isRecord, valueAt } from "../../core";

export { isRecord, valueAt };

export type Props = Record<string, unknown>;

/** A kind of resource the pack reads: its type tokens and the name users know it by. */
export interface ResourceKind {
  types: readonly string[];
  label: string;
}

/** The object at a key, or an empty one when it is absent or not an object. */
export function recordAt(props: Props, key: string): Props {
  const value = props[key];
  return isRecord(value) ? value : {};
}

/** The string at a key, or undefined. */
export function stringAt(props: Props, key: string): string | undefined {
  const value = props[key];
  return typeof value === "string" ? value : undefined;
}

/** A copy of props with one nested object merged, e.g. spec.config. */
export function mergeAt(props: Props, path: readonly string[], changes: Props): Props {
  const [head, ...rest] = path;
  if (head === undefined) return { ...props, ...changes };
  return { ...props, [head]: mergeAt(recordAt(props, head), rest, changes) };
}

/** Strimzi's custom resources, by kind, for the API versions Strimzi serves (v1beta2, and v1 from Strimzi 0.49). */
export const STRIMZI_API_VERSIONS = ["v1beta2", "v1"] as const;

export function strimziTypes(kind: string): string[] {
  return STRIMZI_API_VERSIONS.map((version) => `kubernetes:kafka.strimzi.io/${version}:${kind}`);
}

/** The Kubernetes identity of a custom resource: what Strimzi's strimzi.io/cluster label points at. */
export function kubernetesName(props: Props): { name: string | undefined; namespace: string | undefined } {
  const metadata = recordAt(props, "metadata");
  return { name: stringAt(metadata, "name"), namespace: stringAt(metadata, "namespace") };
}

/** A Kubernetes resource named by namespace and name, as a cluster link key. */
export function namespacedKey(name: string, namespace: string | undefined): string {
  return `${namespace ?? ""}/${name}`;
}

export const STRIMZI_CLUSTER_LABEL = "strimzi.io/cluster";

/** The Strimzi cluster a resource belongs to, by its strimzi.io/cluster label. */
export function strimziClusterLabel(props: Props): string | undefined {
  return stringAt(recordAt(recordAt(props, "metadata"), "labels"), STRIMZI_CLUSTER_LABEL);
}

/** A string property, or the fallback (the resource's name) when it is not one. */
export function nameOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
