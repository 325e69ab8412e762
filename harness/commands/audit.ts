import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { UsageError } from '../../src/errors.js';
import { loadTargets } from '../load-module.js';

const USAGE = 'usage: racekit audit <module> [--instrument <glob>[,<glob>…]] [--json] [--strategy s] [--runs n] [--seed n] [--workers n] [--depth d] [--preemption-bound n|none]';

/** `racekit audit <module>`: runs the scenarios and operation specs a user module exports, reports them as `run` does. */
export async function auditCommand(argv: string[]): Promise<number> {
  // The transform loads only when asked for, and is installed before run.js
  // loads: through the built-in families it imports undici, ws and piscina,
  // which a glob may name (a module loaded before the hooks stays as it is),
  // and before the module, so that its imports are transformed too. The full
  // flags are checked next, with run.js's list of them.
  const early = parseArgs({ args: argv, options: { instrument: { type: 'string' }, quiet: { type: 'boolean' } }, allowPositionals: true, strict: false }).values;
  let instrument: readonly string[] | undefined;
  if (typeof early.instrument === 'string') {
    const { instrumentCommandLine } = await import('../instrument-option.js');
    instrument = instrumentCommandLine(early.instrument, early.quiet === true);
  }
  const { runFlags, runScenarios, runSettings } = await import('./run.js');
  const { values, positionals } = parseArgs({ args: argv, options: { ...runFlags, instrument: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const settings = runSettings(values);
  // Reports record the module relative to the working directory, where `racekit replay` will look for it.
  const module = relative(process.cwd(), resolve(positionals[0]!)) || positionals[0]!;
  const targets = await loadTargets(module);
  // Reports record the globs, so that `racekit replay` instruments the same files before it loads the module.
  return runScenarios(instrument === undefined ? targets : targets.map((t) => ({ ...t, instrument })), settings, (r) => `npx racekit replay ${r}`, 'audit');
}
