import { policySettings } from "../support/policy-settings";
import { describe, expect, it } from "vitest";
import { renderJson, renderSarif, renderTable } from "../../cli/render";
import { type LiveCluster, auditCluster } from "../../core";

const live: LiveCluster = {
  clusterId: "c1",
  brokers: [1, 2].map((id) => ({ id, configs: {} })),
  topics: [
    {
      name: "orders",
      internal: false,
      partitions: [{ partition: 0, leader: 1, replicas: [1, 2, 3], isr: [1, 2, 3], offlineReplicas: [] }],
      configs: { "min.insync.replicas": { value: "1", source: "topic" } },
    },
  ],
};
const report = auditCluster(live, (ruleId) => ({
  enforcement: ruleId.startsWith("kafka-broker") ? "advisory" : "mandatory",
  settings: policySettings({}),
}));

describe("renderers", () => {
  it("the table names the cluster, a stopped broker, each rule once and every message", () => {
    const text = renderTable(report);
    expect(text.split("\n")[0]).toBe(
      "Cluster c1: 3 brokers (broker 3 not registered), 1 topic (0 internal), 1 partition",
    );
    expect(text).toMatch(/^mandatory\s+critical\s+kafka-topic-min-insync-replicas\s+1\s+topic orders$/m);
    expect(text).toMatch(/^advisory\s+high\s+kafka-broker-no-auto-create-topics\s+1\s+brokers 1,2$/m);
    for (const finding of report.findings) expect(text).toContain(finding.message);
    expect(text.trimEnd().split("\n").at(-1)).toBe("1 mandatory finding, 3 advisory findings.");
  });

  it("JSON carries every finding with its subject", () => {
    const parsed = JSON.parse(renderJson(report));
    expect(parsed.findings).toEqual(JSON.parse(JSON.stringify(report.findings)));
    expect(parsed.rules).toContain("kafka-live-isr-at-min-insync");
  });

  it("SARIF has one result per finding pointing at its rule, errors for mandatory ones", () => {
    const sarif = JSON.parse(renderSarif(report, "9.9.9"));
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0];
    expect(run.tool.driver).toMatchObject({ name: "kafkaguard", version: "9.9.9" });
    expect(run.results).toHaveLength(report.findings.length);
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      const finding = report.findings.find((candidate) => candidate.message === result.message.text);
      expect(result.level).toBe(finding?.enforcement === "mandatory" ? "error" : "warning");
    }
    expect(
      run.results.map(
        (result: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          result.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    ).toContain("kafka://c1/topics/orders");
  });
});
