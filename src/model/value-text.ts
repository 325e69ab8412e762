/** Longest text kept for a recorded value; renderers cut shorter and the HTML shows the whole. */
export const MAX_VALUE_TEXT = 2000;

/** Short text of a value for traces and tables: strings as they are, the rest as JSON where possible. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  try {
    const s = JSON.stringify(value, jsonSafe);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}

/** JSON.stringify's replacer for values JSON cannot hold (bigints, functions, errors). */
function jsonSafe(_key: string, v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  return v;
}

/** A value's text bounded to {@link MAX_VALUE_TEXT} characters, for recording at run time. */
export function boundedText(value: unknown): string {
  const s = formatValue(value);
  return s.length > MAX_VALUE_TEXT ? `${s.slice(0, MAX_VALUE_TEXT - 1)}…` : s;
}
