import { describe, expect, it } from "vitest";
import { type DeletionGuards, deletionProtection } from "../../core";

describe("deletion protection", () => {
  it.each<[string, DeletionGuards, boolean]>([
    ["protected", { protect: true }, false],
    ["unprotected", { protect: false }, true],
    [
      "guarded by the platform",
      { protect: false, platformGuard: { key: "terminationProtection", enabled: true } },
      false,
    ],
    ["platform guard off", { protect: false, platformGuard: { key: "terminationProtection", enabled: false } }, true],
  ])("%s", (_label, guards, flagged) => {
    expect(deletionProtection.check("orders", guards)).toHaveLength(flagged ? 1 : 0);
  });

  it("tells users to use protect (or the platform guard), and that retainOnDelete is not visible", () => {
    const [message] = deletionProtection.check("orders", {
      protect: false,
      platformGuard: { key: "terminationProtection", enabled: false },
    });
    expect(message).toBe(
      'Topic "orders": the resource is not protected, so a replace or destroy deletes the topic and every message in it; set the resource option protect: true (or terminationProtection: true). retainOnDelete is not visible to policies, so it does not count here.',
    );
  });

  it("names the value that guards, for a guard that allows deletion when true", () => {
    const [message] = deletionProtection.check("orders", {
      protect: false,
      platformGuard: { key: "allowDeletion", enabled: false, guardingValue: false },
    });
    expect(message).toContain("set the resource option protect: true (or allowDeletion: false).");
  });
});
