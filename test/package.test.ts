import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/analyzer-client";

interface Manifest {
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
}

const read = (file: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, file), "utf8")) as Manifest;
const manifest = read("package.json");
const installed = (name: string) => read(`node_modules/${name}/package.json`).version;

describe("the kafkaguard package", () => {
  it.each(Object.entries(manifest.peerDependencies))(
    "declares a %s range that holds the version this repository tests with",
    (name, range) => {
      expect(semver.validRange(range)).not.toBeNull();
      expect(semver.satisfies(installed(name), range), `${name}@${installed(name)} is outside ${range}`).toBe(true);
      expect(semver.satisfies(installed(name), manifest.devDependencies[name] ?? "")).toBe(true);
    },
  );

  it("points every export at the compiled output (npm run build)", () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const files = typeof target === "string" ? [target] : [target.types, target.default];
      for (const file of files) expect(existsSync(path.join(REPO_ROOT, file)), `${entry}: ${file}`).toBe(true);
    }
  });

  it("ships the ready-made pack folder with the package's version and dependencies", () => {
    const pack = read("policy-pack/package.json");
    expect(pack.version).toBe(manifest.version);
    expect(pack.dependencies["kafkaguard"]).toBe(manifest.version);
    expect(pack.dependencies["@pulumi/pulumi"]).toBe(manifest.peerDependencies["@pulumi/pulumi"]);
    for (const file of ["policy-pack/index.js", "policy-pack/package.json", "policy-pack/PulumiPolicy.yaml"]) {
      expect(manifest.files).toContain(file);
    }
  });
});
