import type { StackValidationPolicy } from "@pulumi/policy";
import { exemptionNoticeRule } from "../../core";
import { takeExemptions } from "./exemption-ledger";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";

/**
 * Echoes every exemption granted to a resource, so exemptions are seen at each preview rather than forgotten.
 * A stack policy, and the pack's last: it runs after every resource policy and every other stack policy.
 */
export function exemptionNoticeFor(pack: PackSettings): StackValidationPolicy {
  const settingsOf = pack.reader(exemptionNoticeRule.id);
  return {
    ...policyMetadata(exemptionNoticeRule),
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
      settingsOf(args);
      const granted = takeExemptions();
      for (const resource of args.resources) {
        // One note per exemption, naming every policy that granted it.
        const policiesByNote = new Map<string, string[]>();
        for (const { policy, exemption } of granted.get(resource.urn) ?? []) {
          const note = `(pattern ${JSON.stringify(exemption.pattern)}): ${exemption.reason}`;
          policiesByNote.set(note, [...(policiesByNote.get(note) ?? []), policy]);
        }
        for (const [note, exempting] of policiesByNote) {
          reportViolation(
            `Topic resource "${resource.name}" is exempt from ${exempting.join(", ")} ${note}`,
            resource.urn,
          );
        }
      }
    },
  };
}

export const exemptionNotice = exemptionNoticeFor(DEFAULT_PACK_SETTINGS);
