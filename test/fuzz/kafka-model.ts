/**
 * A reference model of how Kafka itself reads a topic's durability settings, written from Kafka's Java sources
 * (ConfigDef.parseType, String.trim, Integer.parseInt, String.equalsIgnoreCase) and independent of core/.
 * The fuzz tests judge kafkaguard's verdicts against it.
 */

/** Java's String.trim(): removes every character up to U+0020 (spaces and control characters) at both ends. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** Character.digit(c, 10): Unicode decimal digits come in runs of ten starting at zero, in every script. */
function javaDigit(char: string): number | undefined {
  if (!DECIMAL_DIGIT.test(char)) return undefined;
  let codePoint = char.codePointAt(0) as number;
  let offset = 0;
  while (DECIMAL_DIGIT.test(String.fromCodePoint(codePoint - 1))) {
    codePoint--;
    offset++;
  }
  return offset % 10;
}

/** Integer.parseInt(text): an optional sign and decimal digits of any script, within 32 bits; else undefined. */
export function javaParseInt(text: string): number | undefined {
  const chars = [...text];
  const sign = chars[0] === "-" ? -1 : 1;
  if (chars[0] === "-" || chars[0] === "+") chars.shift();
  if (chars.length === 0) return undefined;
  let value = 0;
  for (const char of chars) {
    const digit = javaDigit(char);
    if (digit === undefined) return undefined;
    value = value * 10 + digit;
    if (value > 2 ** 31) return undefined;
  }
  // Java ints have no negative zero.
  const signed = sign * value + 0;
  return signed > 2 ** 31 - 1 ? undefined : signed;
}

/** Character.toUpperCase / toLowerCase map one UTF-16 unit to one; JavaScript may expand (ß -> SS), Java does not. */
function oneUnit(char: string, mapped: string): string {
  return mapped.length === 1 ? mapped : char;
}

/** String.equalsIgnoreCase, as Java compares it: unit by unit, through upper and then lower case. */
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const x = a.charAt(index);
    const y = b.charAt(index);
    if (x === y) continue;
    const upperX = oneUnit(x, x.toUpperCase());
    const upperY = oneUnit(y, y.toUpperCase());
    if (upperX === upperY) continue;
    if (oneUnit(upperX, upperX.toLowerCase()) === oneUnit(upperY, upperY.toLowerCase())) continue;
    return false;
  }
  return true;
}

/** What Kafka makes of one config value: a parsed value, or a refusal (the topic is not created). */
export type KafkaValue<T> = { accepted: true; value: T } | { accepted: false };

const REFUSED = { accepted: false } as const;

/** How a value in the Pulumi props reaches Kafka: the provider sends config values as strings. */
function asConfigString(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (typeof raw === "boolean") return String(raw);
  if (typeof raw === "number" && Number.isSafeInteger(raw)) return String(raw);
  return undefined;
}

/** ConfigDef INT: trim, then Integer.parseInt; `atLeast` is the key's validator. */
export function kafkaInt(raw: unknown, atLeast: number): KafkaValue<number> {
  const text = asConfigString(raw);
  const value = text === undefined ? undefined : javaParseInt(javaTrim(text));
  return value === undefined || value < atLeast ? REFUSED : { accepted: true, value };
}

/** ConfigDef BOOLEAN: trim, then equalsIgnoreCase "true" or "false". */
export function kafkaBoolean(raw: unknown): KafkaValue<boolean> {
  const text = asConfigString(raw);
  if (text === undefined) return REFUSED;
  const trimmed = javaTrim(text);
  if (javaEqualsIgnoreCase(trimmed, "true")) return { accepted: true, value: true };
  if (javaEqualsIgnoreCase(trimmed, "false")) return { accepted: true, value: false };
  return REFUSED;
}

/** CreateTopics carries the replication factor as a 16-bit integer. */
const INT16_MAX = 32767;

/** The replication factor a provider sends: a whole number (a plain numeric string is converted); else refused. */
function providerReplicationFactor(raw: unknown): KafkaValue<number> {
  const parsed: KafkaValue<number> =
    typeof raw === "number" && Number.isSafeInteger(raw)
      ? { accepted: true, value: raw }
      : typeof raw === "string" && /^\+?\d+$/.test(raw)
        ? kafkaInt(raw, 1)
        : REFUSED;
  return parsed.accepted && parsed.value >= 1 && parsed.value <= INT16_MAX ? parsed : REFUSED;
}

export type InheritableKey = "default.replication.factor" | "min.insync.replicas" | "unclean.leader.election.enable";

/** Kafka's built-in broker defaults. */
export const KAFKA_DEFAULTS: Readonly<Record<InheritableKey, string>> = {
  "default.replication.factor": "1",
  "min.insync.replicas": "1",
  "unclean.leader.election.enable": "false",
};

/** A topic's three durability settings as declared (undefined or null: not set) and what it inherits otherwise. */
export interface DeclaredTopic {
  replicationFactor: unknown;
  minInsyncReplicas: unknown;
  uncleanLeaderElection: unknown;
  inherited: Readonly<Record<InheritableKey, string>>;
}

export interface Thresholds {
  minReplicationFactor: number;
  minInsyncReplicas: number;
}

const unset = (raw: unknown) => raw === undefined || raw === null;

/** How the topic runs on a real cluster: refused (never created), or created with safe or unsafe settings. */
export function topicOutcome(topic: DeclaredTopic, thresholds: Thresholds): "refused" | "safe" | "unsafe" {
  const { inherited } = topic;
  const rf = unset(topic.replicationFactor)
    ? kafkaInt(inherited["default.replication.factor"], 1)
    : providerReplicationFactor(topic.replicationFactor);
  const minIsr = kafkaInt(
    unset(topic.minInsyncReplicas) ? inherited["min.insync.replicas"] : topic.minInsyncReplicas,
    1,
  );
  const unclean = kafkaBoolean(
    unset(topic.uncleanLeaderElection) ? inherited["unclean.leader.election.enable"] : topic.uncleanLeaderElection,
  );
  if (!rf.accepted || !minIsr.accepted || !unclean.accepted) return "refused";
  const safe =
    rf.value >= thresholds.minReplicationFactor &&
    minIsr.value >= thresholds.minInsyncReplicas &&
    rf.value > minIsr.value &&
    !unclean.value;
  return safe ? "safe" : "unsafe";
}
