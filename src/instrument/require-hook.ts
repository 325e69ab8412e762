import { addHook } from 'pirates';
import { reportUninstrumentable, type InstrumentedFile } from './instrumented-file.js';
import { instrumentSource, withInlineMap } from './transform.js';

/** Extensions CommonJS may load: plain and TypeScript (through tsx's require hook when it is registered first). */
const EXTENSIONS = ['.js', '.cjs', '.jsx', '.ts', '.cts', '.tsx'];

/**
 * Transforms matching CommonJS files as `require` compiles them (pirates
 * wraps `Module._extensions`; `node_modules` included when a glob names it).
 * A hook registered before this one (tsx's) compiles first; its inline map
 * leads the labels back to the original lines. Returns the revert function.
 */
export function installRequireHook(matches: (file: string) => boolean, cwd: string, onFile: (file: InstrumentedFile) => void): () => void {
  return addHook(
    (code, filename) => {
      try {
        const r = instrumentSource(code, { file: filename, format: 'commonjs', cwd });
        if (!r) return code;
        onFile({ file: filename, awaits: r.labels.length });
        return withInlineMap(r);
      } catch (error) {
        reportUninstrumentable(error);
        return code;
      }
    },
    { exts: EXTENSIONS, matcher: matches, ignoreNodeModules: false },
  );
}
