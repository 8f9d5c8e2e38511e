import { describe, expect, it } from "vitest";
import { type DeletionGuard, deletionGuardOptions } from "../../components/durable-topic-plan";
import { deletionProtectionPolicy } from "../../policy-pack/policies/deletion-protection";
import { exemptionNotice } from "../../policy-pack/policies/exemption-notice";
import { runPolicy, runStackPolicy } from "./run-policy";

const topic = { type: "kafka:index/topic:Topic", name: "orders", props: { name: "orders", replicationFactor: 3 } };

describe("kafka-topic-deletion-protection and the components' deletion guards", () => {
  // The analyzer protocol passes `protect` but not `retainOnDelete`, so only "protect" is visible to the pack.
  it.each<[DeletionGuard, boolean]>([
    ["protect", false],
    ["retain", true],
    ["none", true],
  ])("a DurableTopic with deletionGuard %j is flagged: %j", async (guard, flagged) => {
    const { protect } = deletionGuardOptions(guard);
    const outcome = await runPolicy(deletionProtectionPolicy, { ...topic, protect: protect ?? false });
    expect(outcome).toMatchObject({ kind: "violations", messages: flagged ? [expect.any(String)] : [] });
  });

  it("is advisory by default", () => {
    expect(deletionProtectionPolicy.enforcementLevel).toBe("advisory");
  });

  it("honours exemptions and reports them to the exemption notice", async () => {
    const config = { exemptions: [{ pattern: "orders", reason: "scratch topic, recreated by tests" }] };
    expect(await runPolicy(deletionProtectionPolicy, { ...topic, config })).toEqual({
      kind: "violations",
      messages: [],
    });
    expect(await runStackPolicy(exemptionNotice, [topic])).toEqual({
      kind: "violations",
      violations: [
        {
          resource: "orders",
          message:
            'Topic resource "orders" is exempt from kafka-topic-deletion-protection (pattern "orders"): scratch topic, recreated by tests',
        },
      ],
    });
  });

  it("does not read the properties of a protected topic, so unknowns there do not matter", async () => {
    const outcome = await runPolicy(deletionProtectionPolicy, { ...topic, props: {}, protect: true, name: "x" });
    expect(outcome).toEqual({ kind: "violations", messages: [] });
  });

  it("is not applicable to resources that are not topics", async () => {
    const outcome = await runPolicy(deletionProtectionPolicy, { type: "aws:msk/cluster:Cluster", props: {} });
    expect(outcome.kind).toBe("not-applicable");
  });
});
