import type { ResourceValidationPolicy } from "@pulumi/policy";
import { deletionProtection, findExemption } from "../../core";
import { TOPIC_RESOURCE_SHAPES } from "../platforms";
import { configSchemaFor } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { recordExemption } from "./exemption-ledger";
import { policyMetadata } from "./metadata";
import { DEFAULT_PACK_SETTINGS, type PackSettings } from "./settings";
import { topicShapeOf } from "./topic-policies";

/**
 * Advisory by default (set enforcementLevel "mandatory" to block): flags topic resources that a replace or destroy
 * would delete. The analyzer protocol carries `protect` but not `retainOnDelete`, so only protect (or a platform's
 * own guard, such as Aiven's terminationProtection) counts.
 */
export function deletionProtectionPolicyFor(pack: PackSettings): ResourceValidationPolicy {
  const settingsOf = pack.reader(deletionProtection.id);
  return {
    ...policyMetadata(deletionProtection),
    enforcementLevel: "advisory",
    configSchema: configSchemaFor(deletionProtection.id),
    validateResource: (args, reportViolation) => {
      const settings = settingsOf(args);
      const shape = topicShapeOf(args);
      // A protected topic passes without reading its properties, so unknowns cannot matter.
      if (args.opts.protect) return;
      const { topicName } = shape.read(args.props, args.name);
      const exemption = findExemption(topicName, settings.exemptions);
      if (exemption !== undefined) {
        recordExemption(args.urn, deletionProtection.id, exemption);
        return;
      }
      const guards = { protect: false, platformGuard: shape.deletionGuard?.(args.props) };
      for (const message of deletionProtection.check(topicName, guards)) reportViolation(message);
    },
  };
}

export function coveredDeletionProtection(pack: PackSettings): CoveredPolicy {
  return { policy: deletionProtectionPolicyFor(pack), checks: TOPIC_RESOURCE_SHAPES };
}

export const deletionProtectionPolicy = deletionProtectionPolicyFor(DEFAULT_PACK_SETTINGS);
