import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  GENERATED_DOC_PATH,
  GENERATED_SECTIONS,
  README_PATH,
  formattedSection,
  readSection,
} from "../../scripts/docs/readme-sections";

describe("README", () => {
  const readme = readFileSync(README_PATH, "utf8");
  const generatedDoc = readFileSync(GENERATED_DOC_PATH, "utf8");

  it.each(Object.keys(GENERATED_SECTIONS))(
    "section %s of docs/policies.md matches the pack's metadata (run npm run docs)",
    async (name) => {
      expect(readSection(generatedDoc, name)).toBe(await formattedSection(name));
    },
  );

  it("names the same test command as .ci/run", () => {
    const ci = readFileSync(README_PATH.replace("README.md", ".ci/run"), "utf8");
    const command = ci
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith("#") && !line.startsWith("set "))
      .at(-1);
    expect(command).toBeDefined();
    expect(readme).toContain("```sh\n" + command + "\n```");
  });

  it("stays short enough for a newcomer, and links every moved reference", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(150);
    for (const doc of ["docs/policies.md", "docs/components.md", "docs/development.md", "docs/platforms.md"]) {
      expect(readme).toContain(`(${doc})`);
    }
  });
});
