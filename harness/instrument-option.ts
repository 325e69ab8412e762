import { parseGlobList } from '../src/instrument/globs.js';
import { installInstrumentation } from '../src/instrument/install.js';
import { plural } from '../src/model/plural.js';

/**
 * `--instrument <glob>[,<glob>…]`: checks the globs (a bad one is a
 * UsageError-style one-liner, exit 2) and instruments what they name from
 * now on. At exit, one line on stderr says what was transformed, or warns
 * that nothing was. Returns the globs.
 */
export function instrumentCommandLine(text: string, quiet: boolean): readonly string[] {
  const globs = parseGlobList(text, '--instrument');
  const installed = installInstrumentation(globs);
  process.once('beforeExit', () => {
    // Bad usage or input (exit 2) has said its one line; that nothing ran, so nothing was transformed, goes without saying.
    if (process.exitCode === 2) return;
    const files = installed.files.length;
    const awaits = installed.files.reduce((n, f) => n + f.awaits, 0);
    if (files === 0) process.stderr.write(`racekit: warning: --instrument ${globs.join(',')} transformed no file (no matching file with an await was loaded)\n`);
    else if (!quiet) process.stderr.write(`racekit: instrumented ${files} ${plural(files, 'file')}, ${awaits} ${plural(awaits, 'await')} (--instrument ${globs.join(',')})\n`);
  });
  return globs;
}
