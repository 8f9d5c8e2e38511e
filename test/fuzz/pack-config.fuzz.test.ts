import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RE2JS } from "re2js";
import { KafkaguardConfigError, findExemption, parseKafkaguardSettings } from "../../core";
import {
  MIN_INSYNC_REPLICAS,
  UNCLEAN_LEADER_ELECTION,
  junk,
  lookAlikeKey,
  numericText,
  oddNumber,
} from "./arbitraries";

/** Runs the pack's configuration parser; returns the error it refused the configuration with, if any. */
function refusal(config: unknown): Error | undefined {
  try {
    parseKafkaguardSettings(config);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

function expectOneLineRefusal(config: unknown, mentions: RegExp): void {
  const error = refusal(config);
  expect(error, `${JSON.stringify(config)} was accepted`).toBeInstanceOf(KafkaguardConfigError);
  expect(error?.message).toMatch(mentions);
  expect(error?.message).not.toMatch(/[\r\n\u2028\u2029]/);
}

function isValidRegExp(pattern: string): boolean {
  try {
    RE2JS.compile(pattern);
    return true;
  } catch {
    return false;
  }
}

const threshold = fc.oneof(oddNumber, numericText, junk);
const clusterDefaultKey = fc.oneof(
  fc.constantFrom("default.replication.factor", MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION),
  lookAlikeKey(MIN_INSYNC_REPLICAS),
  fc.constantFrom("toString", "constructor", "hasOwnProperty", "__proto__", "valueOf"),
);
const regexFragment = fc
  .array(fc.constantFrom("a", "b", "-", ".", "*", "+", "?", "|", "(", ")", "[", "]", "{2}", "\\", "^", "$", "\n"), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));
const exemption = fc.record(
  { pattern: fc.oneof(regexFragment, junk), reason: fc.oneof(fc.constantFrom("legacy", " ", ""), junk) },
  { requiredKeys: [] },
);
const topLevelKey = fc.constantFrom("minInSyncReplicas", "minReplicationfactor", "exemption", "clusterDefault", "x");

/** Configurations as users might write them: right keys with odd values, odd keys, junk. */
const policyConfig = fc.oneof(
  fc.record(
    {
      minReplicationFactor: threshold,
      minInsyncReplicas: threshold,
      clusterDefaults: fc.oneof(fc.dictionary(clusterDefaultKey, fc.oneof(numericText, junk), { maxKeys: 3 }), junk),
      exemptions: fc.oneof(fc.array(fc.oneof(exemption, junk), { maxLength: 3 }), junk),
    },
    { requiredKeys: [] },
  ),
  fc.dictionary(topLevelKey, junk, { minKeys: 1, maxKeys: 2 }),
  junk,
);

describe("the pack's configuration parser", () => {
  it("either accepts a configuration or refuses it with a one-line KafkaguardConfigError", () => {
    fc.assert(
      fc.property(policyConfig, (config) => {
        const error = refusal(config);
        if (error === undefined) return;
        expect(error).toBeInstanceOf(KafkaguardConfigError);
        expect(error.message).toMatch(/\S/);
        expect(error.message).not.toMatch(/[\r\n\u2028\u2029]/);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts thresholds only as whole numbers no weaker than RF 2 and min ISR 2", () => {
    fc.assert(
      fc.property(fc.constantFrom("minReplicationFactor", "minInsyncReplicas"), threshold, (key, value) => {
        const accepted = refusal({ [key]: value }) === undefined;
        const valid = value === undefined || value === null || (Number.isInteger(value) && (value as number) >= 2);
        expect(accepted).toBe(valid);
        if (!accepted) expectOneLineRefusal({ [key]: value }, new RegExp(`^settings: ${key} `));
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a misspelt or unknown key instead of ignoring it", () => {
    fc.assert(
      fc.property(topLevelKey, fc.integer({ min: 2, max: 5 }), (key, value) => {
        expectOneLineRefusal({ [key]: value }, new RegExp(`unknown key "${key}"`));
      }),
    );
    fc.assert(
      fc.property(clusterDefaultKey, (key) => {
        const canonical = ["default.replication.factor", MIN_INSYNC_REPLICAS, UNCLEAN_LEADER_ELECTION].includes(key);
        if (canonical) return;
        expectOneLineRefusal({ clusterDefaults: JSON.parse(`{${JSON.stringify(key)}: "2"}`) }, /unknown key/);
      }),
    );
  });

  it("accepts an exemption pattern only when it is a valid regular expression on its own", () => {
    fc.assert(
      fc.property(regexFragment, (pattern) => {
        const config = { exemptions: [{ pattern, reason: "load tests" }] };
        if (pattern.length > 0 && isValidRegExp(pattern)) {
          expect(refusal(config)).toBeUndefined();
        } else {
          expectOneLineRefusal(config, /^settings: exemptions\[0\]\.pattern /);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("matches an exemption against the whole topic name, whatever the pattern's alternatives", () => {
    // Wrapped naively in ^(?:…)$, "x)|(.*" would compile and exempt every topic.
    expectOneLineRefusal({ exemptions: [{ pattern: "x)|(.*", reason: "r" }] }, /not a valid RE2 regular expression/);
    const { exemptions } = parseKafkaguardSettings({ exemptions: [{ pattern: "legacy|scratch-.*", reason: "r" }] })
      .policies["kafka-topic-min-replication-factor"]?.settings ?? { exemptions: [] };
    expect(findExemption("legacy", exemptions)).toBeDefined();
    expect(findExemption("scratch-1", exemptions)).toBeDefined();
    expect(findExemption("legacy-orders", exemptions)).toBeUndefined();
    expect(findExemption("orders-scratch-1", exemptions)).toBeUndefined();
  });
});
