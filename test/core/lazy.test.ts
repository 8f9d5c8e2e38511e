import { describe, expect, it } from "vitest";
import { lazy } from "../../core";

interface Sample {
  first: number;
  second: string;
}

function counted() {
  const calls = { first: 0, second: 0 };
  const value = lazy<Sample>({
    first: () => ++calls.first,
    second: () => `read ${++calls.second}`,
  });
  return { calls, value };
}

describe("lazy", () => {
  it("computes a value on its first read only, and never one that is not read", () => {
    const { calls, value } = counted();
    expect(calls).toEqual({ first: 0, second: 0 });
    expect([value.first, value.first, value.first]).toEqual([1, 1, 1]);
    expect(calls).toEqual({ first: 1, second: 0 });
  });

  it("keeps each object's values apart when objects share their keys", () => {
    const one = counted();
    const other = counted();
    expect(one.value.second).toBe("read 1");
    expect(other.value.first).toBe(1);
    expect(one.calls).toEqual({ first: 0, second: 1 });
    expect(other.calls).toEqual({ first: 1, second: 0 });
  });

  it("remembers an undefined value, and a value that cannot be computed throws where it is read", () => {
    let calls = 0;
    const value = lazy<{ missing: undefined; failing: number }>({
      missing: () => void calls++,
      failing: () => {
        throw new Error("unreadable");
      },
    });
    expect(value.missing).toBeUndefined();
    expect(value.missing).toBeUndefined();
    expect(calls).toBe(1);
    expect(() => value.failing).toThrow("unreadable");
  });

  it("lists its keys to `in` and for…in, as the object it stands for", () => {
    const { value } = counted();
    expect("first" in value && "second" in value).toBe(true);
    const keys: string[] = [];
    for (const key in value) keys.push(key);
    expect(keys).toEqual(["first", "second"]);
  });
});
