import { readFileSync } from "node:fs";
import {
  DEFAULT_KEY_OF_SETTING,
  DEFAULT_THRESHOLDS,
  type DefaultsAssumption,
  type Enforcement,
  type EnforcementLevel,
  KafkaguardConfigError,
  type PolicySettings,
  type RuleSettingsLookup,
  TOPIC_RULES,
  parseKafkaguardSettings,
} from "../core";

/** The audit's view of a settings file: per rule, how it is enforced and with which settings. */
export interface AuditSettings {
  lookup: RuleSettingsLookup;
  /**
   * What the enabled policies assume about the cluster's defaults, for `cluster-defaults --check`: the topic rules
   * and every policy the file gives clusterDefaults.
   */
  assumptions: DefaultsAssumption[];
}

/** An audit cannot rewrite a running topic, so a `remediate` policy counts as mandatory, as it does after remediation. */
function enforcementOf(level: EnforcementLevel): Enforcement | undefined {
  if (level === "disabled") return undefined;
  return level === "advisory" ? "advisory" : "mandatory";
}

/**
 * Reads kafkaguard's settings block — the file the pack reads from KAFKAGUARD_SETTINGS, and what
 * `kafkaguardPolicies()` takes — with the pack's own parser, so both judge with the same settings. A policy the
 * block gives no level runs mandatory, as in the pack; the live-only rules, which no settings name, run mandatory
 * with the default thresholds and no exemptions.
 */
export function auditSettingsFrom(input: unknown): AuditSettings {
  const { policies } = parseKafkaguardSettings(input);
  const liveOnly: PolicySettings = { thresholds: { ...DEFAULT_THRESHOLDS }, clusterDefaults: {}, exemptions: [] };
  const lookup: RuleSettingsLookup = (ruleId) => {
    const policy = policies[ruleId];
    if (policy === undefined) return { enforcement: "mandatory", settings: liveOnly };
    const enforcement = enforcementOf(policy.enforcementLevel ?? "mandatory");
    return enforcement === undefined ? undefined : { enforcement, settings: policy.settings };
  };
  const assumingPolicies = new Set(TOPIC_RULES.map((rule) => rule.id));
  for (const [name, policy] of Object.entries(policies)) {
    if (Object.keys(policy.settings.clusterDefaults).length > 0) assumingPolicies.add(name);
  }
  const allKeys = Object.values(DEFAULT_KEY_OF_SETTING);
  const assumptions = [...assumingPolicies].flatMap((policy): DefaultsAssumption[] => {
    const found = lookup(policy);
    if (found === undefined) return [];
    // A topic rule depends only on the defaults of what it reads; other policies may read any of them.
    const rule = TOPIC_RULES.find((candidate) => candidate.id === policy);
    const keys = rule === undefined ? allKeys : rule.reads.map((setting) => DEFAULT_KEY_OF_SETTING[setting]);
    return [{ policy, clusterDefaults: found.settings.clusterDefaults, keys }];
  });
  return { lookup, assumptions };
}

/**
 * The one place the CLI reads a settings file (the file the pack takes, see auditSettingsFrom); without a file, every rule runs
 * mandatory with the defaults. Throws a one-line KafkaguardConfigError.
 */
export function loadAuditSettings(file: string | undefined): AuditSettings {
  if (file === undefined) return auditSettingsFrom({});
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new KafkaguardConfigError(
      `cannot read the settings file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KafkaguardConfigError(`the settings file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return auditSettingsFrom(parsed);
  } catch (error) {
    if (error instanceof KafkaguardConfigError) throw new KafkaguardConfigError(`${file}: ${error.message}`);
    throw error;
  }
}
