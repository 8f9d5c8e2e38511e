import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { findWeakRedpandaConnectSettings } from "../../core";

/** Values a config may hold for a field: unset, booleans and YAML 1.1 words, the acks enum, and mistakes. */
const fieldValue = fc.constantFrom(undefined, true, false, "yes", "off", "true", "all", "leader", "none", 1, "${ACKS}");

/** What Redpanda Connect reads a bool field as (yaml.v3 into a Go bool), or "refused". */
function readBool(value: unknown): boolean | "refused" {
  if (typeof value === "boolean") return value;
  if (value === "yes") return true;
  if (value === "off") return false;
  return "refused";
}

/** Whether an output with these fields loses writes, by Redpanda Connect's config specs. */
function losesWrites(type: string, fields: { ack_replicas?: unknown; acks?: unknown }): boolean {
  if (type === "kafka") return fields.ack_replicas === undefined || readBool(fields.ack_replicas) !== true;
  return fields.acks !== undefined && fields.acks !== "all";
}

/** One Kafka output, wrapped in outputs that nest others, with the path the reader should report. */
const nestedOutput = fc
  .record({
    type: fc.constantFrom("kafka", "kafka_franz", "redpanda", "redpanda_migrator"),
    ack_replicas: fieldValue,
    acks: fieldValue,
    wrappers: fc.array(fc.constantFrom("broker", "fallback", "switch", "retry"), { maxLength: 3 }),
  })
  .map(({ type, ack_replicas, acks, wrappers }) => {
    const fields = type === "kafka" ? { ack_replicas } : { acks };
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    let output: Record<string, unknown> = { [type]: { topic: "t", ...defined } };
    let path = `.${type}`;
    for (const wrapper of wrappers) {
      if (wrapper === "broker")
        [output, path] = [{ broker: { outputs: [{ stdout: {} }, output] } }, `.broker.outputs[1]${path}`];
      if (wrapper === "fallback") [output, path] = [{ fallback: [output] }, `.fallback[0]${path}`];
      if (wrapper === "switch")
        [output, path] = [{ switch: { cases: [{ output }] } }, `.switch.cases[0].output${path}`];
      if (wrapper === "retry") [output, path] = [{ retry: { output } }, `.retry.output${path}`];
    }
    return { type, fields, output, path: `output${path}` };
  });

describe("Redpanda Connect configs, generated", () => {
  it("a Kafka output at any depth is reported for losing writes exactly when its config spec says it does", () => {
    fc.assert(
      fc.property(nestedOutput, ({ type, fields, output, path }) => {
        const found = findWeakRedpandaConnectSettings(stringify({ input: { kafka: {} }, output }), "loss");
        if (!found.ok) throw new Error(found.problem);
        const field = type === "kafka" ? "ack_replicas" : "acks";
        expect(found.value.map((weak) => weak.key)).toEqual(losesWrites(type, fields) ? [`${path}.${field}`] : []);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on any text, and explains what it cannot read", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.constant("a: &x [*x]")), (text) => {
        const found = findWeakRedpandaConnectSettings(text);
        if (!found.ok) expect(found.problem).toMatch(/^is not valid YAML \(.+\)$/);
      }),
      { numRuns: 1000 },
    );
  });
});
