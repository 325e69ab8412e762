import type { Progress } from '../src/options.js';

/** Where progress goes: stderr, or anything with the same two members (tests). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * Progress on stderr. On a terminal (and not with `--json`) a live line shows
 * the scenario, runs done of its budget, failures and unexpected outcomes
 * so far, and the rate; everywhere but `--quiet`, one line per finished scenario, so CI logs
 * show what ran.
 */
export class ProgressDisplay {
  private readonly live: boolean;
  private shown = false;
  private done = 0;
  private unexpected = 0;
  private failures = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly quiet: boolean,
    private readonly total = 0,
    json = false,
  ) {
    this.live = !quiet && !json && stream.isTTY === true;
  }

  /** Shows how far the named scenario has got. */
  update(name: string, p: Progress): void {
    if (!this.live) return;
    const rate = p.elapsedMs > 0 ? Math.round((p.runs * 1000) / p.elapsedMs) : 0;
    const position = this.total > 0 ? `[${this.done + 1}/${this.total}] ` : '';
    const work = p.phase === 'shrink' ? 'shrinking' : `${p.runs.toLocaleString('en')}/${p.budget.toLocaleString('en')} runs`;
    this.stream.write(`\r\x1b[2K${position}${name}  ${work}  ${this.failures} failed so far (${this.unexpected} unexpected)  ${rate.toLocaleString('en')} runs/s`);
    this.shown = true;
  }

  /** Replaces the live line with a finished scenario's line; counts failures (caught races included) and unexpected outcomes. */
  finished(text: string, ok: boolean, failed = false): void {
    this.done++;
    if (!ok) this.unexpected++;
    if (failed) this.failures++;
    this.line(text);
  }

  /** Writes a line of prose, clearing the live line first. */
  line(text: string): void {
    if (this.quiet) return;
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
    this.stream.write(`${text}\n`);
  }
}
