import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport, Finding } from "../../core";
import { killNode, restartNode, runningNodes, restoreAllNodes } from "./durability/cluster";
import { bootstrap, cliEnv, kafkaTool, kafkaguard, tempFile, waitFor } from "../support/kafkaguard-cli";

/**
 * `kafkaguard audit` against the real local cluster: unsafe topics and settings are made out of band with
 * Kafka's own tools, and the audit must find each one with the rule core's message and the exact exit code.
 */

const prefix = `audit-${randomBytes(3).toString("hex")}`;
const TOPICS = {
  /** Declared the safe way: RF 3, min.insync.replicas 2. */
  compliant: `${prefix}-compliant`,
  /** RF 1, its only replica on broker 3. */
  singleReplica: `${prefix}-single-replica`,
  /** RF 3 with unclean leader election on. */
  unclean: `${prefix}-unclean`,
  /** RF 3 with no min.insync.replicas of its own: it inherits the broker default. */
  inheriting: `${prefix}-inheriting`,
};

async function audit(...extra: string[]): Promise<{ code: number; report: AuditReport; stderr: string }> {
  const result = await kafkaguard(["audit", "--bootstrap-server", bootstrap(), "--format", "json", ...extra]);
  if (result.code === 2) throw new Error(`audit failed:\n${result.output}`);
  return { code: result.code, report: JSON.parse(result.stdout) as AuditReport, stderr: result.stderr };
}

function findingsFor(report: AuditReport, topic: string): Finding[] {
  return report.findings.filter((finding) => finding.subject.kind === "topic" && finding.subject.topic === topic);
}

const rulesOf = (findings: Finding[]) => findings.map((finding) => finding.ruleId);

/** The subject of a finding about every broker of the local cluster. */
const ALL_BROKERS = { kind: "brokers", brokerIds: [1, 2, 3] };

function alterTopic(topic: string, change: string[]): Promise<string> {
  return kafkaTool("configs", ["--alter", "--entity-type", "topics", "--entity-name", topic, ...change]);
}

function alterBrokerDefault(change: string[]): Promise<string> {
  return kafkaTool("configs", ["--alter", "--entity-type", "brokers", "--entity-default", ...change]);
}

/** The cluster-wide dynamic min.insync.replicas, if one is set. */
async function brokerDefaultMinInsync(): Promise<string | undefined> {
  const described = await kafkaTool("configs", ["--describe", "--entity-type", "brokers", "--entity-default"]);
  return /^\s*min\.insync\.replicas=(\S+)/m.exec(described)?.[1];
}

/**
 * Puts the cluster-wide dynamic min.insync.replicas back as it was before the tests. Kafka 4 with eligible leader
 * replicas refuses to remove it (it must have a cluster-level value); there it is set back to Kafka's default, 1.
 */
async function restoreBrokerDefault(original: string | undefined): Promise<void> {
  if (original !== undefined) {
    await alterBrokerDefault(["--add-config", `min.insync.replicas=${original}`]);
    return;
  }
  await alterBrokerDefault(["--delete-config", "min.insync.replicas"]).catch(async (error: Error) => {
    if (!/cannot be removed while ELR is enabled/.test(error.message)) throw error;
    await alterBrokerDefault(["--add-config", "min.insync.replicas=1"]);
  });
}

describe("kafkaguard audit on the local cluster", () => {
  let originalMinInsync: string | undefined;
  beforeAll(async () => {
    originalMinInsync = await brokerDefaultMinInsync();
    const create = (topic: string, ...args: string[]) => kafkaTool("topics", ["--create", "--topic", topic, ...args]);
    await create(
      TOPICS.compliant,
      "--partitions",
      "3",
      "--replication-factor",
      "3",
      "--config",
      "min.insync.replicas=2",
    );
    await create(TOPICS.singleReplica, "--replica-assignment", "3");
    await create(
      TOPICS.unclean,
      "--partitions",
      "1",
      "--replication-factor",
      "3",
      "--config",
      "min.insync.replicas=2",
      "--config",
      "unclean.leader.election.enable=true",
    );
    await create(TOPICS.inheriting, "--partitions", "1", "--replication-factor", "3");
  });

  afterAll(async () => {
    if ((await runningNodes()).length < 3) await restoreAllNodes();
    await restoreBrokerDefault(originalMinInsync).catch(() => undefined);
    for (const topic of Object.values(TOPICS)) {
      await kafkaTool("topics", ["--delete", "--topic", topic, "--if-exists"]).catch(() => undefined);
    }
  });

  it("finds topics created out of band with the pack's messages, and exits 1", async () => {
    // A created topic reaches each broker's metadata when that broker reads it from the metadata log: until the
    // broker the audit asks has, the audit rightly does not list it.
    const { code, report } = await waitFor(
      "the brokers to list the new topics",
      () => audit(),
      ({ report: seen }) =>
        [TOPICS.singleReplica, TOPICS.unclean, TOPICS.inheriting].every((topic) => findingsFor(seen, topic).length > 0),
    );
    expect(code).toBe(1);
    expect(rulesOf(findingsFor(report, TOPICS.compliant))).toEqual([]);
    const single = findingsFor(report, TOPICS.singleReplica);
    expect(rulesOf(single)).toContain("kafka-topic-min-replication-factor");
    expect(single.find((finding) => finding.ruleId === "kafka-topic-min-replication-factor")?.message).toBe(
      `Topic "${TOPICS.singleReplica}": replication factor is 1, below the minimum of 3; set replication factor to 3 or more so every committed message is stored on 3 brokers.`,
    );
    expect(rulesOf(findingsFor(report, TOPICS.unclean))).toEqual(["kafka-topic-no-unclean-leader-election"]);
    expect(findingsFor(report, TOPICS.unclean)[0]?.message).toMatch(
      /^Topic "[^"]+": unclean\.leader\.election\.enable is "true", so an out-of-sync replica can become leader/,
    );
    const inheriting = findingsFor(report, TOPICS.inheriting);
    expect(rulesOf(inheriting)).toEqual(["kafka-topic-min-insync-replicas"]);
    // Kafka 3.x leaves it to the built-in default; Kafka 4 with eligible leader replicas keeps a cluster-wide
    // dynamic value (1 unless set), and the message names whichever the brokers report.
    expect(inheriting[0]?.message).toMatch(
      originalMinInsync === undefined
        ? /min\.insync\.replicas is not set on the topic, so it inherits Kafka's built-in default "1"/
        : /min\.insync\.replicas is not set on the topic, so it inherits the default "\d+" of the cluster-wide dynamic broker default/,
    );
    expect(report.brokers).toEqual({ registered: [1, 2, 3], known: [1, 2, 3] });
  });

  it("exits 0 when what remains is advisory or exempt, as the settings file says", async () => {
    // Every topic is exempt (the shared cluster holds other tests' topics too); exemptions are RE2 patterns.
    const exemptions = [{ pattern: ".*", reason: "not judged by this test" }];
    const settings = tempFile(
      "settings.json",
      JSON.stringify({
        exemptions,
        policies: {
          "kafka-broker-default-replication-factor": "advisory",
          "kafka-broker-min-insync-replicas": "advisory",
          "kafka-broker-no-unclean-leader-election": "advisory",
          "kafka-broker-no-auto-create-topics": "advisory",
        },
      }),
    );
    const table = await kafkaguard(["audit", "--bootstrap-server", bootstrap(), "--settings", settings]);
    expect(table.code, table.output).toBe(0);
    expect(table.stdout).toMatch(/^0 mandatory findings, \d+ advisory findings?\.$/m);
    expect(table.stdout).toContain(`exempt: topic ${TOPICS.unclean} from kafka-topic-no-unclean-leader-election`);
  });

  it("names a dynamic broker default min.insync.replicas=1 as the origin, and flags the brokers", async () => {
    await alterBrokerDefault(["--add-config", "min.insync.replicas=1"]);
    try {
      // Each broker applies a dynamic default when it reads it from the metadata log, not all at the same moment:
      // until every one has, the audit rightly names only those that have.
      const brokerFinding = (seen: AuditReport) =>
        seen.findings.find((finding) => finding.ruleId === "kafka-broker-min-insync-replicas");
      const { code, report } = await waitFor(
        "every broker to apply the dynamic default",
        () => audit(),
        ({ report: seen }) => isDeepStrictEqual(brokerFinding(seen)?.subject, ALL_BROKERS),
      );
      expect(code).toBe(1);
      const broker = brokerFinding(report);
      expect(broker?.subject).toEqual(ALL_BROKERS);
      expect(broker?.message).toMatch(/^Brokers 1, 2, 3: min\.insync\.replicas is "1", below the minimum of 2/);
      expect(findingsFor(report, TOPICS.inheriting)[0]?.message).toContain(
        'min.insync.replicas is not set on the topic, so it inherits the default "1" of the cluster-wide dynamic broker default',
      );
    } finally {
      await restoreBrokerDefault(originalMinInsync);
    }
  });

  it("finds a compliant topic altered live", async () => {
    await alterTopic(TOPICS.compliant, ["--add-config", "min.insync.replicas=1"]);
    try {
      const { code, report } = await waitFor(
        "the altered topic config",
        () => audit(),
        ({ report: seen }) => findingsFor(seen, TOPICS.compliant).length > 0,
      );
      expect(code).toBe(1);
      expect(rulesOf(findingsFor(report, TOPICS.compliant))).toEqual(["kafka-topic-min-insync-replicas"]);
      expect(findingsFor(report, TOPICS.compliant)[0]?.message).toMatch(
        /^Topic "[^"]+": min\.insync\.replicas is "1", below the minimum of 2/,
      );
    } finally {
      await alterTopic(TOPICS.compliant, ["--add-config", "min.insync.replicas=2"]);
    }
  });

  it("with a broker stopped, finds partitions at the ISR floor and the offline partition", async () => {
    await waitFor(
      "the compliant topic to be clean again",
      () => audit(),
      ({ report: seen }) => findingsFor(seen, TOPICS.compliant).length === 0,
    );
    await killNode(3, { waitUntilFenced: true });
    try {
      const { code, report } = await waitFor(
        "the ISR to shrink",
        () => audit(),
        ({ report: seen }) =>
          findingsFor(seen, TOPICS.compliant).some((finding) => finding.message.includes("partitions 0, 1, 2 have")) &&
          rulesOf(findingsFor(seen, TOPICS.singleReplica)).includes("kafka-live-offline-partitions"),
      );
      expect(code).toBe(1);
      expect(report.brokers).toEqual({ registered: [1, 2], known: [1, 2, 3] });
      expect(findingsFor(report, TOPICS.compliant).map((finding) => finding.message)).toEqual([
        `Topic "${TOPICS.compliant}": partitions 0, 1, 2 have exactly min.insync.replicas 2 in-sync replicas, so one more broker failure blocks acks=all writes; bring broker 3 back into the ISR before stopping another broker.`,
      ]);
      const offline = findingsFor(report, TOPICS.singleReplica).find(
        (finding) => finding.ruleId === "kafka-live-offline-partitions",
      );
      expect(offline?.message).toBe(
        `Topic "${TOPICS.singleReplica}": partition 0 has no leader, so it accepts no writes and serves no reads; bring back broker 3, which holds its replicas.`,
      );
    } finally {
      await restartNode(3);
    }
  });

  it("cluster-defaults prints the live clusterDefaults, and --check fails when a file's assumptions are wrong", async () => {
    const check = (clusterDefaults: object) =>
      kafkaguard([
        "cluster-defaults",
        "--bootstrap-server",
        bootstrap(),
        "--check",
        tempFile(
          "settings.json",
          JSON.stringify({
            policies: {
              "kafka-topic-min-insync-replicas": { clusterDefaults },
              "kafka-topic-replicas-above-min-insync": { clusterDefaults },
            },
          }),
        ),
      ]);
    await alterBrokerDefault(["--add-config", "min.insync.replicas=2"]);
    try {
      const everyBrokerAt2 = /^min\.insync\.replicas\s+"2"\s+1,2,3\s+the cluster-wide dynamic default$/m;
      const printed = await waitFor(
        "every broker to apply the dynamic default",
        () => kafkaguard(["cluster-defaults", "--bootstrap-server", bootstrap()]),
        (result) => everyBrokerAt2.test(result.stderr),
      );
      expect(printed.code, printed.output).toBe(0);
      expect(JSON.parse(printed.stdout)).toEqual({
        clusterDefaults: {
          "default.replication.factor": "1",
          "min.insync.replicas": "2",
          "unclean.leader.election.enable": "false",
        },
      });
      expect(printed.stderr).toMatch(everyBrokerAt2);
      const matching = await check({ "min.insync.replicas": "2" });
      expect(matching.code, matching.output).toBe(0);

      await alterBrokerDefault(["--add-config", "min.insync.replicas=1"]);
      const wrong = await waitFor(
        "every broker to apply the lowered default",
        () => check({ "min.insync.replicas": "2" }),
        (r) => r.code !== 0 && r.stdout.includes('but brokers 1, 2, 3 use "1"'),
      );
      expect(wrong.code, wrong.output).toBe(1);
      expect(wrong.stdout.trimEnd().split("\n")).toEqual([
        'kafka-topic-min-insync-replicas, kafka-topic-replicas-above-min-insync assume min.insync.replicas "2" (clusterDefaults), but brokers 1, 2, 3 use "1" (the cluster-wide dynamic default), so topics that do not set it are judged on a value they do not have; set clusterDefaults["min.insync.replicas"] to the cluster\'s value or change the brokers.',
      ]);
    } finally {
      await restoreBrokerDefault(originalMinInsync);
    }
  });

  describe("errors: one line on stderr and exit 2", () => {
    const cases: { name: string; args: () => string[]; message: RegExp }[] = [
      {
        name: "an unknown option",
        args: () => ["audit", "-b", bootstrap(), "--bootstrap", bootstrap()],
        message: /^kafkaguard: unknown option '--bootstrap'/,
      },
      {
        name: "a malformed bootstrap list",
        args: () => ["audit", "-b", "localhost"],
        message: /^kafkaguard: --bootstrap-server: "localhost" is not host:port$/,
      },
      {
        name: "an unknown format",
        args: () => ["audit", "-b", bootstrap(), "-f", "xml"],
        message: /^kafkaguard: option .* argument 'xml' is invalid/,
      },
      {
        name: "an unreachable cluster",
        args: () => ["audit", "-b", "127.0.0.1:1"],
        message: /^kafkaguard: cannot reach the cluster at 127\.0\.0\.1:1: .*ECONNREFUSED/,
      },
      {
        name: "a wrong SASL password",
        args: () => [
          "audit",
          "-b",
          String(cliEnv()["KAFKAGUARD_SASL_BOOTSTRAP_SERVERS"]),
          "--command-config",
          saslProperties("wrong-password"),
        ],
        message: /^kafkaguard: authentication failed at 127\.0\.0\.1:29292/,
      },
      {
        name: "a settings file that is not the pack's",
        args: () => ["audit", "-b", bootstrap(), "--settings", tempFile("s.json", '{"minIsr": 2}')],
        message: /^kafkaguard: .*s\.json: settings have unknown key "minIsr"/,
      },
    ];
    it.each(cases)("$name", async ({ args, message }) => {
      const result = await kafkaguard(args());
      expect(result.code, result.output).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    });
  });

  it("authenticates with SASL/PLAIN from a --command-config file", async () => {
    const result = await kafkaguard([
      "audit",
      "-b",
      String(cliEnv()["KAFKAGUARD_SASL_BOOTSTRAP_SERVERS"]),
      "--command-config",
      saslProperties(String(cliEnv()["KAFKAGUARD_SASL_PASSWORD"])),
    ]);
    expect(result.code, result.output).toBe(1);
    expect(result.stdout).toMatch(/^Cluster \S+: 3 brokers, \d+ topics \(\d+ internal\)/);
    expect(result.stdout).toContain(`[kafka-topic-no-unclean-leader-election] Topic "${TOPICS.unclean}"`);
  });
});

function saslProperties(password: string): string {
  const user = String(cliEnv()["KAFKAGUARD_SASL_USER"]);
  return tempFile(
    "client.properties",
    [
      "security.protocol=SASL_PLAINTEXT",
      "sasl.mechanism=PLAIN",
      `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${user}" password="${password}";`,
    ].join("\n"),
  );
}
