import type { CheckResultBase } from '../model/check-result.js';

/**
 * What an exhaustive walk covered, as a clause: "every schedule within the
 * bound explored (16 equivalence classes, 1 run each)", or the classes so
 * far; '' when no walk ran.
 */
export function exploredText(r: Pick<CheckResultBase, 'exhausted' | 'classes'>): string {
  const c = r.classes;
  const classes = c === undefined ? '' : `${c.count.toLocaleString('en')} equivalence class${c.count === 1 ? '' : 'es'}, ${c.redundancy === 1 ? '1 run' : `${Number(c.redundancy.toFixed(2))} runs`} each`;
  if (r.exhausted) return `every schedule within the bound explored${classes ? ` (${classes})` : ''}`;
  return classes ? `exhaustive walk: ${classes} so far` : '';
}
