/**
 * `node --import racekit/register`: instruments the files the globs in
 * `RACEKIT_INSTRUMENT` name (comma-separated, relative to the working
 * directory). For TypeScript run tsx before it
 * (`node --import tsx --import racekit/register app.ts`): racekit then
 * transforms tsx's output and labels the lines of the `.ts` file through
 * tsx's source map, for ES modules and CommonJS alike.
 * @packageDocumentation
 */
// First of all: racekit's counted queueMicrotask and process.nextTick, before the program's modules load. A library that keeps a
// reference to either when it loads (`const { nextTick } = process`, the queue-microtask package) would otherwise queue callbacks
// quiescence detection never sees, and decisions would be taken while they are still to run.
import '../scheduler/activity.js';
import { RacekitError, UsageError } from '../errors.js';
import { parseGlobList } from './globs.js';
import { installInstrumentation } from './install.js';

const VARIABLE = 'RACEKIT_INSTRUMENT';

try {
  const text = process.env[VARIABLE];
  if (text === undefined || text.trim() === '') throw new UsageError(`racekit/register needs ${VARIABLE}: the globs of the files to instrument, e.g. ${VARIABLE}='src/**'`);
  installInstrumentation(parseGlobList(text, VARIABLE));
} catch (error) {
  if (!(error instanceof RacekitError)) throw error;
  process.stderr.write(`racekit: ${error.message}\n`);
  process.exit(2);
}
