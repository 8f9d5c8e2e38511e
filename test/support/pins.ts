import { readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./analyzer-client";

/** scripts/pins.env, the one place that names every pinned version: KEY=value lines, # comments. */
export function readPins(file = path.join(REPO_ROOT, "scripts/pins.env")): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const at = trimmed.indexOf("=");
    if (at <= 0) throw new Error(`scripts/pins.env: "${trimmed}" is not KEY=value`);
    pins[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return pins;
}

/** A pin of the given toolchain line (floor or current), e.g. linePin(pins, "current", "PULUMI"). */
export function linePin(pins: Record<string, string>, line: string, key: string): string {
  const value = pins[`${line.toUpperCase()}_${key}`];
  if (value === undefined) throw new Error(`scripts/pins.env has no ${line.toUpperCase()}_${key}`);
  return value;
}
