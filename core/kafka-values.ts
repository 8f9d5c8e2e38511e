/**
 * Parsing of topic and broker configuration values the way Kafka's ConfigDef does it:
 * strings are trimmed as Java trims them, booleans are case-insensitive, integers are plain decimal integers.
 * Anything else is malformed, and malformed is reported, never guessed.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A plain object (not null, not an array): a key/value map as resource properties and JSON carry them. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows a path of keys through nested objects; undefined as soon as one is missing. */
export function valueAt(record: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

const DECIMAL_INTEGER = /^[+-]?\d+$/;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/**
 * Java's String.trim(), which ConfigDef applies: it strips every character up to U+0020 (control characters too)
 * but no other Unicode space, so "2\u00a0" stays malformed for Kafka and "true\u0001" is true.
 */
export function javaTrim(text: string): string {
  // eslint-disable-next-line no-control-regex -- Java's trim is defined on exactly these characters.
  return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
}

/** Renders any input value for a message, so users see exactly what they wrote. */
export function describeValue(raw: unknown): string {
  if (typeof raw === "string") return JSON.stringify(raw);
  if (typeof raw === "number" || typeof raw === "boolean" || raw === null || raw === undefined) {
    return String(raw);
  }
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return describeParts(raw, 0);
  }
}

/**
 * JSON-like rendering of an object or array some part of which cannot be read (during preview, a value not known
 * yet throws when read), so the message still shows what was written around it.
 */
function describeParts(raw: unknown, depth: number): string {
  if (typeof raw !== "object" || raw === null) return describeValue(raw);
  if (depth >= 4) return Array.isArray(raw) ? "[…]" : "{…}";
  const parts = Object.keys(raw).map((key) => {
    let part: string;
    try {
      part = describeParts((raw as Record<string, unknown>)[key], depth + 1);
    } catch {
      part = "(not known yet)";
    }
    return Array.isArray(raw) ? part : `${JSON.stringify(key)}:${part}`;
  });
  return Array.isArray(raw) ? `[${parts.join(",")}]` : `{${parts.join(",")}}`;
}

/** Kafka INT: a 32-bit integer given as a number or a decimal string (surrounding whitespace ignored). */
export function parseKafkaInt(raw: unknown): Parsed<number> {
  let value: number;
  if (typeof raw === "number") {
    value = raw;
  } else if (typeof raw === "string" && DECIMAL_INTEGER.test(javaTrim(raw))) {
    value = Number(javaTrim(raw));
  } else {
    return { ok: false, problem: `${describeValue(raw)} is not an integer` };
  }
  if (!Number.isInteger(value)) return { ok: false, problem: `${describeValue(raw)} is not an integer` };
  if (value > INT32_MAX || value < INT32_MIN) {
    return { ok: false, problem: `${describeValue(raw)} is outside Kafka's 32-bit integer range` };
  }
  return { ok: true, value };
}

/** A Kafka INT that must also be at least 1 (replica counts). */
export function parsePositiveKafkaInt(raw: unknown): Parsed<number> {
  const parsed = parseKafkaInt(raw);
  if (parsed.ok && parsed.value < 1) {
    return { ok: false, problem: `${describeValue(raw)} must be at least 1` };
  }
  return parsed;
}

/** Kafka BOOLEAN: true/false in any case, surrounding whitespace ignored. */
export function parseKafkaBoolean(raw: unknown): Parsed<boolean> {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  if (typeof raw === "string") {
    const text = javaTrim(raw).toLowerCase();
    if (text === "true") return { ok: true, value: true };
    if (text === "false") return { ok: true, value: false };
  }
  return { ok: false, problem: `${describeValue(raw)} is not true or false` };
}
