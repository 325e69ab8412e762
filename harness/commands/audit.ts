import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { UsageError } from '../../src/errors.js';
import { loadTargets } from '../load-module.js';
import { runFlags, runScenarios, runSettings } from './run.js';

/** `racekit audit <module>`: runs the scenarios and operation specs a user module exports, reports them as `run` does. */
export async function auditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: runFlags, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('usage: racekit audit <module> [--json] [--strategy s] [--runs n] [--seed n]');
  const settings = runSettings(values);
  // Reports record the module relative to the working directory, where `racekit replay` will look for it.
  const module = relative(process.cwd(), resolve(positionals[0]!)) || positionals[0]!;
  const targets = await loadTargets(module);
  return runScenarios(targets, settings, (r) => `npx racekit replay ${r}`);
}
