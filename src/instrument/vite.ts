/**
 * `racekit/vite`: the Vite plugin that instruments files as vitest loads them.
 *
 * ```ts
 * import racekit from 'racekit/vite';
 * export default defineConfig({ plugins: [racekit({ include: ['src/**'] })] });
 * ```
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import type { Plugin } from 'vite';
import { InvalidOptionError } from '../errors.js';
import { checkGlobs, globMatcher } from './globs.js';
import { realPrefixes } from './real-prefix.js';
import { reportUninstrumentable } from './instrumented-file.js';
import { instrumentSource } from './transform.js';
import { VITE_REQUIRE_VARIABLE, type ViteRequireSettings } from './vite-settings.js';

/** The setup file beside this module: built (.js), or the source when racekit itself runs from src/. */
function setupFile(): string {
  const built = fileURLToPath(new URL('./vite-setup.js', import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL('./vite-setup.ts', import.meta.url));
}

/** Options of the {@link racekit} plugin. */
export interface RacekitPluginOptions {
  /** Globs of the files to instrument, relative to the Vite root (`*` within a segment, `**` across; `node_modules/<pkg>/**` too). */
  include: readonly string[];
  /** Globs of files not to instrument, even when included. */
  exclude?: readonly string[] | undefined;
}

/**
 * Instruments the files `include` names (every `await` a yield point,
 * labelled `await <file>:<line>`), before any other transform (`enforce:
 * 'pre'`), with a source map. Dependencies the globs name are inlined
 * (`test.server.deps.inline`), since vitest would otherwise hand them to
 * Node untransformed; the files a CommonJS module `require`s are Node's
 * anyway, so a setup file installs the require hook in each test worker.
 */
export default function racekit(options: RacekitPluginOptions): Plugin {
  if (typeof options !== 'object' || options === null || !Array.isArray(options.include)) throw new InvalidOptionError('racekit({ include })', options?.include, 'an array of globs');
  const include = checkGlobs(options.include, 'racekit({ include })');
  const exclude = options.exclude === undefined ? [] : checkGlobs(options.exclude, 'racekit({ exclude })');
  const globs = [...include, ...exclude.map((g) => `!${g.replace(/^!/, '')}`)];
  let matches = globMatcher(globs);
  return {
    name: 'racekit:instrument',
    enforce: 'pre',
    config(config) {
      const root = resolve(config.root ?? process.cwd()).split('\\').join('/');
      const written = include.filter((g) => g.includes('node_modules')).map((g) => (isAbsolute(g) ? g : posix.join(root, g)));
      // vitest matches inline deps against real paths: a glob through a symlinked node_modules (pnpm, workspaces) needs its real form too.
      const prefixes = realPrefixes(written, root);
      const real = written.flatMap((g) => prefixes.filter((p) => g.startsWith(`${p.written}/`)).map((p) => p.real + g.slice(p.written.length)));
      const deps = [...written, ...real].map((g) => picomatch.makeRe(g, { dot: true }));
      const required: ViteRequireSettings = { globs, root };
      const test = { setupFiles: [setupFile()], env: { [VITE_REQUIRE_VARIABLE]: JSON.stringify(required) }, ...(deps.length === 0 ? {} : { server: { deps: { inline: deps } } }) };
      return { test } as Record<string, unknown>;
    },
    configResolved(config) {
      matches = globMatcher(globs, config.root);
    },
    transform(code, id) {
      // Virtual modules and derived ones (`?raw`, `?url`, `?worker`) are not the file's code.
      if (id.startsWith('\0') || /\?(?!(?:v|t)=[^&]*$)/.test(id) || !matches(id)) return null;
      try {
        const r = instrumentSource(code, { file: id.replace(/[?#].*$/, '') });
        return r ? { code: r.code, map: r.map as never } : null;
      } catch (error) {
        reportUninstrumentable(error);
        return null;
      }
    },
  };
}

export { racekit };
