import { inspect } from 'node:util';
/** Base class of every error racekit throws on purpose; `code` is stable across versions. */
export class RacekitError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option or scenario field has a value racekit cannot use. */
export class InvalidOptionError extends RacekitError {
  constructor(option: string, value: unknown, expected: string) {
    super('RACEKIT_INVALID_OPTION', `${option} must be ${expected}, got ${describeValue(value)}`);
  }
}

/** A scenario has a field racekit does not know whose name is close to one it does: a typo that would silently change the check. */
export class MisspelledFieldError extends RacekitError {
  constructor(where: string, field: string, meant: string) {
    super('RACEKIT_MISSPELLED_FIELD', `${where}: unknown field ${field} (did you mean ${meant}?)`);
  }
}

/** A scenario name given on the command line or to the registry is not known. */
export class UnknownScenarioError extends RacekitError {
  constructor(name: string, known: readonly string[]) {
    super('RACEKIT_UNKNOWN_SCENARIO', `unknown scenario "${name}" (known: ${known.join(', ')})`);
  }
}

/** A replay token or report file cannot be decoded. */
export class InvalidReplayError extends RacekitError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('RACEKIT_INVALID_REPLAY', message, options);
  }
}

/** Command-line usage the harness cannot act on. */
export class UsageError extends RacekitError {
  constructor(message: string) {
    super('RACEKIT_USAGE', message);
  }
}

/** Renders a value with its type, for error messages ("-3 (number)"). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${String(value)} (${typeof value})`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (typeof value === 'function') return 'a function';
  return `an ${typeof value}`;
}

/** Virtual time was asked of a scenario that uses real sockets or worker threads. */
export class VirtualTimeRefusedError extends RacekitError {
  constructor(name: string, resources: readonly string[]) {
    super('RACEKIT_VIRTUAL_TIME_IO', `scenario "${name}": time 'virtual' cannot drive real sockets or worker threads (found ${resources.join(', ')}); use time 'real'`);
  }
}

/** `value instanceof cls`, false for a value that cannot be asked (a revoked Proxy throws on instanceof). */
export function isInstance<T>(value: unknown, cls: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof cls;
  } catch {
    return false;
  }
}

/**
 * The message of a thrown value, for one-line reports: an error's name and
 * message, with the errors an AggregateError holds and the cause it was
 * thrown with; any other value as String gives it. Never throws: a value
 * String cannot convert (a null-prototype object, a throwing toString or
 * message getter) is said by its kind, since a throw here would lose the
 * task's end and make its failure look like a deadlock.
 */
export function errorText(error: unknown, depth = 0): string {
  try {
    if (!(error instanceof Error)) return typeof error === 'object' && error !== null ? inspect(error, { depth: 2, breakLength: Infinity }) : typeof error === 'bigint' ? `${error}n` : String(error);
    const name = error.name === 'Error' ? '' : error.message === '' ? error.name : `${error.name}: `;
    let text = `${name}${error.message}`;
    if (depth >= 2) return text;
    if (error instanceof AggregateError && Array.isArray(error.errors) && error.errors.length > 0) text += ` [${error.errors.map((e) => errorText(e, depth + 1)).join('; ')}]`;
    if ('cause' in error && error.cause !== undefined) text += ` (cause: ${errorText(error.cause, depth + 1)})`;
    return text;
  } catch {
    return `a thrown ${unprintable(error)} that cannot be printed`;
  }
}

function unprintable(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? (Object.getPrototypeOf(value) === null ? 'object with a null prototype' : Object.prototype.toString.call(value).slice(8, -1)) : typeof value;
  } catch {
    return 'value';
  }
}
