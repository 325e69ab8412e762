import type { Progress } from '../src/options.js';

/**
 * Progress on stderr: a live line per scenario on a terminal, one line per
 * finished scenario everywhere (so CI logs show what ran).
 */
export class ProgressDisplay {
  private readonly live: boolean;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly quiet: boolean,
  ) {
    this.live = !quiet && stream.isTTY === true;
  }

  /** Shows how far the named scenario has got. */
  update(name: string, p: Progress): void {
    if (!this.live) return;
    const rate = p.elapsedMs > 0 ? Math.round((p.runs * 1000) / p.elapsedMs) : 0;
    this.stream.write(`\r\x1b[2K${name}  ${p.phase === 'shrink' ? 'shrinking' : `${p.runs}/${p.budget} runs`}  ${rate.toLocaleString('en')} runs/s`);
    this.shown = true;
  }

  /** Replaces the live line with the scenario's final line. */
  line(text: string): void {
    if (this.quiet) return;
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
    this.stream.write(`${text}\n`);
  }
}
