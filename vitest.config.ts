import { defineConfig } from "vitest/config";

// The e2e tests run against the cluster of $KAFKA_VERSION (scripts/kafka/env.sh: 3.9.1 unless set). KafkaJS cannot
// talk to Kafka 4, which removed protocol versions it sends: its test files run on Kafka 3.x only.
const KAFKAJS_TEST_FILES = ["test/e2e/durability/durability.test.ts", "test/e2e/presets/kafkajs.test.ts"];
const kafkaMajorVersion = Number((process.env["KAFKA_VERSION"] ?? "3.9.1").split(".")[0]);

// The maintained clients' files: @confluentinc/kafka-javascript loads only on the Node.js its native part was built
// for, so scripts/test.sh runs them in a phase of their own. KAFKAGUARD_E2E_GROUP picks the files of one phase:
// "maintained-clients" (only these), "line" (all but these), unset (all).
const MAINTAINED_CLIENT_TEST_FILES = [
  "test/e2e/durability/maintained-clients.test.ts",
  "test/e2e/presets/confluent-kafka-javascript.test.ts",
  "test/e2e/presets/java-client.test.ts",
];
const e2eGroup = process.env["KAFKAGUARD_E2E_GROUP"];
if (e2eGroup !== undefined && e2eGroup !== "line" && e2eGroup !== "maintained-clients") {
  throw new Error(`KAFKAGUARD_E2E_GROUP must be "line" or "maintained-clients", not "${e2eGroup}"`);
}
const e2eInclude = e2eGroup === "maintained-clients" ? MAINTAINED_CLIENT_TEST_FILES : ["test/e2e/**/*.test.ts"];
const e2eExclude = [
  ...(kafkaMajorVersion >= 4 ? KAFKAJS_TEST_FILES : []),
  ...(e2eGroup === "line" ? MAINTAINED_CLIENT_TEST_FILES : []),
];

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
          setupFiles: ["test/support/fast-check-seed.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: e2eInclude,
          exclude: e2eExclude,
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
