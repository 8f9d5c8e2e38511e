import type { ResourceValidationPolicy } from "@pulumi/policy";
import { deletionProtection, findExemption } from "../../core";
import { TOPIC_RESOURCE_SHAPES } from "../resources/topic-resources";
import { TOPIC_POLICY_CONFIG_SCHEMA } from "./config-schema";
import type { CoveredPolicy } from "./covered";
import { recordExemption } from "./exemption-ledger";
import { policyMetadata } from "./metadata";
import { settingsOf } from "./settings";
import { topicShapeOf } from "./topic-policies";

/**
 * Advisory by default (set enforcementLevel "mandatory" to block): flags topic resources that a replace or destroy
 * would delete. The analyzer protocol carries `protect` but not `retainOnDelete`, so only protect (or a platform's
 * own guard, such as Aiven's terminationProtection) counts.
 */
export const deletionProtectionPolicy: ResourceValidationPolicy = {
  ...policyMetadata(deletionProtection),
  enforcementLevel: "advisory",
  configSchema: TOPIC_POLICY_CONFIG_SCHEMA,
  validateResource: (args, reportViolation) => {
    const shape = topicShapeOf(args);
    const settings = settingsOf(args);
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

export const coveredDeletionProtection: CoveredPolicy = {
  policy: deletionProtectionPolicy,
  checks: TOPIC_RESOURCE_SHAPES,
};
