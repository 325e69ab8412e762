import Module from 'node:module';
import { reportUninstrumentable, type InstrumentedFile } from './instrumented-file.js';
import { instrumentSource, withInlineMap } from './transform.js';

type Compile = (this: Module, code: string, filename: string) => unknown;

/**
 * Transforms matching CommonJS files as `require` compiles them
 * (`node_modules` included when a glob names it). Every loader ends in
 * `Module.prototype._compile`: Node's own, and tsx's require hook, which
 * replaces the loaders of `.js`, `.ts`, `.cts`… wherever it is registered,
 * before or after this one (wrapping the loaders, as pirates does, would be
 * lost under a later tsx). tsx compiles first; its inline map leads the
 * labels back to the original lines. Returns the revert function.
 */
export function installRequireHook(matches: (file: string) => boolean, cwd: string, onFile: (file: InstrumentedFile) => void): () => void {
  const proto = Module.prototype as unknown as { _compile: Compile };
  const compile = proto._compile;
  const transform = (code: string, filename: string): string => {
    try {
      const r = instrumentSource(code, { file: filename, format: 'commonjs', cwd });
      if (!r) return code;
      onFile({ file: filename, awaits: r.labels.length });
      return withInlineMap(r);
    } catch (error) {
      reportUninstrumentable(error);
      return code;
    }
  };
  const hooked: Compile = function (code, filename) {
    return compile.call(this, typeof code === 'string' && matches(filename) ? transform(code, filename) : code, filename);
  };
  proto._compile = hooked;
  return () => {
    if (proto._compile === hooked) proto._compile = compile;
  };
}
