import { escapeHtml } from './html-escape.js';
import { foldedRanges } from './fold.js';
import { nameOf, traceLanes, type TraceEvent } from '../model/trace.js';
import { stepDetails, stepParts } from './step-text.js';
import { labelLine, lineAnchor } from './source-excerpts.js';

/** Most lanes that leave room for the failure message in a column of its own. */
const NOTE_LANES = 4;
/** Longest value text shown inside a box; the details panel has the whole. */
const MAX_VALUE = 40;

/** What the timeline marks beside the step where the failure showed. */
export interface BreakMark {
  readonly step: number;
  readonly message: string;
  readonly kind: string;
}

function detailOf(e: TraceEvent, names: readonly string[] | undefined, mark: BreakMark | undefined): string {
  const parts = [`step ${e.step} · ${nameOf(e.task, names)} resumed at “${e.label}” (${e.kind})`, ...stepDetails(e)];
  if (e.at !== undefined) parts.push(`clock: ${e.at} ms`);
  if (e.preemption) parts.push('preemption: the scheduler switched here although the previous task could have continued');
  if (mark && mark.step === e.step) parts.push(`${mark.kind}: ${mark.message}`);
  return parts.join('\n');
}

/** The label of a step as HTML: for an instrumented await whose line the page shows, a link to it. */
function labelHtml(e: TraceEvent, head: string, linked: ReadonlySet<string>): string {
  const at = e.kind === 'await' ? labelLine(e.label) : undefined;
  const anchor = at && lineAnchor(at.file, at.line);
  if (anchor === undefined || !linked.has(anchor)) return `<span class="l">${escapeHtml(head)}</span>`;
  return `<a class="l" href="#${escapeHtml(encodeURIComponent(anchor))}">${escapeHtml(head)}</a>`;
}

function stepBox(e: TraceEvent, names: readonly string[] | undefined, mark: BreakMark | undefined, fold: number | undefined, linked: ReadonlySet<string>): string {
  const broke = mark?.step === e.step;
  const classes = ['step', e.preemption ? 'pre' : '', broke ? 'broke' : '', fold === undefined ? '' : 'folded'].filter(Boolean).join(' ');
  const folded = fold === undefined ? '' : ` data-in-fold="${fold}"`;
  const detail = escapeHtml(detailOf(e, names, mark));
  // Each part is cut in the box; the details panel (click, hover, Enter) has every value whole.
  const p = stepParts(e, { label: MAX_VALUE, args: MAX_VALUE, outcome: MAX_VALUE, note: MAX_VALUE, source: 2 * MAX_VALUE });
  const outcome = p.outcome === undefined ? '' : ` <span class="${p.threw ? 'r threw' : 'r'}">⇒ ${escapeHtml(p.outcome)}</span>`;
  const value = p.note === undefined ? '' : ` <span class="v">→ ${escapeHtml(p.note)}</span>`;
  const source = p.source === undefined ? '' : `<span class="src">${escapeHtml(p.source)}</span>`;
  const pre = e.preemption ? '<span class="badge" aria-label="preemption">⇄</span>' : '';
  return `<div class="${classes}"${folded} data-step="${e.step}" data-task="${e.task}" tabindex="0" title="${detail}" data-detail="${detail}">${pre}${labelHtml(e, p.head, linked)}${outcome}${value}${source}</div>`;
}

/**
 * A swimlane timeline: one lane (column) per task, one row per step, each
 * step a box with its label and noted value; preemptions marked; the step
 * where the failure showed highlighted with the message beside it; the
 * clock when the run used virtual time. Long uninterrupted runs of one task
 * are folded (click to unfold) so 8 tasks × 300 steps stays usable. An
 * instrumented await's label links to its line when the page shows it
 * (`linked`: the anchors of the source view).
 */
export function htmlTimeline(trace: readonly TraceEvent[], mark: BreakMark | number | undefined, names?: readonly string[], linked: ReadonlySet<string> = new Set()): string {
  if (trace.length === 0) return '<p class="timeline-empty mute">The failure showed before any task reached a yield point: there is no interleaving to show.</p>';
  const brk: BreakMark | undefined = typeof mark === 'number' ? { step: mark, message: '', kind: '' } : mark;
  const lanes = traceLanes(trace);
  const clock = trace.some((e) => e.at !== undefined);
  const keep = new Set(brk ? [brk.step] : []);
  const folds = foldedRanges(trace, keep);
  const foldAt = new Map(folds.map((f, k) => [f.from, { ...f, k }]));
  const inFold = new Map<number, number>();
  for (const [k, f] of folds.entries()) for (let i = f.from; i < f.to; i++) inFold.set(i, k);
  // Up to NOTE_LANES lanes the message sits in a column beside the breaking
  // step; with more, that column would scroll out of sight, so the message
  // takes a row of its own right under the step instead.
  const noteColumn = lanes.length <= NOTE_LANES;
  const width = lanes.length + (clock ? 2 : 1) + (noteColumn ? 1 : 0);

  const head = [`<div class="lane-head">step</div>`, ...(clock ? ['<div class="lane-head">clock</div>'] : []), ...lanes.map((t) => `<div class="lane-head lane" data-lane="${t}">${escapeHtml(nameOf(t, names))}</div>`), ...(noteColumn ? ['<div class="lane-head"></div>'] : [])];
  const cells: string[] = [...head];
  let lastAt: number | undefined;
  trace.forEach((e, i) => {
    const fold = foldAt.get(i);
    if (fold) {
      const first = trace[fold.from]!;
      const last = trace[fold.to - 1]!;
      cells.push(`<button type="button" class="fold" data-fold="${fold.k}" style="grid-column:1/${width + 1}">⋯ ${fold.to - fold.from} more steps of ${escapeHtml(nameOf(first.task, names))} (steps ${first.step}–${last.step}) — show</button>`);
    }
    const k = inFold.get(i);
    const hidden = k === undefined ? '' : ` folded" data-in-fold="${k}`;
    const row = (cls: string, inner: string) => `<div class="${cls}${hidden}">${inner}</div>`;
    cells.push(row('stepno', `${e.preemption ? '<span class="pre-mark">!</span>' : ''}${e.step}`));
    if (clock) {
      const changed = e.at !== undefined && e.at !== lastAt;
      cells.push(row(changed ? 'clock tick' : 'clock', e.at === undefined ? '' : `${e.at} ms`));
      if (e.at !== undefined) lastAt = e.at;
    }
    for (const lane of lanes) {
      if (lane !== e.task) cells.push(row('gap', ''));
      else cells.push(stepBox(e, names, brk, k, linked));
    }
    const broke = brk?.step === e.step && brk.message !== '';
    const why = broke ? `<b>${escapeHtml(brk.kind)}</b> ${escapeHtml(brk.message)}` : '';
    if (noteColumn) cells.push(broke ? `<div class="why">${why}</div>` : row('gap', ''));
    else if (broke) cells.push(`<div class="why" style="grid-column:2/${width + 1}">↑ step ${e.step}: ${why}</div>`);
  });
  const lane = lanes.length > 6 ? 'minmax(96px,200px)' : 'minmax(120px,240px)';
  const columns = `auto ${clock ? 'auto ' : ''}repeat(${lanes.length},${lane})${noteColumn ? ' minmax(180px,1fr)' : ''}`;
  const tools = folds.length > 0 ? `<p class="tools"><button type="button" id="unfold-all">Show all ${trace.length} steps</button> <span class="mute">${folds.length} long run(s) of one task folded</span></p>` : '';
  return `${tools}<div class="timeline" data-lanes="${lanes.length}" data-steps="${trace.length}" style="grid-template-columns:${columns}">${cells.join('')}</div><div id="details" class="mute" aria-live="polite">Click or hover a step for its details.</div>`;
}
