import { describe, expect, it } from "vitest";
import { POLICY_SETTING_KEYS } from "../../core";
import { TOPIC_POLICY_CONFIG_SCHEMA } from "../../policy-pack/policies/config-schema";

describe("the policy configuration schema", () => {
  it("declares exactly the settings the pack's parser reads", () => {
    expect(Object.keys(TOPIC_POLICY_CONFIG_SCHEMA.properties ?? {}).sort()).toEqual([...POLICY_SETTING_KEYS].sort());
  });
});
