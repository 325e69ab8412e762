import { basename, extname } from 'node:path';
import { validateScenario, type Scenario } from '../scenario.js';
import type { BuiltinScenario } from '../subjects/builtin.js';
import { isOperationSpec, operationScenario, type AuditMeta } from './operation-spec.js';

/** A scenario found in a user module, shaped like a built-in one so `run`'s machinery reports it. */
export type AuditTarget = BuiltinScenario & {
  readonly module: string;
  /** The `--instrument` globs the module was loaded with: a report records them so that `racekit replay` loads it the same way. */
  readonly instrument?: readonly string[];
};

/** What a module must export for `racekit audit` to find anything. */
export const AUDIT_EXPORTS = 'scenarios ({ name, tasks, … }) or operation specs ({ name, create, operations, model }), as named exports or a default array';

/** True when `value` looks like a {@link Scenario}. */
export function isScenario(value: unknown): value is Scenario<unknown, unknown> {
  const v = value as Partial<Scenario<unknown, unknown>> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && (Array.isArray(v.tasks) || typeof v.tasks === 'function');
}

/**
 * The audit targets among a module's exports: each scenario or operation spec
 * becomes `family/variant` with the module's base name as family and the
 * export's name as variant (so a report can find it again).
 */
export function auditTargets(exports: Readonly<Record<string, unknown>>, module: string): AuditTarget[] {
  const family = basename(module, extname(module));
  const found: [string, unknown][] = [];
  for (const [key, value] of Object.entries(exports)) {
    if (key === 'default' && Array.isArray(value)) value.forEach((v, i) => found.push([`default-${i}`, v]));
    else found.push([key, value]);
  }
  const targets: AuditTarget[] = [];
  for (const [variant, value] of found) {
    // An export with tasks that is no scenario is one written wrong (tasks: 5, no name): say what, not leave it out unsaid.
    if (!isOperationSpec(value) && typeof value === 'object' && value !== null && 'tasks' in value) validateScenario(value);
    const scenario = isOperationSpec(value) ? operationScenario(value) : isScenario(value) ? value : undefined;
    if (!scenario) continue;
    const meta = value as AuditMeta;
    targets.push({
      name: `${family}/${variant}`,
      family,
      variant,
      expect: meta.expect === 'fail' ? 'fail' : 'pass',
      runs: typeof meta.runs === 'number' && meta.runs > 0 ? meta.runs : 1000,
      summary: typeof meta.summary === 'string' ? meta.summary : isOperationSpec(value) ? `operations ${Object.keys(value.operations).join(', ')} checked for linearizability` : `scenario ${scenario.name}`,
      scenario,
      module,
      ...(meta.startsThreads === true ? { startsThreads: true } : {}),
    });
  }
  return targets;
}
