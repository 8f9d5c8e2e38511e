/** Computes each value on first read, so a rule reads only the settings it needs. */
export function lazy<T extends object>(target: { [K in keyof T]: () => T[K] }): T {
  const result = {} as T;
  for (const key of Object.keys(target) as (keyof T)[]) {
    let computed: { value: T[typeof key] } | undefined;
    Object.defineProperty(result, key, {
      enumerable: true,
      get: () => (computed ??= { value: target[key]() }).value,
    });
  }
  return result;
}
