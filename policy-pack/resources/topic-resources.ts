import type { TopicDeclaration, TopicFix } from "../../core";

/**
 * How one provider's topic resource maps onto kafkaguard's topic declaration. Matched by type token
 * so the pack never loads provider SDKs.
 */
export interface TopicResourceShape {
  type: string;
  read(props: Record<string, unknown>, resourceName: string): TopicDeclaration;
  /** Returns new props with the fix applied; everything else is kept as declared. */
  apply(props: Record<string, unknown>, fix: TopicFix): Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `kafka.Topic` from @pulumi/kafka: `replicationFactor` plus a string map `config`. */
export const pulumiKafkaTopic: TopicResourceShape = {
  type: "kafka:index/topic:Topic",
  read(props, resourceName) {
    return {
      topicName: typeof props["name"] === "string" ? props["name"] : resourceName,
      replicationFactorKey: "replicationFactor",
      // Getters, so a value unknown at preview only affects the policies that read it.
      get replicationFactor() {
        return props["replicationFactor"];
      },
      get config() {
        return props["config"];
      },
    };
  },
  apply(props, fix) {
    const fixed: Record<string, unknown> = { ...props };
    if (fix.replicationFactor !== undefined) fixed["replicationFactor"] = fix.replicationFactor;
    if (fix.config !== undefined) fixed["config"] = { ...asRecord(props["config"]), ...fix.config };
    return fixed;
  },
};

export const TOPIC_RESOURCE_SHAPES: readonly TopicResourceShape[] = [pulumiKafkaTopic];

export function topicShapeFor(type: string): TopicResourceShape | undefined {
  return TOPIC_RESOURCE_SHAPES.find((shape) => shape.type === type);
}
