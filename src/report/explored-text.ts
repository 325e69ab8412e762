import type { CheckResultBase } from '../model/check-result.js';
import { plural } from '../model/plural.js';

/**
 * What an exhaustive walk covered, as a clause: "every schedule within the
 * bound explored (16 equivalence classes, 1 run each)", or the classes so
 * far; '' when no walk ran.
 */
export function exploredText(r: Pick<CheckResultBase, 'exhausted' | 'classes'>): string {
  const c = r.classes;
  const classes = c === undefined ? '' : `${c.count.toLocaleString('en')} equivalence ${plural(c.count, 'class', 'classes')}, ${c.redundancy === 1 ? '1 run' : `${Number(c.redundancy.toFixed(2))} runs`} each`;
  if (r.exhausted) return `every schedule within the bound explored${classes ? ` (${classes})` : ''}`;
  return classes ? `exhaustive walk: ${classes} so far` : '';
}

/** How a portfolio spent its runs, as a clause: "runs by member: exhaustive 62, surw 312, soft-pct(d=3) 1,650" (members that got none left out); '' for any other strategy. */
export function membersText(r: Pick<CheckResultBase, 'members'>): string {
  const m = r.members?.filter((x) => x.runs > 0);
  if (m === undefined || m.length === 0) return '';
  return `runs by member: ${m.map((x) => `${x.strategy} ${x.runs.toLocaleString('en')}`).join(', ')}`;
}

/** Every clause of what was explored that applies, joined by "; " ('' when none does). */
export function explorationText(r: Pick<CheckResultBase, 'exhausted' | 'classes' | 'members'>): string {
  return [exploredText(r), membersText(r)].filter((t) => t !== '').join('; ');
}
