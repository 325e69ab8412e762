import { errorText } from '../errors.js';
import { InstrumentParseError } from './parse-source.js';

/** One transformed file, as the hooks announce it. */
export interface InstrumentedFile {
  /** Path or file URL. */
  readonly file: string;
  /** Its yield points: awaits and for-awaits. */
  readonly awaits: number;
}

/** A file that cannot be parsed loads as it is: one line on stderr says so (a real syntax error is then Node's to report). */
export function reportUninstrumentable(error: unknown): void {
  if (!(error instanceof InstrumentParseError)) throw error;
  process.stderr.write(`racekit: ${errorText(error).replace(/^InstrumentParseError: /, '')} (loaded without automatic yield points)\n`);
}
