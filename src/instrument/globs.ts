import { isAbsolute, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { RacekitError } from '../errors.js';
import { labelFile } from './label.js';
import { realPrefixes, writtenPaths } from './real-prefix.js';

/** A glob naming the files to instrument cannot be used. */
export class InvalidGlobError extends RacekitError {
  constructor(source: string, glob: string, why: string) {
    super('RACEKIT_INVALID_GLOB', `${source}: ${why}, got ${JSON.stringify(glob)}`);
  }
}

/** Files the transform can read: JavaScript and TypeScript, ESM and CommonJS. */
export const INSTRUMENTABLE = /\.[cm]?[jt]sx?$/;

/**
 * Splits a comma-separated list of globs (`--instrument`, `RACEKIT_INSTRUMENT`)
 * and checks each; {@link InvalidGlobError} names `source` and the bad glob.
 */
export function parseGlobList(text: string, source: string): string[] {
  return checkGlobs(text.split(','), source);
}

/** Checks globs: none empty, brackets, braces and parentheses balanced; a leading `!` excludes. */
export function checkGlobs(globs: readonly unknown[], source: string): string[] {
  if (globs.length === 0) throw new InvalidGlobError(source, '', 'needs at least one glob');
  return globs.map((glob) => {
    if (typeof glob !== 'string') throw new InvalidGlobError(source, String(glob), 'each glob must be a string');
    const g = glob.trim();
    if (g === '' || g === '!') throw new InvalidGlobError(source, glob, 'a glob must not be empty');
    try {
      picomatch(g.replace(/^!/, ''), { strictBrackets: true });
    } catch (error) {
      throw new InvalidGlobError(source, glob, `not a glob (${error instanceof Error ? error.message : String(error)})`);
    }
    return g;
  });
}

/**
 * Whether a file (absolute path or file URL) is to be instrumented: a
 * JavaScript or TypeScript file that some glob names and no `!glob` excludes.
 * Globs are relative to `cwd` (`*` within a path segment, `**` across
 * segments) unless absolute; they may name files under `node_modules`, and
 * name them by the path as written even where a symlink leads elsewhere.
 */
export function globMatcher(globs: readonly string[], cwd: string = process.cwd()): (file: string) => boolean {
  const compile = (list: string[]) => (list.length === 0 ? () => false : picomatch(list, { dot: true }));
  const relative = (g: string) => !isAbsolute(g);
  const include = globs.filter((g) => !g.startsWith('!'));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  const inRel = compile(include.filter(relative));
  const inAbs = compile(include.filter((g) => !relative(g)));
  const exRel = compile(exclude.filter(relative));
  const exAbs = compile(exclude.filter((g) => !relative(g)));
  const prefixes = realPrefixes(globs, cwd);
  const included = (abs: string) => inRel(labelFile(abs, cwd)) || inAbs(abs);
  const excluded = (abs: string) => exRel(labelFile(abs, cwd)) || exAbs(abs);
  return (file) => {
    const bare = file.replace(/[?#].*$/, '');
    if (!INSTRUMENTABLE.test(bare)) return false;
    const paths = writtenPaths((bare.startsWith('file:') ? fileURLToPath(bare) : bare).split(sep).join('/'), prefixes);
    return paths.some(included) && !paths.some(excluded);
  };
}
