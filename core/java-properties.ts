/**
 * Reads `.properties` text exactly as java.util.Properties.load does, which is how Kafka brokers (and AWS MSK's
 * serverProperties) read their configuration:
 * - a natural line ends at "\n", "\r" or "\r\n";
 * - a line whose first non-blank character is "#" or "!" is a comment; blank lines are skipped;
 * - a line ending in an odd number of backslashes continues on the next line, whose leading blanks are dropped
 *   (a comment line never continues);
 * - the key ends at the first unescaped "=", ":" or blank; blanks around the separator are dropped, and one
 *   "=" or ":" may follow blank separators;
 * - escapes: \t \n \r \f, \uXXXX, and a backslash before any other character stands for that character;
 * - a later duplicate key replaces an earlier one. Trailing blanks of a value are kept (Kafka trims values itself).
 */

export type PropertiesParse = { ok: true; entries: Record<string, string> } | { ok: false; problem: string };

const BLANK = new Set([" ", "\t", "\f"]);
const ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

/** Splits text into logical lines, dropping comments and blank lines (a port of Properties.LineReader). */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let line = "";
  let skipBlanks = true;
  let isComment = false;
  let atLineStart = true;
  let continued = false;
  let precedingBackslash = false;
  let skipLineFeed = false;
  for (const c of text) {
    if (skipLineFeed) {
      skipLineFeed = false;
      if (c === "\n") continue;
    }
    if (skipBlanks) {
      if (BLANK.has(c)) continue;
      if (!continued && (c === "\r" || c === "\n")) continue;
      skipBlanks = false;
      continued = false;
    }
    if (atLineStart) {
      atLineStart = false;
      if (c === "#" || c === "!") {
        isComment = true;
        continue;
      }
    }
    if (c !== "\n" && c !== "\r") {
      line += c;
      precedingBackslash = c === "\\" ? !precedingBackslash : false;
      continue;
    }
    if (isComment || line.length === 0) {
      // Like the JDK, the backslash flag is not reset here.
      isComment = false;
      atLineStart = true;
      skipBlanks = true;
      line = "";
    } else if (precedingBackslash) {
      line = line.slice(0, -1);
      skipBlanks = true;
      continued = true;
      precedingBackslash = false;
      skipLineFeed = c === "\r";
    } else {
      lines.push(line);
      line = "";
      skipBlanks = true;
      atLineStart = true;
      precedingBackslash = false;
    }
  }
  if (line.length > 0 && !isComment) lines.push(precedingBackslash ? line.slice(0, -1) : line);
  return lines;
}

/** Resolves escapes in a key or value (Properties.loadConvert). */
type Unescaped = { ok: true; value: string } | { ok: false; problem: string };

function unescape(text: string): Unescaped {
  let value = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== "\\") {
      value += c;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        return { ok: false, problem: `malformed \\uxxxx escape ${JSON.stringify(`\\u${hex}`)}` };
      }
      value += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      value += ESCAPES[next] ?? next;
    }
  }
  return { ok: true, value };
}

/** Splits one logical line into its raw key and raw value (Properties.load0). */
function splitKeyValue(line: string): [string, string] {
  let keyEnd = 0;
  let valueStart = line.length;
  let hasSeparator = false;
  let precedingBackslash = false;
  for (; keyEnd < line.length; keyEnd++) {
    const c = line[keyEnd] as string;
    if (!precedingBackslash && (c === "=" || c === ":")) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!precedingBackslash && BLANK.has(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    precedingBackslash = c === "\\" ? !precedingBackslash : false;
  }
  for (; valueStart < line.length; valueStart++) {
    const c = line[valueStart] as string;
    if (BLANK.has(c)) continue;
    if (!hasSeparator && (c === "=" || c === ":")) {
      hasSeparator = true;
      continue;
    }
    break;
  }
  return [line.slice(0, keyEnd), line.slice(valueStart)];
}

/** Parses `.properties` text; a malformed \u escape is reported (Java throws on it and the broker does not start). */
export function parseJavaProperties(text: string): PropertiesParse {
  const entries = new Map<string, string>();
  for (const [index, line] of logicalLines(text).entries()) {
    const [key, value] = splitKeyValue(line).map(unescape) as [Unescaped, Unescaped];
    if (!key.ok) return { ok: false, problem: `${key.problem} in entry ${index + 1} (${JSON.stringify(line)})` };
    if (!value.ok) return { ok: false, problem: `${value.problem} in entry ${index + 1} (${JSON.stringify(line)})` };
    entries.set(key.value, value.value);
  }
  // fromEntries defines own properties, so even a key like "__proto__" stays an ordinary entry.
  return { ok: true, entries: Object.fromEntries(entries) };
}
