import { describe, expect, it } from "vitest";
import { POLICY_SETTINGS } from "../../core";
import { policies } from "../../policy-pack/policies";
import { configSchemaFor } from "../../policy-pack/policies/config-schema";

describe("the policy configuration schemas", () => {
  it("cover every policy of the pack, in pack order", () => {
    expect(policies.map((policy) => policy.name)).toEqual(Object.keys(POLICY_SETTINGS));
  });

  it.each(Object.entries(POLICY_SETTINGS))("%s declares exactly the settings it reads", (name, reads) => {
    const policy = policies.find((candidate) => candidate.name === name);
    expect(Object.keys(policy?.configSchema?.properties ?? {}).sort()).toEqual([...reads].sort());
    expect(policy?.configSchema).toEqual(configSchemaFor(name));
  });

  it("declares no defaults, which the CLI would write over the pack's settings block", () => {
    for (const policy of policies) {
      for (const property of Object.values(policy.configSchema?.properties ?? {})) {
        expect(property).not.toHaveProperty("default");
      }
    }
  });
});
