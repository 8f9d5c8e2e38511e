import { readFileSync } from "node:fs";
import * as path from "node:path";
import { PolicyPack } from "@pulumi/policy";
import { KafkaguardConfigError } from "../core";
import { KAFKAGUARD_PACK_DESCRIPTION, kafkaguardPolicies } from "./library";

/** Names the settings file of the ready-made pack; the same file `kafkaguardPolicies()` and other tools take. */
export const SETTINGS_FILE_VARIABLE = "KAFKAGUARD_SETTINGS";

/** Reads the settings file named by KAFKAGUARD_SETTINGS; a relative path is taken from where pulumi was started. */
export function readSettingsFile(env: NodeJS.ProcessEnv): unknown {
  const file = env[SETTINGS_FILE_VARIABLE];
  if (file === undefined || file.trim() === "") return {};
  // The pack runs in its own folder; PWD is still the directory the user started pulumi in.
  const resolved = path.resolve(env["PWD"] ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(resolved, "utf8");
  } catch (error) {
    throw new KafkaguardConfigError(`cannot read ${resolved}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new KafkaguardConfigError(`${resolved} is not JSON: ${(error as Error).message}`);
  }
}

/** Serves the ready-made pack (policy-pack/ in the package) with the settings file, if one is named. */
export function runBundledPolicyPack(env: NodeJS.ProcessEnv = process.env): void {
  let policies;
  try {
    policies = kafkaguardPolicies(readSettingsFile(env) as object);
  } catch (error) {
    if (!(error instanceof KafkaguardConfigError)) throw error;
    // One line the CLI passes on, instead of a stack trace; the pack does not start.
    console.error(`kafkaguard: ${SETTINGS_FILE_VARIABLE}: ${error.message}`);
    process.exit(1);
  }
  new PolicyPack("kafkaguard", { description: KAFKAGUARD_PACK_DESCRIPTION, policies });
}
