import { readFileSync } from "node:fs";
import {
  DEFAULT_KEY_OF_SETTING,
  type DefaultsAssumption,
  type Enforcement,
  KafkaguardConfigError,
  type PolicySettings,
  type RuleSettingsLookup,
  describeValue,
  TOPIC_RULES,
  parsePolicySettings,
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

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;
type Level = (typeof LEVELS)[number];

function parseLevel(where: string, value: unknown): Level {
  if (typeof value === "string" && (LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new KafkaguardConfigError(`${where} must be one of ${LEVELS.join(", ")}, got ${describeValue(value)}`);
}

/** An audit cannot rewrite a running topic, so a `remediate` policy counts as mandatory, as it does after remediation. */
function enforcementOf(level: Level): Enforcement | undefined {
  if (level === "disabled") return undefined;
  return level === "advisory" ? "advisory" : "mandatory";
}

/**
 * Reads the settings the pack takes with `pulumi preview --policy-pack-config`: an object whose keys are policy
 * names (plus "all" for a default enforcement level) and whose values are an enforcement level or an object with
 * an optional enforcementLevel and the policy's settings. Policies the file does not name run mandatory with the
 * defaults, as in the pack. Entries for policies the audit does not run (producer, deletion) are ignored.
 */
export function auditSettingsFromPackConfig(input: unknown): AuditSettings {
  const config = input ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new KafkaguardConfigError(`the settings file must hold a JSON object, got ${describeValue(config)}`);
  }
  const entries = config as Record<string, unknown>;
  const allLevel = entries["all"] === undefined ? "mandatory" : parseLevel('"all"', entries["all"]);
  const perPolicy = new Map<string, { enforcement: Enforcement; settings: PolicySettings } | undefined>();
  const assumingPolicies = new Set(TOPIC_RULES.map((rule) => rule.id));
  for (const [policy, entry] of Object.entries(entries)) {
    if (policy === "all") continue;
    let level = allLevel;
    let settingsInput: unknown = {};
    if (typeof entry === "string") level = parseLevel(`"${policy}"`, entry);
    else if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined) level = parseLevel(`"${policy}".enforcementLevel`, enforcementLevel);
      settingsInput = rest;
    } else {
      throw new KafkaguardConfigError(
        `"${policy}" must be an enforcement level or an object of settings, got ${describeValue(entry)}`,
      );
    }
    let settings: PolicySettings;
    try {
      settings = parsePolicySettings(settingsInput);
    } catch (error) {
      if (error instanceof KafkaguardConfigError) throw new KafkaguardConfigError(`"${policy}": ${error.message}`);
      throw error;
    }
    if (Object.keys(settings.clusterDefaults).length > 0) assumingPolicies.add(policy);
    const enforcement = enforcementOf(level);
    perPolicy.set(policy, enforcement === undefined ? undefined : { enforcement, settings });
  }
  const defaults = parsePolicySettings({});
  const defaultEnforcement = enforcementOf(allLevel);
  const lookup: RuleSettingsLookup = (ruleId) => {
    if (perPolicy.has(ruleId)) return perPolicy.get(ruleId);
    return defaultEnforcement === undefined ? undefined : { enforcement: defaultEnforcement, settings: defaults };
  };
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
 * The one place the CLI reads a settings file (the file the pack takes); without a file, every rule runs
 * mandatory with the defaults. Throws a one-line KafkaguardConfigError.
 */
export function loadAuditSettings(file: string | undefined): AuditSettings {
  if (file === undefined) return auditSettingsFromPackConfig({});
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
    return auditSettingsFromPackConfig(parsed);
  } catch (error) {
    if (error instanceof KafkaguardConfigError) throw new KafkaguardConfigError(`${file}: ${error.message}`);
    throw error;
  }
}
