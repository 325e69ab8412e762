import { INSTRUMENT_STATE_KEY } from './runtime.js';

/** What an instrumented `await X` calls: `await __rk$a(X, label)`. */
export const AWAIT_HELPER = '__rk$a';
/** What an instrumented `for await (… of X)` calls: `for await (… of __rk$i(X, label))`. */
export const ITERATE_HELPER = '__rk$i';
/** Marks transformed code, so that no file is instrumented twice (two front ends, two loaders). */
export const INSTRUMENTED_MARKER = '/*racekit:instrumented*/';

/**
 * The helpers appended to an instrumented file. Function declarations (and a
 * `var` without initializer) are hoisted and initialised before any of the
 * module's code runs, so they work when a circular import calls into the
 * module before its body ran (a `const` would be in its TDZ), in ESM and in
 * CommonJS, strict or sloppy, after any shebang or directive prologue. With no
 * handler each returns its argument itself, so the same value is awaited with
 * the same number of microtask hops. The last statement, run when the
 * module's body has run, says that instrumented code is loaded: a check then
 * carries each task's flow to every promise, so an await knows whose it is.
 */
export const PRELUDE = [
  INSTRUMENTED_MARKER,
  `function ${AWAIT_HELPER}(v,l){var h=__rk$s().handler;return h===undefined?v:h.await(v,l)}`,
  `function ${ITERATE_HELPER}(v,l){var h=__rk$s().handler;return h===undefined?v:h.iterate(v,l)}`,
  `function __rk$s(){if(__rk$c===undefined){var k=Symbol.for(${JSON.stringify(INSTRUMENT_STATE_KEY)});__rk$c=globalThis[k]||(globalThis[k]={handler:undefined,loaded:false})}return __rk$c}`,
  'var __rk$c;',
  '__rk$s().loaded=true;',
].join('');
