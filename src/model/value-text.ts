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

/**
 * A value as short source-like text (`42`, `"a"`, `{ id: 1, rows: [1, 2, …] }`),
 * walked with a budget so a huge object costs no more than its preview: for
 * what wrapped calls are given and answer, recorded in every run.
 */
export function previewValue(value: unknown, budget: number = MAX_VALUE_TEXT): string {
  const out: string[] = [];
  let left = budget;
  const put = (s: string): boolean => {
    if (left <= 0) return false;
    out.push(s.length > left ? `${s.slice(0, Math.max(0, left - 1))}…` : s);
    left -= s.length;
    return left > 0;
  };
  const walk = (v: unknown, depth: number, seen: Set<object>): void => {
    if (v === null || v === undefined || typeof v === 'number' || typeof v === 'boolean') return void put(String(v));
    if (typeof v === 'bigint') return void put(`${v}n`);
    if (typeof v === 'string') return void put(JSON.stringify(v.length > left ? v.slice(0, left) : v));
    if (typeof v === 'symbol') return void put(v.toString());
    if (typeof v === 'function') return void put(`[function ${v.name || 'anonymous'}]`);
    if (seen.has(v)) return void put('[circular]');
    if (v instanceof Error) return void put(`${v.name}: ${v.message}`);
    if (v instanceof Date) return void put(Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString());
    if (v instanceof Promise) return void put('Promise');
    if (depth >= 3) return void put(Array.isArray(v) ? '[…]' : '{…}');
    seen.add(v);
    const entries: [string | undefined, unknown][] = Array.isArray(v)
      ? v.map((x) => [undefined, x])
      : v instanceof Map
        ? [...v].map(([k, x]) => [previewValue(k, 40), x])
        : v instanceof Set
          ? [...v].map((x) => [undefined, x])
          : Object.keys(v).map((k) => [k, (v as Record<string, unknown>)[k]]);
    const kind = v.constructor?.name;
    const prefix = Array.isArray(v) ? '' : v instanceof Map || v instanceof Set ? `${kind}(${v.size}) ` : kind && kind !== 'Object' ? `${kind} ` : '';
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{ ', ' }'];
    if (entries.length === 0) return void put(Array.isArray(v) ? '[]' : `${prefix}{}`);
    if (!put(`${prefix}${open}`)) return;
    for (const [i, [k, x]] of entries.entries()) {
      if (i > 0 && !put(', ')) return;
      if (i >= 20) {
        put('…');
        put(close);
        return;
      }
      if (k !== undefined && !put(`${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: `)) return;
      walk(x, depth + 1, seen);
      if (left <= 0) return;
    }
    seen.delete(v);
    put(close);
  };
  walk(value, 0, new Set());
  return out.join('');
}
