/**
 * Parsing of topic and broker configuration values the way Kafka's ConfigDef does it:
 * strings are trimmed, booleans are case-insensitive, integers are plain decimal integers.
 * Anything else is malformed, and malformed is reported, never guessed.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const DECIMAL_INTEGER = /^[+-]?\d+$/;
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/** Renders any input value for a message, so users see exactly what they wrote. */
export function describeValue(raw: unknown): string {
  if (typeof raw === "string") return JSON.stringify(raw);
  if (typeof raw === "number" || typeof raw === "boolean" || raw === null || raw === undefined) {
    return String(raw);
  }
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return Object.prototype.toString.call(raw);
  }
}

/** Kafka INT: a 32-bit integer given as a number or a decimal string (surrounding whitespace ignored). */
export function parseKafkaInt(raw: unknown): Parsed<number> {
  let value: number;
  if (typeof raw === "number") {
    value = raw;
  } else if (typeof raw === "string" && DECIMAL_INTEGER.test(raw.trim())) {
    value = Number(raw.trim());
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
    const text = raw.trim().toLowerCase();
    if (text === "true") return { ok: true, value: true };
    if (text === "false") return { ok: true, value: false };
  }
  return { ok: false, problem: `${describeValue(raw)} is not true or false` };
}
