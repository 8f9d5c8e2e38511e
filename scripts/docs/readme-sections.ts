import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { coverageByResourceKind } from "../../policy-pack/coverage";
import { NOTHING_TO_CHECK } from "../../policy-pack/platforms";
import { policies } from "../../policy-pack/policies";

export const README_PATH = path.resolve(__dirname, "../../README.md");
/** The document that holds the generated tables (the README links to it). */
export const GENERATED_DOC_PATH = path.resolve(__dirname, "../../docs/policies.md");

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The policy reference table, rendered from the pack's own metadata. */
export function renderPolicyReference(): string {
  const rows = policies.map(
    (p) =>
      `| \`${p.name}\` | ${p.enforcementLevel ?? "advisory"} | ${p.severity ?? ""} | ${cell(p.description)} | ${cell(p.remediationSteps ?? "")} |`,
  );
  return [
    "| Policy | Default level | Severity | What it checks | How to fix |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function codeList(items: readonly string[]): string {
  return items.length === 0 ? "—" : items.map((item) => `\`${item}\``).join(", ");
}

/** Resource type × policy: which policies check each resource kind, and which read it for stack checks. */
export function renderCoverage(): string {
  const rows = coverageByResourceKind().map(
    ({ kind, checkedBy, readBy }) =>
      `| ${cell(kind.label)} | ${codeList(kind.types)} | ${codeList(checkedBy)} | ${codeList(readBy)} |`,
  );
  return [
    "| Resource | Type tokens | Checked by | Read by (stack policies) |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

/** The Kafka resources the platform adapters deliberately do not read, with the reason. */
export function renderNothingToCheck(): string {
  const rows = NOTHING_TO_CHECK.map(
    (kind) => `| ${cell(kind.label)} | ${codeList(kind.types)} | ${cell(kind.reason)} |`,
  );
  return ["| Resource | Type tokens | Why there is nothing to check |", "| --- | --- | --- |", ...rows].join("\n");
}

/** Generated sections of the README, by marker name. */
export const GENERATED_SECTIONS: Record<string, () => string> = {
  "policy-reference": renderPolicyReference,
  coverage: renderCoverage,
  "nothing-to-check": renderNothingToCheck,
};

/** A section as it appears in the README: rendered, then formatted like the rest of the file. */
export async function formattedSection(name: string): Promise<string> {
  const render = GENERATED_SECTIONS[name];
  if (render === undefined) throw new Error(`no generated section ${name}`);
  const options = await prettier.resolveConfig(README_PATH);
  return (await prettier.format(render(), { ...options, parser: "markdown" })).trim();
}

function markers(name: string): [string, string] {
  return [`<!-- generated:${name}:start -->`, `<!-- generated:${name}:end -->`];
}

/** Returns the text between a section's markers, or undefined when the markers are missing. */
export function readSection(readme: string, name: string): string | undefined {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return readme.slice(from + start.length, to).trim();
}

function replaceSection(readme: string, name: string, content: string): string {
  const [start, end] = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${GENERATED_DOC_PATH} has no ${start} … ${end} markers`);
  return `${readme.slice(0, from + start.length)}\n\n${content}\n\n${readme.slice(to)}`;
}

// `npm run docs` rewrites the generated sections in place.
async function updateReadme(): Promise<void> {
  let doc = readFileSync(GENERATED_DOC_PATH, "utf8");
  for (const name of Object.keys(GENERATED_SECTIONS)) doc = replaceSection(doc, name, await formattedSection(name));
  writeFileSync(GENERATED_DOC_PATH, doc);
  console.log(`updated ${Object.keys(GENERATED_SECTIONS).join(", ")} in ${GENERATED_DOC_PATH}`);
}

if (require.main === module) void updateReadme();
