/**
 * Node's module hooks for ES modules (`module.register`, Node ≥ 20.6): they
 * run on the loader thread, take the source from the rest of the chain
 * (Node's own loader, or tsx when it is registered before racekit) and
 * transform the files the globs name. CommonJS that Node loads itself
 * (no source here) is the require hook's (require-hook.ts).
 * @packageDocumentation
 */
import type { MessagePort } from 'node:worker_threads';
import type { InitializeHook, LoadHook } from 'node:module';
import { globMatcher } from './globs.js';
import { reportUninstrumentable, type InstrumentedFile } from './instrumented-file.js';
import { instrumentSource, withInlineMap } from './transform.js';

/** What `installInstrumentation` hands the loader thread. */
export interface LoaderData {
  readonly globs: readonly string[];
  readonly cwd: string;
  /** Where each transformed file is announced (the main thread counts them). */
  readonly port?: MessagePort | undefined;
}

let matches: (file: string) => boolean = () => false;
let cwd = process.cwd();
let port: MessagePort | undefined;

/** Receives the globs and the working directory from the main thread. */
export const initialize: InitializeHook<LoaderData> = (data) => {
  matches = globMatcher(data.globs, data.cwd);
  cwd = data.cwd;
  port = data.port;
};

/** Transforms a matching module's source on its way to Node. */
export const load: LoadHook = async (url, context, nextLoad) => {
  const result = await nextLoad(url, context);
  const format = result.format ?? '';
  if (result.source === undefined || result.source === null || !url.startsWith('file:') || !/^(module|commonjs)/.test(format) || !matches(url)) return result;
  const code = typeof result.source === 'string' ? result.source : Buffer.from(result.source as Uint8Array).toString('utf8');
  try {
    const r = instrumentSource(code, { file: url, format: format.startsWith('commonjs') ? 'commonjs' : 'module', cwd });
    if (!r) return result;
    port?.postMessage({ file: url, awaits: r.labels.length } satisfies InstrumentedFile);
    return { ...result, source: withInlineMap(r) };
  } catch (error) {
    reportUninstrumentable(error);
    return result;
  }
};
