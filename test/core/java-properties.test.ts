import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJavaProperties } from "../../core";

// Expected values follow java.util.Properties.load on the same text.
describe("parseJavaProperties", () => {
  it.each<[string, string, Record<string, string>]>([
    ["equals", "a=b", { a: "b" }],
    ["colon", "a:b", { a: "b" }],
    ["blank separator", "a b", { a: "b" }],
    ["tab separator", "a\tb", { a: "b" }],
    ["form feed separator", "a\fb", { a: "b" }],
    ["blanks around the separator", "a   =   b", { a: "b" }],
    ["blanks then one separator", "a  :  =b", { a: "=b" }],
    ["leading blanks of the line", "   \ta=b", { a: "b" }],
    ["trailing blanks of the value are kept", "a=b  ", { a: "b  " }],
    ["a later separator belongs to the value", "a=b=c", { a: "b=c" }],
    ["a key alone", "a", { a: "" }],
    ["an empty value", "a=", { a: "" }],
    ["hash comments", "# min.insync.replicas=1\na=b", { a: "b" }],
    ["bang comments", "  ! a=1\nb=2", { b: "2" }],
    ["a hash inside a value", "a=b#c", { a: "b#c" }],
    ["blank lines", "\n\n  \t\na=1\n\n", { a: "1" }],
    ["CR line ends", "a=1\rb=2", { a: "1", b: "2" }],
    ["CRLF line ends", "a=1\r\nb=2\r\n", { a: "1", b: "2" }],
    ["a continuation drops the next line's leading blanks", "a=1\\\n    2", { a: "12" }],
    ["a continuation over CRLF", "a=1\\\r\n  2\r\nb=3", { a: "12", b: "3" }],
    ["a continued line is never a comment", "a=1\\\n#2", { a: "1#2" }],
    ["a comment never continues", "# note \\\na=1", { a: "1" }],
    ["an escaped backslash does not continue", "a=1\\\\\nb=2", { a: "1\\", b: "2" }],
    ["a blank line ends a continuation", "a=1\\\n\nb=2", { a: "1", b: "2" }],
    ["a trailing backslash at the end of the text is dropped", "a=1\\", { a: "1" }],
    ["escaped separators in the key", "a\\=b\\:c\\ d=e", { "a=b:c d": "e" }],
    ["escapes", "a=\\t\\n\\r\\f\\q", { a: "\t\n\r\fq" }],
    ["unicode escapes", "a=\\u0041\\u00e9", { a: "Aé" }],
    ["the last duplicate wins", "a=1\na=2", { a: "2" }],
    [
      "an MSK-style configuration",
      "auto.create.topics.enable = false\ndefault.replication.factor=3\nmin.insync.replicas: 2\nunclean.leader.election.enable false\n",
      {
        "auto.create.topics.enable": "false",
        "default.replication.factor": "3",
        "min.insync.replicas": "2",
        "unclean.leader.election.enable": "false",
      },
    ],
    ["a __proto__ key stays an entry", "__proto__=1", { ["__proto__"]: "1" }],
  ])("%s", (_label, text, expected) => {
    const parsed = parseJavaProperties(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(Object.entries(parsed.entries)).toEqual(Object.entries(expected));
  });

  it.each([["a=\\u00G1"], ["a=\\u12"], ["\\uXYZW=1"]])("reports a malformed \\u escape in %j", (text) => {
    expect(parseJavaProperties(text)).toMatchObject({ ok: false, problem: expect.stringMatching(/malformed \\uxxxx/) });
  });

  it("reads back any entries written with any separator, escaping and line ends", () => {
    const key = fc.stringMatching(/^[a-z][a-z.]{0,15}$/);
    const value = fc.string({ maxLength: 12 }).filter((v) => !/[\\\r\n]/.test(v) && v.trim() === v);
    const separator = fc.constantFrom("=", ":", " ", " = ", "\t:\t", "  ");
    const lineEnd = fc.constantFrom("\n", "\r\n", "\r");
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), separator, lineEnd, (entries, sep, end) => {
        // A value that starts with a separator character would be read as part of the separator.
        const escaped = (v: string) => v.replace(/^[=: \t\f]/, (c) => `\\${c}`);
        const text = Object.entries(entries)
          .map(([k, v]) => `${k}${sep}${escaped(v)}`)
          .join(end);
        const parsed = parseJavaProperties(text);
        expect(parsed).toEqual({ ok: true, entries });
      }),
    );
  });
});
