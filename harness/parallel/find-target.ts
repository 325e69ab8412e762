import { WorkerTargetError } from './errors.js';
import type { AuditTarget } from '../../src/audit/targets.js';
import { installInstrumentation, type Instrumentation } from '../../src/instrument/install.js';
import type { InstrumentedFile } from '../../src/instrument/instrumented-file.js';
import type { BuiltinScenario } from '../../src/subjects/builtin.js';
import type { TargetSource } from './protocol.js';

/** Modules this thread has loaded, each once (a thread serves one command's scenarios). */
const modules = new Map<string, Promise<AuditTarget[]>>();
let instrumented: Instrumentation | undefined;

/** The files this thread has transformed so far (none without `--instrument`). */
export function transformedHere(): readonly InstrumentedFile[] {
  return instrumented === undefined ? [] : [...instrumented.files];
}

/**
 * The scenario a {@link TargetSource} names, as this worker thread sees it:
 * a built-in one from the registry, or an audited module's, loaded through
 * tsx as the main thread loaded it, its `--instrument` globs installed first
 * so that the module and what it imports are transformed here too.
 */
export async function findTarget(source: TargetSource): Promise<BuiltinScenario> {
  // Each loads on demand: a thread serving an audit need not load every family, nor one serving `run` tsx.
  if (source.module === undefined) {
    const { selectScenarios } = await import('../../src/subjects/registry.js');
    return selectScenarios([source.name])[0]!;
  }
  if (source.instrument !== undefined && instrumented === undefined) {
    instrumented = installInstrumentation(source.instrument);
  }
  let targets = modules.get(source.module);
  if (targets === undefined) {
    const { loadTargets } = await import('../load-module.js');
    modules.set(source.module, (targets = loadTargets(source.module)));
  }
  const target = (await targets).find((t) => t.name === source.name);
  if (target === undefined) throw new WorkerTargetError(source.module, source.name);
  return target;
}
