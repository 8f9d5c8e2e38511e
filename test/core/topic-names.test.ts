import { describe, expect, it } from "vitest";
import { collisionKey, topicNameProblem } from "../../core";

describe("topicNameProblem", () => {
  it.each([["orders"], ["orders.v1"], ["orders_v1"], ["a-b.c_D9"], ["x".repeat(249)]])("accepts %s", (name) => {
    expect(topicNameProblem(name)).toBeUndefined();
  });

  it.each<[string, RegExp]>([
    ["", /empty/],
    [".", /cannot be "."/],
    ["..", /cannot be ".."/],
    ["x".repeat(250), /at most 249/],
    ["orders/v1", /may only contain/],
    ["orders v1", /may only contain/],
    ["ordérs", /may only contain/],
  ])("rejects %j", (name, problem) => {
    expect(topicNameProblem(name)).toMatch(problem);
  });

  it("maps '.' and '_' to the same collision key", () => {
    expect(collisionKey("orders.v1")).toBe(collisionKey("orders_v1"));
    expect(collisionKey("orders-v1")).not.toBe(collisionKey("orders_v1"));
  });
});
