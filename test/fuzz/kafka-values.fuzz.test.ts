import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKafkaBoolean, parseKafkaInt } from "../../core";
import { ASCII_ONLY, booleanText, junk, numericText, oddNumber } from "./arbitraries";
import { kafkaBoolean, kafkaInt } from "./kafka-model";

describe("kafkaguard reads config values the way Kafka does", () => {
  it("an integer it accepts is the integer Kafka reads; one Kafka reads in ASCII digits it accepts", () => {
    fc.assert(
      fc.property(fc.oneof(numericText, oddNumber, junk), (raw) => {
        const ours = parseKafkaInt(raw);
        const kafka = kafkaInt(raw, Number.MIN_SAFE_INTEGER);
        if (ours.ok) expect(kafka).toEqual({ accepted: true, value: ours.value + 0 });
        if (kafka.accepted && typeof raw === "string" && ASCII_ONLY.test(raw)) {
          // "-0" is 0 to Java; compare without the sign of zero.
          expect(ours.ok && ours.value + 0).toBe(kafka.value);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("a boolean it accepts is the boolean Kafka reads; one Kafka reads in ASCII letters it accepts", () => {
    fc.assert(
      fc.property(fc.oneof(booleanText, fc.boolean(), junk), (raw) => {
        const ours = parseKafkaBoolean(raw);
        const kafka = kafkaBoolean(raw);
        if (ours.ok) expect(kafka).toEqual({ accepted: true, value: ours.value });
        if (kafka.accepted && typeof raw === "string" && ASCII_ONLY.test(raw)) {
          expect(ours).toEqual({ ok: true, value: kafka.value });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws and always explains a refusal", () => {
    fc.assert(
      fc.property(junk, (raw) => {
        for (const parsed of [parseKafkaInt(raw), parseKafkaBoolean(raw)]) {
          if (!parsed.ok) expect(parsed.problem).toMatch(/\S/);
        }
      }),
    );
  });
});
