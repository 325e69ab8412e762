/**
 * `process.hrtime` (and `hrtime.bigint`) on the virtual clock, counted from
 * the real reading when the clock was installed: elapsed time measured with
 * it follows virtual sleeps, and no reading is behind one taken before the
 * check (fake-timers' own hrtime starts at 0, so `now - start` with a
 * `start` from module load came out negative, a result no real run has).
 * Every run starts from the same reading, as the clock starts from the same
 * instant. Returns the function that puts the real one back.
 */
export function installVirtualHrtime(virtualMs: () => number): () => void {
  const real = process.hrtime;
  const origin = real.bigint();
  const ns = (): bigint => origin + BigInt(Math.round(virtualMs() * 1e6));
  const hrtime = (prev?: [number, number]): [number, number] => {
    const t = ns();
    const sec = Number(t / 1_000_000_000n);
    const nano = Number(t % 1_000_000_000n);
    if (prev === undefined) return [sec, nano];
    const carry = nano < prev[1] ? 1 : 0;
    return [sec - prev[0] - carry, nano - prev[1] + carry * 1e9];
  };
  process.hrtime = Object.assign(hrtime, { bigint: ns });
  return () => {
    process.hrtime = real;
  };
}
