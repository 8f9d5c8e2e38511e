import { describe, expect, it } from "vitest";
import { notApplicable } from "../../policy-pack/policies/not-applicable";

class NotApplicableError extends Error {}
const args = {
  notApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
  },
};

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("nothing was thrown");
}

describe("notApplicable", () => {
  it("reports through the framework's own call, with the reason, and captures no stack trace", () => {
    const error = thrownBy(() => notApplicable(args, "kafka:index/acl:Acl is not a Kafka topic resource"));
    expect(error).toBeInstanceOf(NotApplicableError);
    expect((error as Error).message).toBe("kafka:index/acl:Acl is not a Kafka topic resource");
    expect((error as Error).stack?.split("\n")).toEqual(["Error: kafka:index/acl:Acl is not a Kafka topic resource"]);
  });

  it("leaves stack traces as they were for every other error", () => {
    const before = Error.stackTraceLimit;
    thrownBy(() => notApplicable(args, "not a topic"));
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error("elsewhere").stack?.split("\n").length).toBeGreaterThan(1);
  });
});
