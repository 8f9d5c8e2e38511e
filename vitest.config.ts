import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Pulumi's mock runtime is process-global state, so each file runs in its own fork.
    pool: "forks",
    projects: [
      {
        extends: true,
        // Starting a pack process on a loaded 2-core machine can take longer than the 10 s hook default.
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          // Real CLI runs and broker restarts take minutes; files share one cluster, so they run one at a time.
          testTimeout: 600_000,
          hookTimeout: 300_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
