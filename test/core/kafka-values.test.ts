import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKafkaBoolean, parseKafkaInt, parsePositiveKafkaInt } from "../../core";

describe("parseKafkaInt", () => {
  it.each([
    [2, 2],
    ["2", 2],
    [" 2 ", 2],
    ["\t3\n", 3],
    ["+4", 4],
    ["-1", -1],
    ["0", 0],
    ["2147483647", 2147483647],
  ])("accepts %j as %d", (raw, expected) => {
    expect(parseKafkaInt(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["1.5"],
    [1.5],
    ["two"],
    ["0x2"],
    ["2e0"],
    [""],
    ["  "],
    ["2 3"],
    [Number.NaN],
    [Infinity],
    ["2147483648"],
    [null],
    [true],
    [{}],
    [[2]],
  ])("rejects %j as malformed", (raw) => {
    const parsed = parseKafkaInt(raw);
    expect(parsed.ok).toBe(false);
  });
});

describe("parsePositiveKafkaInt", () => {
  it.each([["0"], [0], ["-3"], [-1]])("rejects %j: replica counts start at 1", (raw) => {
    expect(parsePositiveKafkaInt(raw)).toMatchObject({ ok: false, problem: expect.stringContaining("at least 1") });
  });
});

describe("parseKafkaBoolean", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    [" true ", true],
    ["False", false],
    [true, true],
    [false, false],
  ])("accepts %j as %s", (raw, expected) => {
    expect(parseKafkaBoolean(raw)).toEqual({ ok: true, value: expected });
  });

  it.each([["yes"], ["1"], [1], [""], ["t"], [null], ["truee"]])("rejects %j", (raw) => {
    expect(parseKafkaBoolean(raw).ok).toBe(false);
  });
});

describe("parsers on arbitrary input", () => {
  it("never throw and always explain a rejection", () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        for (const parse of [parseKafkaInt, parseKafkaBoolean]) {
          const parsed = parse(raw);
          if (!parsed.ok) expect(parsed.problem.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("round-trip every 32-bit integer written as a padded decimal string", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom("", " ", "\t"), (n, pad) => {
        expect(parseKafkaInt(`${pad}${n}${pad}`)).toEqual({ ok: true, value: n });
      }),
    );
  });
});
