import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

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
  protect?: boolean;
}

export type PolicyOutcome =
  | { kind: "violations"; messages: string[] }
  | { kind: "not-applicable"; reason: string }
  | { kind: "unknown-during-preview"; message: string };

class NotApplicable extends Error {}

/**
 * A Kubernetes custom resource as @pulumi/kubernetes hands it to policies: the type token names its API group, version
 * and kind, and the resource is named namespace/name.
 */
export function customResource(
  apiVersion: string,
  kind: string,
  metadata: { name: string; namespace: string },
  spec: Record<string, unknown>,
): ResourceUnderTest {
  return {
    type: `kubernetes:${apiVersion}:${kind}`,
    name: `${metadata.namespace}/${metadata.name}`,
    props: { apiVersion, kind, metadata, spec },
  };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::kafkaguard::${type}::${name}`;
}

function optionsOf(protect: boolean | undefined): PolicyResourceOptions {
  return {
    protect: protect ?? false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
}

function argsFor(resource: ResourceUnderTest): ResourceValidationArgs {
  const name = resource.name ?? "topic";
  const props = proxy.unknownCheckingProxy(resource.props);
  return {
    type: resource.type,
    props,
    urn: urnOf(resource.type, name),
    name,
    opts: optionsOf(resource.protect),
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

/** A resource of a stack under test; dependencies and the provider are given by resource name. */
export interface StackResourceUnderTest {
  type: string;
  name: string;
  props: Record<string, unknown>;
  dependsOn?: string[];
  propertyDependencies?: Record<string, string[]>;
  provider?: string;
}

export type StackOutcome =
  | { kind: "violations"; violations: { message: string; resource: string | undefined }[] }
  | {
      kind: "unknown-during-preview";
      message: string;
      violations: { message: string; resource: string | undefined }[];
    };

/** Builds the resources the way the policy server does for AnalyzeStack: proxied props, linked dependencies. */
function stackResourcesFor(resources: StackResourceUnderTest[]): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  const built = resources.map((resource) => {
    const policyResource: PolicyResource = {
      type: resource.type,
      name: resource.name,
      urn: urnOf(resource.type, resource.name),
      props: proxy.unknownCheckingProxy(resource.props),
      opts: optionsOf(false),
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    };
    byName.set(resource.name, policyResource);
    return policyResource;
  });
  const lookUp = (name: string): PolicyResource => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`no resource named ${name} in the stack under test`);
    return found;
  };
  resources.forEach((resource, index) => {
    const policyResource = built[index] as PolicyResource;
    policyResource.dependencies = (resource.dependsOn ?? []).map(lookUp);
    for (const [property, names] of Object.entries(resource.propertyDependencies ?? {})) {
      policyResource.propertyDependencies[property] = names.map(lookUp);
    }
    if (resource.provider !== undefined) {
      const provider = lookUp(resource.provider);
      policyResource.provider = { type: provider.type, props: provider.props, urn: provider.urn, name: provider.name };
    }
  });
  return built;
}

/** Runs one stack policy on a stack, the way the policy server does; violations name the resource they are about. */
export async function runStackPolicy(
  policy: StackValidationPolicy,
  resources: StackResourceUnderTest[],
  config: object = {},
): Promise<StackOutcome> {
  const stack = stackResourcesFor(resources);
  const violations: { message: string; resource: string | undefined }[] = [];
  try {
    await policy.validateStack(
      {
        resources: stack,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string): never => {
          throw new NotApplicable(reason ?? "not applicable");
        },
      },
      (message, urn) => void violations.push({ message, resource: stack.find((r) => r.urn === urn)?.name }),
    );
  } catch (error) {
    if (error instanceof proxy.UnknownValueError) {
      return { kind: "unknown-during-preview", message: error.message, violations };
    }
    throw error;
  }
  return { kind: "violations", violations };
}
