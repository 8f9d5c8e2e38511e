import type { AuditReport, Finding, FindingSubject, RuleMetadata } from "../core";

export const OUTPUT_FORMATS = ["table", "json", "sarif"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function describeSubject(subject: FindingSubject): string {
  switch (subject.kind) {
    case "topic":
      return `topic ${subject.topic}`;
    case "brokers":
      return `broker${subject.brokerIds.length === 1 ? "" : "s"} ${subject.brokerIds.join(",")}`;
    case "cluster":
      return "cluster";
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatColumns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

function headline(report: AuditReport): string {
  const { brokers, topics } = report;
  const stopped = brokers.known.filter((id) => !brokers.registered.includes(id));
  const brokerText =
    stopped.length === 0
      ? plural(brokers.registered.length, "broker")
      : `${plural(brokers.known.length, "broker")} (${stopped.length === 1 ? "broker" : "brokers"} ${stopped.join(", ")} not registered)`;
  return `Cluster ${report.clusterId}: ${brokerText}, ${plural(topics.total, "topic")} (${topics.internal} internal), ${plural(topics.partitions, "partition")}`;
}

/** The readable report: a summary per rule, then every finding with its full message. */
export function renderTable(report: AuditReport): string {
  const lines = [headline(report), ""];
  const { findings } = report;
  if (findings.length === 0) {
    lines.push("No findings: every topic, broker default and partition passes the rules.");
  } else {
    const byRule = new Map<string, Finding[]>();
    for (const finding of findings) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
    const rows = [["LEVEL", "SEVERITY", "RULE", "FINDINGS", "SUBJECTS"]];
    for (const [ruleId, ruleFindings] of byRule) {
      const first = ruleFindings[0] as Finding;
      const subjects = [...new Set(ruleFindings.map((finding) => describeSubject(finding.subject)))];
      const shown = subjects.slice(0, 3).join(", ") + (subjects.length > 3 ? `, +${subjects.length - 3} more` : "");
      rows.push([first.enforcement, first.severity, ruleId, String(ruleFindings.length), shown]);
    }
    lines.push(...formatColumns(rows), "");
    for (const finding of findings) {
      lines.push(`${finding.enforcement.toUpperCase()} [${finding.ruleId}] ${finding.message}`);
    }
  }
  for (const exemption of report.exemptions) {
    lines.push(`exempt: topic ${exemption.topic} from ${exemption.ruleId} (${exemption.reason})`);
  }
  const mandatory = findings.filter((finding) => finding.enforcement === "mandatory").length;
  lines.push(
    "",
    `${plural(mandatory, "mandatory finding")}, ${plural(findings.length - mandatory, "advisory finding")}.`,
  );
  return lines.join("\n") + "\n";
}

export function renderJson(report: AuditReport): string {
  const { rules, ...rest } = report;
  return JSON.stringify({ ...rest, rules: rules.map((rule) => rule.id) }, null, 2) + "\n";
}

// GitHub code scanning reads security-severity as a CVSS-like score.
const SECURITY_SEVERITY: Record<RuleMetadata["severity"], string> = {
  low: "3.0",
  medium: "5.0",
  high: "7.5",
  critical: "9.5",
};

function subjectUri(clusterId: string, subject: FindingSubject): string {
  switch (subject.kind) {
    case "topic":
      return `kafka://${clusterId}/topics/${encodeURIComponent(subject.topic)}`;
    case "brokers":
      return `kafka://${clusterId}/brokers/${subject.brokerIds.join(",")}`;
    case "cluster":
      return `kafka://${clusterId}`;
  }
}

/** SARIF 2.1.0 for code-scanning UIs: one rule per kafkaguard rule, one result per finding. */
export function renderSarif(report: AuditReport, version: string): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kafkaguard",
            version,
            rules: report.rules.map((rule) => ({
              id: rule.id,
              name: rule.title,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: { text: rule.remediation },
              properties: { "security-severity": SECURITY_SEVERITY[rule.severity], tags: ["kafka", "durability"] },
            })),
          },
        },
        results: report.findings.map((finding) => {
          const uri = subjectUri(report.clusterId, finding.subject);
          return {
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId),
            level: finding.enforcement === "mandatory" ? "error" : "warning",
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: { artifactLocation: { uri } },
                logicalLocations: [
                  { name: describeSubject(finding.subject), fullyQualifiedName: uri, kind: "resource" },
                ],
              },
            ],
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

export function renderReport(report: AuditReport, format: OutputFormat, version: string): string {
  switch (format) {
    case "table":
      return renderTable(report);
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report, version);
  }
}
