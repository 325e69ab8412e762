import { register } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { globMatcher } from './globs.js';
import type { InstrumentedFile } from './instrumented-file.js';
import type { LoaderData } from './loader-hooks.js';
import { installRequireHook } from './require-hook.js';

/** Instrumentation installed in this process: what it has transformed so far. */
export interface Instrumentation {
  readonly globs: readonly string[];
  /** Files transformed so far (ES modules are announced by the loader thread, a little later than they load). */
  readonly files: readonly InstrumentedFile[];
}

/**
 * racekit's own code (`src` and `harness`, compiled or not), excluded whatever
 * the globs name (`node_modules/**` with racekit installed there): the
 * scheduler's own awaits must not become yield points of the runs it drives.
 */
function ownCode(): string[] {
  const root = fileURLToPath(new URL('../..', import.meta.url)).split(sep).join('/').replace(/\/$/, '');
  const literal = root.replace(/[\\*?[\]{}()!+@|]/g, '\\$&');
  return [`!${literal}/src/**`, `!${literal}/harness/**`];
}

/** The files of the instrumentation installed in this thread, to which files transformed in worker threads are added. */
let installed: InstrumentedFile[] | undefined;

/**
 * Files a worker thread transformed (`--workers N`: the workers load the
 * audited module's imports, the main thread may never load them), counted
 * with this thread's own, each file once.
 */
export function addTransformedFiles(more: readonly InstrumentedFile[]): void {
  if (installed === undefined) return;
  const key = (f: InstrumentedFile) => (f.file.startsWith('file:') ? fileURLToPath(f.file) : f.file);
  const known = new Set(installed.map(key));
  for (const f of more) if (!known.has(key(f))) (known.add(key(f)), installed.push(f));
}

/**
 * Transforms the files the (checked) globs name from now on: ES modules
 * through Node's module hooks, CommonJS through the require hook. Modules
 * loaded before this call stay as they are.
 */
export function installInstrumentation(globs: readonly string[], cwd: string = process.cwd()): Instrumentation {
  const files: InstrumentedFile[] = [];
  installed = files;
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (file: InstrumentedFile) => files.push(file));
  port1.unref();
  const matched = [...globs, ...ownCode()];
  const data: LoaderData = { globs: matched, cwd, port: port2 };
  register(new URL('./loader-hooks.js', import.meta.url), { data, transferList: [port2] });
  installRequireHook(globMatcher(matched, cwd), cwd, (file) => files.push(file));
  return { globs, files };
}
