/**
 * The seeds' `as_completed`: yields each promise's value as it settles, in
 * settlement order, each exactly once (a rejection is thrown at its turn).
 */
export async function* asCompleted<T>(promises: readonly Promise<T>[]): AsyncGenerator<T> {
  const settled: { ok: boolean; value: unknown }[] = [];
  let wake: (() => void) | undefined;
  const arrive = (ok: boolean, value: unknown) => {
    settled.push({ ok, value });
    wake?.();
  };
  for (const p of promises) p.then((v) => arrive(true, v), (e: unknown) => arrive(false, e));
  for (let left = promises.length; left > 0; left--) {
    while (settled.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    const next = settled.shift()!;
    if (!next.ok) throw next.value;
    yield next.value as T;
  }
}
