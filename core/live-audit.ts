import { BROKER_RULES, describeBrokerDurability } from "./broker-durability";
import { TOPIC_CLUSTER_RULES, clusterMinBrokers } from "./cluster-capacity";
import {
  type LiveCluster,
  clusterBrokerIds,
  describeLiveTopic,
  liveBrokerDeclarations,
  liveClusterDeclaration,
} from "./live-cluster";
import { LIVE_PARTITION_RULES } from "./live-partitions";
import { type PolicySettings, findExemption } from "./pack-config";
import { type RuleMetadata, TOPIC_RULES } from "./rules";

/** How a finding counts: a mandatory one fails the audit, an advisory one is only reported. */
export type Enforcement = "mandatory" | "advisory";

/** The settings one rule runs with, or undefined when the settings file disables it. */
export type RuleSettingsLookup = (ruleId: string) => { enforcement: Enforcement; settings: PolicySettings } | undefined;

export type FindingSubject =
  { kind: "topic"; topic: string } | { kind: "brokers"; brokerIds: number[] } | { kind: "cluster" };

export interface Finding {
  ruleId: string;
  severity: RuleMetadata["severity"];
  enforcement: Enforcement;
  subject: FindingSubject;
  message: string;
}

export interface AuditExemption {
  topic: string;
  ruleId: string;
  reason: string;
}

export interface AuditReport {
  clusterId: string;
  /** Registered brokers now, and every broker the cluster has (stopped ones still hold replicas). */
  brokers: { registered: number[]; known: number[] };
  topics: { total: number; internal: number; partitions: number };
  /** The rules that ran, for renderers that describe them (SARIF). */
  rules: RuleMetadata[];
  findings: Finding[];
  exemptions: AuditExemption[];
}

/** Every rule the audit runs: the pack's topic, broker and cluster rules, then the live-only partition rules. */
export const AUDIT_RULES: readonly RuleMetadata[] = [
  ...TOPIC_RULES,
  ...BROKER_RULES,
  clusterMinBrokers,
  ...TOPIC_CLUSTER_RULES,
  ...LIVE_PARTITION_RULES,
];

/**
 * Judges a live cluster with the rule core: the same rules and messages the pack enforces at preview, applied to
 * the values that really run, plus the rules on the current partition state. Pure: the caller reads the cluster.
 */
export function auditCluster(cluster: LiveCluster, settingsFor: RuleSettingsLookup): AuditReport {
  const findings: Finding[] = [];
  const exemptions: AuditExemption[] = [];
  const report = (rule: RuleMetadata, subject: FindingSubject, messages: string[]) => {
    const settings = settingsFor(rule.id);
    if (settings === undefined) return;
    for (const message of messages) {
      findings.push({ ruleId: rule.id, severity: rule.severity, enforcement: settings.enforcement, subject, message });
    }
  };
  /** The settings of a topic rule, or undefined when it is disabled or exempts the topic (then recorded). */
  const topicSettings = (rule: RuleMetadata, topic: string) => {
    const found = settingsFor(rule.id);
    if (found === undefined) return undefined;
    const exemption = findExemption(topic, found.settings.exemptions);
    if (exemption === undefined) return found.settings;
    exemptions.push({ topic, ruleId: rule.id, reason: exemption.reason });
    return undefined;
  };

  const clusterDeclaration = liveClusterDeclaration(cluster);
  for (const topic of [...cluster.topics].sort((a, b) => a.name.localeCompare(b.name))) {
    const subject: FindingSubject = { kind: "topic", topic: topic.name };
    const durability = describeLiveTopic(topic);
    for (const rule of TOPIC_RULES) {
      const settings = topicSettings(rule, topic.name);
      if (settings !== undefined) report(rule, subject, rule.check(durability, settings.thresholds));
    }
    for (const rule of TOPIC_CLUSTER_RULES) {
      if (topicSettings(rule, topic.name) !== undefined)
        report(rule, subject, rule.check(durability, clusterDeclaration));
    }
    for (const rule of LIVE_PARTITION_RULES) report(rule, subject, rule.check(topic, durability));
  }
  for (const declaration of liveBrokerDeclarations(cluster.brokers)) {
    const broker = describeBrokerDurability(declaration);
    const subject: FindingSubject = { kind: "brokers", brokerIds: declaration.brokerIds };
    for (const rule of BROKER_RULES) {
      const settings = settingsFor(rule.id);
      if (settings !== undefined) report(rule, subject, rule.check(broker, settings.settings.thresholds));
    }
  }
  const clusterSettings = settingsFor(clusterMinBrokers.id);
  if (clusterSettings !== undefined) {
    report(
      clusterMinBrokers,
      { kind: "cluster" },
      clusterMinBrokers.check(clusterDeclaration, clusterSettings.settings.thresholds),
    );
  }

  return {
    clusterId: cluster.clusterId,
    brokers: {
      registered: cluster.brokers.map((broker) => broker.id).sort((a, b) => a - b),
      known: clusterBrokerIds(cluster),
    },
    topics: {
      total: cluster.topics.length,
      internal: cluster.topics.filter((topic) => topic.internal).length,
      partitions: cluster.topics.reduce((sum, topic) => sum + topic.partitions.length, 0),
    },
    rules: [...AUDIT_RULES],
    findings,
    exemptions,
  };
}

/** The audit's exit status: 1 when any finding is mandatory, else 0. */
export function auditExitCode(report: AuditReport): 0 | 1 {
  return report.findings.some((finding) => finding.enforcement === "mandatory") ? 1 : 0;
}
