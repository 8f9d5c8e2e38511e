import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/analyzer-client";

const SCRIPT = path.join(REPO_ROOT, "scripts/toolchain/prune-workspaces.sh");

describe("scripts/toolchain/prune-workspaces.sh", () => {
  const made: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), "kafkaguard-workspaces-"));
    made.push(dir);
    return dir;
  };
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A workspace with a node_modules, naming `checkout` as its checkout unless that is undefined. */
  function workspace(workspaces: string, name: string, checkout: string | undefined): string {
    const dir = path.join(workspaces, name);
    mkdirSync(path.join(dir, "node_modules", "some-package"), { recursive: true });
    if (checkout !== undefined) writeFileSync(path.join(dir, ".kafkaguard-checkout"), `${checkout}\n`);
    return dir;
  }

  it("removes only the workspaces whose checkout is gone, and says which", () => {
    const workspaces = folder();
    const checkout = folder();
    const live = workspace(workspaces, "live", checkout);
    const gone = workspace(workspaces, "gone", path.join(checkout, "deleted-clone"));
    const unmarked = workspace(workspaces, "unmarked", undefined);

    const result = spawnSync("bash", [SCRIPT, workspaces], { encoding: "utf8" });

    expect(result.status).toBe(0);
    expect([existsSync(live), existsSync(gone), existsSync(unmarked)]).toEqual([true, false, true]);
    expect(result.stderr).toBe(
      `[kafkaguard] removed the workspace of ${path.join(checkout, "deleted-clone")}, which no longer exists (${gone})\n`,
    );
  });

  it("does nothing when there is no workspace yet", () => {
    const result = spawnSync("bash", [SCRIPT, path.join(folder(), "not-made-yet")], { encoding: "utf8" });
    expect([result.status, result.stderr]).toEqual([0, ""]);
  });

  it("refuses to run without exactly one folder", () => {
    const result = spawnSync("bash", [SCRIPT], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^usage: .*prune-workspaces\.sh <workspaces folder>\n$/);
  });
});
