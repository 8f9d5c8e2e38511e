import { type PolicySettings, parsePolicySettings } from "../../core";

// Parsing is memoised on the raw JSON: the same configuration arrives for every resource.
const settingsCache = new Map<string, PolicySettings>();

/** The validated settings of the policy being run; throws a one-line KafkaguardConfigError when they are wrong. */
export function settingsOf(args: { getConfig<T extends object>(): T }): PolicySettings {
  const raw = args.getConfig<object>();
  const cacheKey = JSON.stringify(raw);
  let settings = settingsCache.get(cacheKey);
  if (settings === undefined) {
    settings = parsePolicySettings(raw);
    settingsCache.set(cacheKey, settings);
  }
  return settings;
}
