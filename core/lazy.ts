const COMPUTE = Symbol("compute");
const VALUES = Symbol("values");

interface LazyInstance {
  [COMPUTE]: Record<string, (() => unknown) | undefined>;
  [VALUES]: Record<string, unknown>;
}

/**
 * One prototype per set of keys, holding the getters: in V8 an object whose accessors are its own gets a hidden class of
 * its own, which made this the largest item of kafkaguard's own code in a profile of AnalyzeStack over 40,000 topics.
 */
const PROTOTYPES = new Map<string, object>();

function prototypeFor(keys: readonly string[]): object {
  const signature = keys.join("\0");
  let prototype = PROTOTYPES.get(signature);
  if (prototype === undefined) {
    prototype = {};
    for (const key of keys) {
      Object.defineProperty(prototype, key, {
        enumerable: true,
        get(this: LazyInstance) {
          const values = this[VALUES];
          if (!(key in values)) values[key] = this[COMPUTE][key]?.();
          return values[key];
        },
      });
    }
    PROTOTYPES.set(signature, prototype);
  }
  return prototype;
}

/** Computes each value on first read, so a rule reads only the settings it needs. */
export function lazy<T extends object>(target: { [K in keyof T]: () => T[K] }): T {
  const instance = Object.create(prototypeFor(Object.keys(target))) as LazyInstance;
  instance[COMPUTE] = target as Record<string, () => unknown>;
  instance[VALUES] = {};
  return instance as unknown as T;
}
