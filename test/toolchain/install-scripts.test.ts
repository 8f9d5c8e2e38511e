import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";

/**
 * scripts/setup.sh installs npm packages without their install scripts (NPM_INSTALL_FLAGS in scripts/lib/common.sh).
 * Each package that has one is listed here with why the tests do without it, so a new dependency whose script is
 * needed cannot slip in unnoticed.
 */
const INSTALL_SCRIPTS_NOT_RUN: Record<string, string> = {
  "@confluentinc/kafka-javascript": "its native build is done by scripts/setup.sh, from the cache when it is there",
  esbuild: "its binary comes in its platform package (@esbuild/linux-x64)",
  protobufjs: "its script only checks the versions of its own packages",
  "@pulumi/aws-native":
    "its script fetches a resource plugin from get.pulumi.com; the tests use the SDK under mocks or read its types, never the plugin",
  "@pulumi/kubernetes":
    "its script fetches a resource plugin from get.pulumi.com; the tests use the SDK under mocks or read its types, never the plugin",
};

interface LockPackage {
  hasInstallScript?: boolean;
}

function packagesWithInstallScripts(): string[] {
  const lock = JSON.parse(readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockPackage>;
  };
  return Object.entries(lock.packages)
    .filter(([, entry]) => entry.hasInstallScript === true)
    .map(([where]) => where.slice(where.lastIndexOf("node_modules/") + "node_modules/".length))
    .sort();
}

describe("npm install scripts", () => {
  it("setup installs without them", () => {
    const common = readFileSync(path.join(REPO_ROOT, "scripts/lib/common.sh"), "utf8");
    expect(common).toMatch(/^NPM_INSTALL_FLAGS=\(.*--ignore-scripts.*\)$/m);
  });

  it("every package of package-lock.json that has one is known not to need it", () => {
    expect(packagesWithInstallScripts()).toEqual(Object.keys(INSTALL_SCRIPTS_NOT_RUN).sort());
  });
});
