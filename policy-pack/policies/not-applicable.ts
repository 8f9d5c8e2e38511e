import type { ResourceValidationArgs } from "@pulumi/policy";

/**
 * Reports that a policy does not apply to a resource. @pulumi/policy does that by throwing an Error and keeps only its
 * message; capturing the stack trace was the largest single cost of analyzing a resource, since most of the policies
 * do not apply to most resources. So none is captured.
 */
export function notApplicable(args: Pick<ResourceValidationArgs, "notApplicable">, reason: string): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(reason);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
