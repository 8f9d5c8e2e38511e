import type { ResourceValidationArgs } from "@pulumi/policy";

/**
 * Reports that a policy does not apply to a resource, as @pulumi/policy expects, without capturing a stack
 * trace: most policies do not apply to most resources, and capturing one per call was the pack's largest
 * per-resource cost at scale.
 */
export function notApplicable(args: ResourceValidationArgs, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
