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
    // The Kubernetes plugin's modules, each with its go.sum checksum.
    expect(pins["K8S_PLUGIN_VERSION"]).toMatch(/^v4\.\d+\.\d+-\d{14}-[0-9a-f]{12}$/);
    expect(pins["K8S_PLUGIN_SDK"]).toMatch(/^v4\.\d+\.\d+$/);
    for (const key of ["K8S_PLUGIN_SUM", "K8S_PLUGIN_SDK_SUM"]) expect(pins[key]).toMatch(/^h1:[A-Za-z0-9+/]{43}=$/);
  });

  it("is what scripts/lib/common.sh hands the scripts", () => {
    expect(env["PULUMI_VERSION"]).toBe(linePin(pins, line, "PULUMI"));
    expect(env["KAFKA_VERSION"]).toBe(linePin(pins, line, "KAFKA"));
    expect(env["PULUMI_POLICY_VERSION"]).toBe(pins["PULUMI_POLICY"]);
    expect(env["PULUMI_KAFKA_VERSION"]).toBe(pins["PULUMI_KAFKA"]);
    expect(path.basename(env["KAFKAGUARD_KUBERNETES_PLUGIN_DIR"] ?? "")).toBe(
      (pins["K8S_PLUGIN_VERSION"] ?? "").replace(/^v/, ""),
    );
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
