import { UsageError } from '../src/errors.js';
import { STRATEGIES } from '../src/options.js';
import { LANGS } from './teach/lesson.js';
import { MAX_WORKERS } from './parallel/shares.js';

/**
 * What each flag that takes a value wants, in the words its own check uses
 * once a value is there: a flag given without one is then told what to give
 * (`--instrument needs a value: …`), where node:util's parseArgs would call
 * `--instrument --seed 1` "ambiguous".
 */
const VALUE_KINDS: Readonly<Record<string, string>> = {
  strategy: `a strategy (${STRATEGIES.join(', ')})`,
  runs: 'an integer ≥ 1',
  seed: 'an integer from 0 to 4294967295',
  out: 'a directory',
  keep: 'an integer ≥ 1',
  budget: 'a duration like 30s, 2m or 500ms',
  shard: 'i/n with 1 ≤ i ≤ n',
  workers: `an integer from 1 to ${MAX_WORKERS}`,
  depth: 'an integer ≥ 1',
  'preemption-bound': 'an integer ≥ 0 or none',
  instrument: "globs, comma-separated (e.g. 'src/**,lib/*.js')",
  lang: `a language (${LANGS.join(', ')})`,
};

/**
 * The one-line message for a parseArgs error of a flag given no value, or
 * undefined for any other parse error. parseArgs says "argument missing"
 * at the end of the line and "argument is ambiguous" when the next word
 * starts with a dash (another flag, usually); both mean the value is missing.
 */
export function missingValueMessage(error: { code?: string; message: string }): string | undefined {
  if (error.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return undefined;
  const m = /^Option '(--[\w-]+)(?: <value>)?' argument (?:missing|is ambiguous)/.exec(error.message);
  if (!m) return undefined;
  const flag = m[1]!;
  return `${flag} needs a value: ${VALUE_KINDS[flag.slice(2)] ?? 'a value'}`;
}

/** An integer flag of at least `min`, or undefined when absent; anything else is a {@link UsageError}. */
export function positiveInt(flag: string, text: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag} must be an integer ${range}, got "${text}"`);
  return n;
}
