import { describe, expect, it } from 'vitest';
import { formatTraceTable } from '../src/report/text.js';
import { markdownTrace } from '../src/report/markdown.js';
import { htmlTimeline } from '../src/report/html.js';
import type { TraceEvent } from '../src/model/trace.js';

const lostUpdate: TraceEvent[] = [
  { step: 1, task: 0, label: 'read', kind: 'manual', value: 0 },
  { step: 2, task: 1, label: 'read', kind: 'manual', value: 0, preemption: true },
  { step: 3, task: 1, label: 'write', kind: 'manual', value: 1 },
  { step: 4, task: 0, label: 'write', kind: 'manual', value: 1 },
];

describe('renderers over one trace', () => {
  it('text: one column per task, preemptions marked', () => {
    expect(formatTraceTable(lostUpdate)).toMatchInlineSnapshot(`
      "step | A         | B
      -----+-----------+----------
         1 | read → 0  |
        !2 |           | read → 0
         3 |           | write → 1
         4 | write → 1 |"
    `);
  });

  it('markdown: the same table', () => {
    expect(markdownTrace(lostUpdate)).toMatchInlineSnapshot(`
      "| step | A | B |
      |---:|---|---|
      | 1 | read → 0 |  |
      | **!**2 |  | read → 0 |
      | 3 |  | write → 1 |
      | 4 | write → 1 |  |"
    `);
  });

  it('html: a lane per task, every step a box, the failing step highlighted, text escaped', () => {
    const html = htmlTimeline([...lostUpdate, { step: 5, task: 1, label: '<script>', kind: 'manual' }], 4);
    expect(html.match(/class="lane-head lane" data-lane/g)).toHaveLength(2);
    expect(html.match(/class="step[ "]/g)).toHaveLength(5);
    expect(html).toMatch(/class="step broke" data-step="4"/);
    expect(html).toMatch(/class="step pre" data-step="2"/);
    expect(html).not.toMatch(/<script>/);
    expect(html).toMatch(/&lt;script&gt;/);
  });

  it('long traces are cut in the terminal, with a count', () => {
    const long = Array.from({ length: 300 }, (_, i): TraceEvent => ({ step: i + 1, task: i % 8, label: 's', kind: 'manual' }));
    expect(formatTraceTable(long)).toMatch(/… 100 more steps$/);
  });
});
