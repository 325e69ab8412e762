import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { access } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';
import { InvalidReplayError, RacekitError, UsageError } from '../src/errors.js';
import type { Scenario } from '../src/scenario.js';
import { AUDIT_EXPORTS, auditTargets, type AuditTarget } from '../src/audit/targets.js';

/** A user module exports nothing `racekit audit` can run. */
export class NothingToAuditError extends RacekitError {
  constructor(module: string) {
    super('RACEKIT_NOTHING_TO_AUDIT', `${module} exports nothing to audit: it must export ${AUDIT_EXPORTS}`);
  }
}

/** Imports a user module (TypeScript through tsx, or JavaScript), relative to the working directory. */
export async function importModule(module: string): Promise<Record<string, unknown>> {
  const path = resolve(module);
  try {
    await access(path);
  } catch {
    throw new UsageError(`cannot read module ${module}`);
  }
  try {
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot load module ${module}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** The audit targets of a module; {@link NothingToAuditError} when there are none. */
export async function loadTargets(module: string): Promise<AuditTarget[]> {
  const targets = auditTargets(await importModule(module), module);
  if (targets.length === 0) throw new NothingToAuditError(module);
  return targets;
}

/** Loads a scenario exported by a user module (recorded in audit reports). */
export async function loadScenario(module: string, name: string): Promise<Scenario<unknown, unknown>> {
  const targets = auditTargets(await importModule(module), module);
  const target = targets.find((t) => t.name === name);
  if (!target) throw new InvalidReplayError(`report names scenario "${name}", which ${module} no longer exports (it exports: ${targets.map((t) => t.name).join(', ') || 'nothing to audit'})`);
  return target.scenario as Scenario<unknown, unknown>;
}
