import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../src/model/trace.js';
import { htmlSources, sourceAnchors } from '../src/report/html-sources.js';
import { htmlTimeline } from '../src/report/html-timeline.js';
import { sourceExcerpts } from '../src/report/source-excerpts.js';

const file = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
const read = (name: string) => (name === 'src/cache.ts' ? file : undefined);
const trace: TraceEvent[] = [
  { step: 1, task: 0, label: 'await src/cache.ts:5', kind: 'await', source: 'line 5' },
  { step: 2, task: 1, label: 'await src/cache.ts:7', kind: 'await', source: 'line 7' },
  { step: 3, task: 0, label: 'await src/cache.ts:30', kind: 'await', source: 'line 30' },
  { step: 4, task: 1, label: 'await src/gone.ts:1', kind: 'await' },
  { step: 5, task: 1, label: 'read', kind: 'manual' },
];

describe('source excerpts of instrumented awaits', () => {
  it('groups nearby lines into one excerpt with three lines around, leaves out unreadable files', () => {
    expect(sourceExcerpts(trace, read)).toEqual([
      { file: 'src/cache.ts', first: 2, lines: file.split('\n').slice(1, 10), marked: [5, 7] },
      { file: 'src/cache.ts', first: 27, lines: file.split('\n').slice(26, 33), marked: [30] },
    ]);
  });

  it('the page shows each excerpt with the named lines as anchors, and the timeline links each await step to its line', () => {
    const excerpts = sourceExcerpts(trace, read);
    const sources = htmlSources(excerpts);
    expect(sources).toContain('<span class="line hit" id="src:src/cache.ts:5"><span class="ln"> 5</span> line 5</span>');
    expect(sources).toContain('<span class="line"><span class="ln"> 4</span> line 4</span>');
    const timeline = htmlTimeline(trace, 5, undefined, sourceAnchors(excerpts));
    expect(timeline).toContain(`<a class="l" href="#${encodeURIComponent('src:src/cache.ts:30')}">`);
    // A line the page does not show gets no link; a hand-placed step never does.
    expect(timeline).not.toContain(encodeURIComponent('src:src/gone.ts:1'));
    expect(timeline.match(/<a class="l"/g)).toHaveLength(3);
  });

  it('no instrumented await, no source view', () => {
    expect(htmlSources(sourceExcerpts([trace[4]!], read))).toBe('');
  });
});
