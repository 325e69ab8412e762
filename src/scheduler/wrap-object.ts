/** A proxy of `obj` whose methods are wrapped (bound to `obj`, labelled `label.method`), each wrapped once. */
export function wrapObject<T extends object>(obj: T, label: string | undefined, wrap: (fn: (...args: never[]) => unknown, label: string) => unknown): T {
  const cache = new Map<PropertyKey, unknown>();
  return new Proxy(obj, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key === 'symbol') return value;
      let w = cache.get(key);
      if (!w) {
        w = wrap((value as (...args: never[]) => unknown).bind(target), label ? `${label}.${key}` : key);
        cache.set(key, w);
      }
      return w;
    },
  });
}
