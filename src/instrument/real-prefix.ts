import { realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import picomatch from 'picomatch';

/** A directory (or file) as a glob writes it, and its real path when that differs (a symlink on the way). */
export interface RealPrefix {
  readonly written: string;
  readonly real: string;
}

const slashes = (path: string) => path.split(sep).join('/');

/**
 * Node loads a module by its real path, so a glob written through a symlinked
 * directory (`node_modules` under pnpm or a workspace, a linked package, a
 * symlinked working directory) would never see its files. For each glob, the
 * longest literal prefix that exists is resolved; where its real path
 * differs, a file under the real path also answers to the written one.
 */
export function realPrefixes(globs: readonly string[], cwd: string): RealPrefix[] {
  const found = new Map<string, RealPrefix>();
  for (const glob of globs) {
    let written = resolve(cwd, picomatch.scan(glob.replace(/^!/, '')).base);
    for (;;) {
      let real: string | undefined;
      try {
        real = realpathSync(written);
      } catch {
        // Not there (yet): try the directory above.
      }
      if (real !== undefined) {
        if (real !== written) found.set(written, { written: slashes(written), real: slashes(real) });
        break;
      }
      if (dirname(written) === written) break;
      written = dirname(written);
    }
  }
  return [...found.values()];
}

/** The paths (forward slashes) a file answers to: its own, and the written path of each real prefix it lies under. */
export function writtenPaths(file: string, prefixes: readonly RealPrefix[]): string[] {
  const paths = [file];
  for (const p of prefixes) {
    if (file === p.real) paths.push(p.written);
    else if (file.startsWith(`${p.real}/`)) paths.push(p.written + file.slice(p.real.length));
  }
  return paths;
}
