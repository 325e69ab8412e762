import { createRequire } from 'node:module';
import { countingInto } from './timer-census.js';

type Transform = (this: object, chunk: unknown, encoding: unknown, callback: (...args: unknown[]) => void) => unknown;

/**
 * zlib's base class, where every zlib and brotli stream (those `zlib.gzip`
 * makes too) processes a chunk: on the thread pool, calling back when done.
 * Reached through a class zlib exports, since the base is not exported.
 */
const zlib = createRequire(import.meta.url)('node:zlib') as { Gzip: { prototype: object } };
const base = Object.getPrototypeOf(Object.getPrototypeOf(zlib.Gzip.prototype) as object) as { _transform?: Transform };
const original = base._transform;

/** A chunk in flight is outside work the running run holds: a decision waits for it, so completions that come together are offered together. */
const held: Transform = function (chunk, encoding, callback) {
  const release = countingInto()?.job(`${this.constructor.name} job`);
  if (release === undefined) return original!.call(this, chunk, encoding, callback);
  return original!.call(this, chunk, encoding, (...args: unknown[]) => (release(), callback(...args)));
};

let depth = 0;

/**
 * Makes zlib's thread-pool jobs (gzip, deflate, brotli, whether from
 * `zlib.gzip`, its promisified form kept from before the check, or a stream)
 * outside work of the run that started them until they call back. Unlike a
 * crypto job, a zlib stream is no one-shot async resource (async_hooks
 * destroys it only when it is collected), so unlisted work cannot tell when
 * its job ended. Without this, two tasks' jobs finished in the pool's order
 * with one of them alone pending at each decision: nothing was interleaved.
 * Returns the function that puts the original back.
 */
export function installZlibJobs(): () => void {
  if (original === undefined) return () => {};
  if (depth++ === 0) base._transform = held;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    if (--depth === 0) base._transform = original;
  };
}
