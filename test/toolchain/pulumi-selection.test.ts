import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";
import { readPins } from "../support/pins";

/** Which Pulumi CLI scripts/lib/common.sh picks, with a stand-in `pulumi` on PATH (never run). */
function select(options: { pulumiOnPath?: "system" | "cache"; mode?: string; pulumiHome?: string }) {
  const root = mkdtempSync(path.join(tmpdir(), "kafkaguard-select-"));
  const cache = path.join(root, "cache");
  const home = path.join(root, "home");
  const dirs = { system: path.join(root, "usr-local-bin"), cache: path.join(cache, "bin") };
  for (const dir of Object.values(dirs)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "pulumi"), "#!/bin/sh\nexit 1\n");
    chmodSync(path.join(dir, "pulumi"), 0o755);
  }
  const PATH = [options.pulumiOnPath ? dirs[options.pulumiOnPath] : "", "/usr/bin", "/bin"].filter(Boolean).join(":");
  const env: NodeJS.ProcessEnv = { PATH, HOME: home, KAFKAGUARD_CACHE: cache };
  if (options.mode !== undefined) env["KAFKAGUARD_PULUMI"] = options.mode;
  if (options.pulumiHome !== undefined) env["PULUMI_HOME"] = options.pulumiHome;
  const script = `source "${REPO_ROOT}/scripts/lib/common.sh" && printf '%s\\n' "$KAFKAGUARD_PULUMI_SOURCE" "$KAFKAGUARD_PULUMI_CLI" "$PULUMI_HOME" "\${PATH%%:*}"`;
  const result = spawnSync("bash", ["-c", script], { env, encoding: "utf8" });
  const [source, cli, pulumiHome, firstOnPath] = result.stdout.split("\n");
  return { status: result.status, stderr: result.stderr, source, cli, pulumiHome, firstOnPath, dirs, cache, home };
}

describe("KAFKAGUARD_PULUMI: the Pulumi CLI the scripts use", () => {
  it("auto (the default) takes a pulumi on PATH, with the standard plugin directory", () => {
    const r = select({ pulumiOnPath: "system" });
    expect(r.status).toBe(0);
    expect(r.source).toBe("system");
    expect(r.cli).toBe(path.join(r.dirs.system, "pulumi"));
    expect(r.pulumiHome).toBe(path.join(r.home, ".pulumi"));
  });

  it("auto keeps the PULUMI_HOME a user set for the system CLI", () => {
    const r = select({ pulumiOnPath: "system", pulumiHome: "/srv/pulumi-home" });
    expect([r.source, r.pulumiHome]).toEqual(["system", "/srv/pulumi-home"]);
  });

  it("auto builds the pinned CLI when none is on PATH", () => {
    const r = select({});
    expect(r.status).toBe(0);
    expect(r.source).toBe("build");
    expect(r.cli?.startsWith(path.join(r.cache, "toolsets") + path.sep)).toBe(true);
    expect(r.firstOnPath).toBe(path.dirname(r.cli ?? ""));
    // The plugin folder is named after the Kafka plugin's sarama version (scripts/pins.env).
    expect(r.pulumiHome).toBe(path.join(r.cache, `pulumi-home-sarama-${readPins()["KAFKA_PLUGIN_SARAMA"]}`));
  });

  it("a pulumi in kafkaguard's own cache is not a system CLI", () => {
    const r = select({ pulumiOnPath: "cache" });
    expect(r.source).toBe("build");
  });

  it("build ignores a pulumi on PATH and puts the pinned build first", () => {
    const r = select({ pulumiOnPath: "system", mode: "build" });
    expect(r.source).toBe("build");
    expect(r.cli).not.toBe(path.join(r.dirs.system, "pulumi"));
    expect(r.firstOnPath).toBe(path.dirname(r.cli ?? ""));
  });

  it("system without a pulumi on PATH is a one-line error", () => {
    const r = select({ mode: "system" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/^\[kafkaguard\] ERROR: KAFKAGUARD_PULUMI=system, but there is no pulumi on PATH/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown value", () => {
    const r = select({ pulumiOnPath: "system", mode: "latest" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("KAFKAGUARD_PULUMI must be auto, system or build, not 'latest'");
  });
});
