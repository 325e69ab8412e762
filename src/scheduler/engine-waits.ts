import { countedUntilSettled } from './timer-census.js';

/** Atomics.waitAsync (ES2024; the project's lib is older). */
type WaitAsync = (array: Int32Array | BigInt64Array, index: number, value: number | bigint, timeout?: number) => { async: boolean; value: Promise<string> | string };
type AnyAsync = (...args: never[]) => Promise<unknown>;

const atomics = Atomics as unknown as { waitAsync?: WaitAsync };
// The project's lib has no WebAssembly value (it is there at run time in every Node).
const wasm = (globalThis as unknown as { WebAssembly: Record<string, AnyAsync | undefined> }).WebAssembly;
const WASM_NAMES = ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming'] as const;
const originalWaitAsync = atomics.waitAsync;
const originalWasm = Object.fromEntries(WASM_NAMES.map((n) => [n, wasm[n]]));

/** The promise, counted as an engine wait of the running run until it settles; with a timeout (Atomics.waitAsync's), a stall is waited out until it is due. */
function counted<T>(promise: Promise<T>, timeout?: number): Promise<T> {
  return countedUntilSettled('engineWaits', promise, timeout !== undefined && Number.isFinite(timeout) ? Math.max(0, timeout) : undefined);
}

const countedWaitAsync = function (...args: Parameters<WaitAsync>) {
  const result = originalWaitAsync!.apply(Atomics, args);
  return result.async ? { async: true, value: counted(result.value as Promise<string>, args[3] === undefined ? undefined : Number(args[3])) } : result;
} as WaitAsync;

const countedWasm = Object.fromEntries(
  WASM_NAMES.map((n) => [n, originalWasm[n] && ((...args: never[]) => counted(originalWasm[n]!.apply(wasm, args)))]),
);

let depth = 0;

/**
 * Waits V8 itself resolves, from outside every list the process keeps and
 * unseen by async_hooks: `Atomics.waitAsync` (woken by a notify or its
 * timeout) and WebAssembly compilation (done on V8's background threads).
 * While a check runs they count like real timers of the run that started
 * them, until they settle, so that a stall waits for them (bounded) instead
 * of calling them a deadlock. Returns the function that puts the originals back.
 */
export function installEngineWaits(): () => void {
  if (depth++ === 0) set(countedWaitAsync, countedWasm);
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--depth === 0) set(originalWaitAsync, originalWasm);
  };
}

function set(waitAsync: WaitAsync | undefined, fns: Record<string, AnyAsync | undefined>): void {
  if (originalWaitAsync) atomics.waitAsync = waitAsync;
  for (const n of WASM_NAMES) if (originalWasm[n]) wasm[n] = fns[n];
}
