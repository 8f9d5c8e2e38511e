import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

// The policy server wraps props in this proxy; using it here keeps unknown handling real in unit tests.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy(props: object): Record<string, unknown>;
  UnknownValueError: new (...args: never[]) => Error;
  unknownNumberValue: string;
  unknownStringValue: string;
  unknownObjectValue: string;
};

/** Sentinels Pulumi uses for values not known during preview. */
export const UNKNOWN_NUMBER = proxy.unknownNumberValue;
export const UNKNOWN_STRING = proxy.unknownStringValue;
export const UNKNOWN_OBJECT = proxy.unknownObjectValue;

export interface ResourceUnderTest {
  type: string;
  props: Record<string, unknown>;
  name?: string;
  config?: object;
}

export type PolicyOutcome =
  | { kind: "violations"; messages: string[] }
  | { kind: "not-applicable"; reason: string }
  | { kind: "unknown-during-preview"; message: string };

class NotApplicable extends Error {}

function argsFor(resource: ResourceUnderTest): ResourceValidationArgs {
  const name = resource.name ?? "topic";
  const props = proxy.unknownCheckingProxy(resource.props);
  return {
    type: resource.type,
    props,
    urn: `urn:pulumi:test::kafkaguard::${resource.type}::${name}`,
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => (resource.config ?? {}) as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason ?? "not applicable");
    },
  };
}

async function settle(run: () => Promise<void> | void): Promise<PolicyOutcome | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (error instanceof NotApplicable) return { kind: "not-applicable", reason: error.message };
    if (error instanceof proxy.UnknownValueError) return { kind: "unknown-during-preview", message: error.message };
    throw error;
  }
}

/** Runs one policy's validation on one resource, the way the policy server does. */
export async function runPolicy(policy: ResourceValidationPolicy, resource: ResourceUnderTest): Promise<PolicyOutcome> {
  const messages: string[] = [];
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) {
    const outcome = await settle(() => validate(argsFor(resource), (message) => void messages.push(message)));
    if (outcome !== undefined) return outcome;
  }
  return { kind: "violations", messages };
}

/** Runs one policy's remediation on one resource; returns the new props, or undefined when nothing changes. */
export async function remediate(
  policy: ResourceValidationPolicy,
  resource: ResourceUnderTest,
): Promise<Record<string, unknown> | undefined> {
  if (policy.remediateResource === undefined) throw new Error(`${policy.name} has no remediation`);
  const result = await policy.remediateResource(argsFor(resource));
  return result ?? undefined;
}
