import type { ResourceValidationPolicy } from "@pulumi/policy";
import { takeExemptions } from "./exemption-ledger";

/** Echoes every exemption granted to a resource, so exemptions are seen at each preview rather than forgotten. */
export const exemptionNotice: ResourceValidationPolicy = {
  name: "kafka-topic-exemption-notice",
  displayName: "Exempt topics are reported",
  description: "Lists the kafkaguard policies a topic is exempt from and the reason given in the pack configuration.",
  remediationSteps:
    "Nothing to do if the exemption is still justified; otherwise remove it from the policy configuration.",
  severity: "low",
  enforcementLevel: "advisory",
  validateResource: (args, reportViolation) => {
    // One note per exemption, naming every policy that granted it.
    const policiesByExemption = new Map<string, string[]>();
    for (const { policy, exemption } of takeExemptions(args.urn)) {
      const note = `(pattern ${JSON.stringify(exemption.pattern)}): ${exemption.reason}`;
      policiesByExemption.set(note, [...(policiesByExemption.get(note) ?? []), policy]);
    }
    for (const [note, exempting] of policiesByExemption) {
      reportViolation(`Topic resource "${args.name}" is exempt from ${exempting.join(", ")} ${note}`);
    }
  },
};
