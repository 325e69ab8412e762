import { escapeHtml } from './html-escape.js';
import { lineAnchor, type SourceExcerpt } from './source-excerpts.js';

/**
 * The source view of a report page: each excerpt the trace's instrumented
 * awaits point at, with line numbers, the named lines highlighted and each
 * an anchor the timeline's steps link to.
 */
export function htmlSources(excerpts: readonly SourceExcerpt[]): string {
  if (excerpts.length === 0) return '';
  const blocks = excerpts.map((x) => {
    const width = String(x.first + x.lines.length - 1).length;
    const rows = x.lines.map((text, i) => {
      const n = x.first + i;
      const hit = x.marked.includes(n);
      const id = hit ? ` id="${escapeHtml(lineAnchor(x.file, n))}"` : '';
      return `<span class="line${hit ? ' hit' : ''}"${id}><span class="ln">${String(n).padStart(width)}</span> ${escapeHtml(text)}</span>`;
    });
    // Each line is a block of its own: no newline between them in the pre.
    return `<figure class="source"><figcaption><code>${escapeHtml(x.file)}</code> lines ${x.first}–${x.first + x.lines.length - 1}</figcaption><pre>${rows.join('')}</pre></figure>`;
  });
  return `<h2 id="sources">Source</h2><p class="mute">The lines the steps above stopped at (click a step's <code>file:line</code> to come here).</p>${blocks.join('\n')}`;
}

/** The anchors the source view has, for the timeline to link only to lines that are there. */
export function sourceAnchors(excerpts: readonly SourceExcerpt[] | undefined): Set<string> {
  return new Set((excerpts ?? []).flatMap((x) => x.marked.map((n) => lineAnchor(x.file, n))));
}
