import {
  type EnforcementLevel,
  type KafkaguardSettings,
  type PolicySettings,
  describeValue,
  isRecord,
  KafkaguardConfigError,
  parseKafkaguardSettings,
} from "../../core";

/** A policy's settings for one evaluation; throws a one-line KafkaguardConfigError when they are wrong. */
export type SettingsReader = (args: { getConfig<T extends object>(): T }) => PolicySettings;

/**
 * The settings block a pack was built with (validated when the pack starts), and each policy's view of it with
 * what Pulumi passes that policy (--policy-pack-config, a Pulumi Cloud policy group) laid over its own keys.
 */
export class PackSettings {
  private readonly block: Record<string, unknown>;
  private readonly resolved: KafkaguardSettings;

  constructor(input: unknown = {}) {
    this.resolved = parseKafkaguardSettings(input);
    this.block = isRecord(input) ? input : {};
  }

  /** The enforcement level the settings give a policy, if any; Pulumi's own configuration still wins. */
  enforcementLevel(policy: string): EnforcementLevel | undefined {
    return this.resolved.policies[policy]?.enforcementLevel;
  }

  /** Reads one policy's settings; parsing is memoised on the raw configuration, which repeats for every resource. */
  reader(policy: string): SettingsReader {
    const byConfig = new Map<string, PolicySettings>();
    return (args) => {
      const config: unknown = args.getConfig<object>();
      // Most packs have no per-policy configuration: then getConfig() is a new empty object on every call.
      const key = isRecord(config) && isEmpty(config) ? "{}" : JSON.stringify(config ?? {});
      let settings = byConfig.get(key);
      if (settings === undefined) {
        settings = this.withPolicyConfig(policy, config);
        byConfig.set(key, settings);
      }
      return settings;
    };
  }

  private withPolicyConfig(policy: string, config: unknown): PolicySettings {
    const own = this.resolved.policies[policy];
    if (own === undefined) throw new Error(`no settings for unknown policy ${policy}`);
    if (config === undefined || (isRecord(config) && Object.keys(config).length === 0)) return own.settings;
    if (!isRecord(config)) {
      throw new KafkaguardConfigError(`${policy}: its configuration must be an object, got ${describeValue(config)}`);
    }
    const overrides = isRecord(this.block["policies"]) ? this.block["policies"] : {};
    const baked = overrides[policy];
    const withConfig = {
      ...(typeof baked === "string" ? { enforcementLevel: baked } : isRecord(baked) ? baked : {}),
      ...config,
    };
    const merged = parseKafkaguardSettings({ ...this.block, policies: { ...overrides, [policy]: withConfig } });
    return (merged.policies[policy] ?? own).settings;
  }
}

/** No settings block: the defaults (RF 3, min ISR 2, Kafka's built-in defaults, no exemptions). */
export const DEFAULT_PACK_SETTINGS = new PackSettings();

function isEmpty(record: Record<string, unknown>): boolean {
  for (const _key in record) return false;
  return true;
}
