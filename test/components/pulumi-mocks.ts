import * as pulumi from "@pulumi/pulumi";

export interface RegisteredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/**
 * Installs Pulumi's mock runtime and records every resource a program registers.
 * Resource options (protect, retainOnDelete) are not visible to mocks; tests read them from the resource.
 */
export function recordRegistrations(): RegisteredResource[] {
  const registered: RegisteredResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "kafkaguard",
    "test",
    true,
  );
  return registered;
}

/** Resolves an Output in a mocked program. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/**
 * Waits until the mock runtime has seen every registration issued so far: the SDK's own wait for its RPC queue to
 * drain, which `pulumi.runtime.disconnect()` uses (exported by the runtime, not declared in its types).
 */
export async function settled(): Promise<void> {
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}
