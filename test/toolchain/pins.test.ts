import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { linePin, readPins } from "../support/pins";
import { toolchainEnv } from "../support/toolchain";

// The package.json files of the checkout (or of a line's workspace) name the same versions as the pins.
describe("scripts/pins.env", () => {
  const pins = readPins();
  const env = toolchainEnv();
  const line = env["KAFKAGUARD_LINE"] ?? "floor";

  it("pins every version of both lines", () => {
    for (const l of ["floor", "current"]) {
      for (const key of ["PULUMI", "PULUMI_SUM", "PULUMI_GO", "KAFKA"]) expect(linePin(pins, l, key)).not.toBe("");
    }
    expect(pins["FLOOR_NODE_MAJOR"]).toMatch(/^\d+$/);
    expect(pins["CURRENT_NODE"]).toMatch(/^\d+\.\d+\.\d+$/);
    for (const key of ["PULUMI_POLICY", "PULUMI_KAFKA", "PULUMI_CLIPBOARD_FORK"]) expect(pins[key]).toBeTruthy();
  });

  it("is what scripts/lib/common.sh hands the scripts", () => {
    expect(env["PULUMI_VERSION"]).toBe(linePin(pins, line, "PULUMI"));
    expect(env["KAFKA_VERSION"]).toBe(linePin(pins, line, "KAFKA"));
    expect(env["PULUMI_POLICY_VERSION"]).toBe(pins["PULUMI_POLICY"]);
    expect(env["PULUMI_KAFKA_VERSION"]).toBe(pins["PULUMI_KAFKA"]);
  });

  // The package declares ranges (peerDependencies); the exact versions it is built and tested with are its
  // devDependencies.
  it("matches the SDK versions package.json is tested with", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies["@pulumi/pulumi"]).toBe(linePin(pins, line, "PULUMI"));
    expect(pkg.devDependencies["@pulumi/policy"]).toBe(pins["PULUMI_POLICY"]);
    expect(pkg.devDependencies["@pulumi/kafka"]).toBe(pins["PULUMI_KAFKA"]);
  });
});
