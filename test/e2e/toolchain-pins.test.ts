import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { linePin, readPins } from "../support/pins";
import { toolchainEnv } from "../support/toolchain";

/** What the scripts installed for this toolchain line, asked of the tools themselves, against scripts/pins.env. */
describe("the installed toolchain matches scripts/pins.env", () => {
  const pins = readPins();
  const env = toolchainEnv();
  const line = env["KAFKAGUARD_LINE"] ?? "floor";
  const tool = (command: string, ...args: string[]): string =>
    execFileSync(command, args, { env, encoding: "utf8" }).trim();
  // @pulumi/policy's published package.json spells its version with a leading "v" (v1.21.0).
  const installedVersion = (pkg: string): string =>
    (
      JSON.parse(readFileSync(path.join(REPO_ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }
    ).version.replace(/^v/, "");

  it("Node.js", () => {
    const version = tool("node", "--version");
    if (line === "floor") expect(version).toMatch(new RegExp(`^v${pins["FLOOR_NODE_MAJOR"]}\\.`));
    else expect(version).toBe(`v${linePin(pins, line, "NODE")}`);
  });

  it("the Pulumi CLI and the language host beside it", () => {
    expect(env["KAFKAGUARD_PULUMI_SOURCE"]).toBe("build");
    expect(tool("pulumi", "version")).toBe(`v${linePin(pins, line, "PULUMI")}`);
    expect(tool(path.join(env["KAFKAGUARD_BIN"] ?? "", "pulumi-language-nodejs"), "-version")).toBe(
      linePin(pins, line, "PULUMI"),
    );
  });

  it("the npm SDKs, each installed once", () => {
    expect(installedVersion("@pulumi/pulumi")).toBe(linePin(pins, line, "PULUMI"));
    expect(installedVersion("@pulumi/policy")).toBe(pins["PULUMI_POLICY"]);
    expect(installedVersion("@pulumi/kafka")).toBe(pins["PULUMI_KAFKA"]);
    for (const dependent of ["@pulumi/policy", "@pulumi/kafka"]) {
      expect(existsSync(path.join(REPO_ROOT, "node_modules", dependent, "node_modules/@pulumi/pulumi"))).toBe(false);
    }
  });

  it("the Kafka resource plugin the CLI finds", () => {
    const plugins = JSON.parse(tool("pulumi", "plugin", "ls", "--json")) as {
      name: string;
      kind: string;
      version: string;
    }[];
    const kafka = plugins.filter((p) => p.name === "kafka" && p.kind === "resource").map((p) => p.version);
    expect(kafka).toEqual([pins["PULUMI_KAFKA"]]);
  });

  it("Apache Kafka's jars", () => {
    const version = linePin(pins, line, "KAFKA");
    // Where scripts/kafka/env.sh installs this version's jars.
    const libs = execFileSync(
      "bash",
      ["-c", `source scripts/lib/common.sh && source scripts/kafka/env.sh && printf %s "$KAFKA_LIBS"`],
      { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, KAFKAGUARD_LINE: line } },
    );
    for (const jar of [`kafka_2.13-${version}.jar`, `kafka-clients-${version}.jar`]) {
      expect(existsSync(path.join(libs, jar)), `${jar} in ${libs}`).toBe(true);
    }
  });
});
