import { RacekitError } from '../../src/errors.js';
import type { WorkerErrorShape } from './protocol.js';

/** A worker thread could not find the scenario the main thread named. */
export class WorkerTargetError extends RacekitError {
  constructor(module: string, name: string) {
    super('RACEKIT_WORKER_TARGET', `a worker thread loaded ${module} and found no scenario "${name}" in it (does the module export different scenarios in a worker thread?)`);
  }
}

/** A worker's error, thrown again on the main thread: a RacekitError keeps its code (a bad option is still exit 2). */
export function rethrown(shape: WorkerErrorShape, worker: string): Error {
  if (shape.code !== undefined) return new RacekitError(shape.code, shape.message);
  const error = new Error(`${worker}: ${shape.name}: ${shape.message}`);
  if (shape.stack !== undefined) error.stack = `${error.message}\n${shape.stack.split('\n').slice(1).join('\n')}`;
  return error;
}
