import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { UsageError } from '../../src/errors.js';
import { loadTargets } from '../load-module.js';
import { runFlags, runScenarios, runSettings } from './run.js';

const USAGE = 'usage: racekit audit <module> [--instrument <glob>[,<glob>…]] [--json] [--strategy s] [--runs n] [--seed n] [--workers n] [--depth d] [--preemption-bound n|none]';

/** `racekit audit <module>`: runs the scenarios and operation specs a user module exports, reports them as `run` does. */
export async function auditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...runFlags, instrument: { type: 'string' } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const settings = runSettings(values);
  // Reports record the module relative to the working directory, where `racekit replay` will look for it.
  const module = relative(process.cwd(), resolve(positionals[0]!)) || positionals[0]!;
  let instrument: readonly string[] | undefined;
  if (values.instrument !== undefined) {
    // The transform loads only when asked for: installed before the module loads, so its imports are transformed too.
    const { instrumentCommandLine } = await import('../instrument-option.js');
    instrument = instrumentCommandLine(values.instrument, settings.quiet);
  }
  const targets = await loadTargets(module);
  // Reports record the globs, so that `racekit replay` instruments the same files before it loads the module.
  return runScenarios(instrument === undefined ? targets : targets.map((t) => ({ ...t, instrument })), settings, (r) => `npx racekit replay ${r}`);
}
