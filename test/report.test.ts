import { describe, expect, it } from 'vitest';
import { formatFailure, formatTraceTable } from '../src/report/text.js';
import { cutAwaitLabel } from '../src/report/step-text.js';
import { markdownScenario, markdownTrace } from '../src/report/markdown.js';
import { htmlScenario, htmlTimeline } from '../src/report/html.js';
import { REPORT_FORMAT, type ScenarioReport } from '../src/report/model.js';
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
    expect(formatTraceTable(long)).toMatch(/⋯ 100 steps \(steps 201–300\)$/);
  });

  it('a long trace is folded to its switches between tasks, the steps between them one line each', () => {
    // A runs 2,000 steps, B one (a preemption), A 1,999 more: the switch sat behind "… 3800 more steps" in the first 200 rows.
    const long = Array.from({ length: 4000 }, (_, i): TraceEvent => ({ step: i + 1, task: i === 2000 ? 1 : 0, label: i === 2000 ? 'write' : 'read', kind: 'manual', ...(i === 2000 ? { preemption: true } : {}) }));
    const lines = formatTraceTable(long).split('\n');
    expect(lines.slice(2).map((l) => l.replace(/ +/g, ' ').trim())).toEqual([
      '1 | read |', '2 | read |', '3 | read |',
      '⋯ 1,995 steps of A (steps 4–1998)',
      '1999 | read |', '2000 | read |', '!2001 | | write', '2002 | read |', '2003 | read |', '2004 | read |',
      '⋯ 1,993 steps of A (steps 2005–3997)',
      '3998 | read |', '3999 | read |', '4000 | read |',
    ]);
  });
});

// A cache over a wrapped loader: A's load resolves, B's rejects; an instrumented await shows its source line.
const calls: TraceEvent[] = [
  { step: 1, task: 0, label: 'load', kind: 'call', args: '42', returned: '{"id":42,"name":"Ada Lovelace","born":1815}', value: 'miss' },
  { step: 2, task: 1, label: 'load', kind: 'call', args: '42', threw: 'Error: gone', preemption: true },
  { step: 3, task: 1, label: 'await src/cache.ts:12', kind: 'await', source: '    const row = await this.store.get(key);' },
  { step: 4, task: 0, label: 'flush', kind: 'call', args: '', returned: '' },
];

describe('wrapped calls and instrumented awaits', () => {
  it('text: the call with its arguments, what it returned or threw, the noted value, the source line; long parts cut', () => {
    expect(formatTraceTable(calls)).toMatchInlineSnapshot(`
      "step | A                                  | B
      -----+------------------------------------+-----------------------------------------
         1 | load(42) ⇒ {"id":42,"name"… → miss |
        !2 |                                    | load(42) ⇒ threw Error: gone
         3 |                                    | await src/cache.ts:12 · const row = awa…
         4 | flush() ⇒ ""                       |"
    `);
  });

  it('markdown: the same parts, cut later', () => {
    expect(markdownTrace(calls)).toMatchInlineSnapshot(`
      "| step | A | B |
      |---:|---|---|
      | 1 | load(42) ⇒ {"id":42,"name":"Ada Lovelace","born":1… → miss |  |
      | **!**2 |  | load(42) ⇒ threw Error: gone |
      | 3 |  | await src/cache.ts:12 · const row = await this.store.get(key); |
      | 4 | flush() ⇒ "" |  |"
    `);
  });

  it('html: the box cuts long values, the details on click have them whole', () => {
    const long = 'x'.repeat(300);
    const html = htmlTimeline([{ step: 1, task: 0, label: 'fetch', kind: 'call', args: `"${long}"`, returned: long }, ...calls.slice(1)], 3);
    const box = /<div class="step[^"]*" data-step="1"[^>]*data-detail="([^"]*)">(.*?)<\/div>/.exec(html)!;
    expect(box[2]).toMatch(/^<span class="l">fetch\(&quot;x{38}…\)<\/span> <span class="r">⇒ x{39}…<\/span>$/);
    expect(box[1]).toContain(`call: fetch(&quot;${long}&quot;)`);
    expect(box[1]).toContain(`returned: ${long}`);
    expect(html).toMatch(/<span class="l">load\(42\)<\/span> <span class="r threw">⇒ threw Error: gone<\/span>/);
    expect(html).toMatch(/<span class="l">await src\/cache.ts:12<\/span><span class="src">const row = await this.store.get\(key\);<\/span>/);
    expect(html).toMatch(/source: const row = await this.store.get\(key\);/);
  });

  it('a call of the old engine (no args, no answer) reads as its label', () => {
    expect(formatTraceTable([{ step: 1, task: 0, label: 'load', kind: 'call' }])).toMatch(/ 1 \| load$/m);
  });
});

describe('warnings', () => {
  const passed = { name: 'cache', failed: false, runs: 100, seed: 3, strategy: 'pct', exhausted: false, warnings: ['no run had two yield points pending at once: nothing was interleaved'] } as const;
  it('text: a passed check says its warnings', () => {
    expect(formatFailure({ ...passed, taskNames: undefined, message: undefined, kind: undefined, foundBy: undefined, firstFailure: undefined, originalSteps: 0, traceSteps: 0, shrinkRuns: 0, preemptions: 0, workload: undefined, trace: undefined, replay: undefined })).toBe(
      'cache: no failure in 100 runs (seed 3, pct)\nwarning: no run had two yield points pending at once: nothing was interleaved',
    );
  });

  it('markdown and html: the scenario section says them', () => {
    const r: ScenarioReport = { racekit: REPORT_FORMAT, name: 'cache/locked', family: 'cache', variant: 'locked', summary: 'a cache', expect: 'pass', failed: false, ok: true, runs: 100, firstFailure: undefined, ms: 1, traceSteps: 0, strategy: 'pct', seed: 3, exhausted: false, warnings: ['nothing <was> interleaved'] };
    expect(markdownScenario(r, 'npx racekit replay x')).toContain('> **Warning:** nothing <was> interleaved');
    expect(htmlScenario(r, 'npx racekit replay x')).toContain('<div class="warning"><b>warning</b> nothing &lt;was&gt; interleaved</div>');
  });
});

describe('long labels of instrumented awaits', () => {
  it("keep the file's name and line: node_modules/ becomes …/, then the folders are cut in the middle", () => {
    expect(cutAwaitLabel('await node_modules/p-memoize-6-0-2/dist/index.js:34', 40)).toBe('await …/p-memoize-6-0-2/dist/index.js:34');
    expect(cutAwaitLabel('await node_modules/aws-property-provider-3-27-0/dist/cjs/memoize.js:12', 40)).toBe('await …/aws-prop…/dist/cjs/memoize.js:12');
    expect(cutAwaitLabel('await src/services/cache/very/deep/row-cache.ts:42', 40)).toBe('await src/servi…ery/deep/row-cache.ts:42');
    expect(cutAwaitLabel('await src/x.ts:1', 40)).toBe('await src/x.ts:1');
    expect(cutAwaitLabel('await examples/pool-acquire-timeout.ts:109', 40)).toBe('await …/pool-acquire-timeout.ts:109');
    expect(cutAwaitLabel('await src/x.ts:1', undefined)).toBe('await src/x.ts:1');
  });

  it('a file name too long for the cell keeps its end: the line is never cut', () => {
    expect(cutAwaitLabel('await node_modules/pkg/dist/an-extremely-long-file-name-here.js:1234', 40)).toBe('await …emely-long-file-name-here.js:1234');
    expect(cutAwaitLabel('await a-very-long-file-name-without-any-folder-at-all-really.ts:7', 30)).toBe('await …lder-at-all-really.ts:7');
  });

  it('every cut label fits its limit', () => {
    const labels = ['await node_modules/@aws-sdk/property-provider/dist-cjs/index.js:101', 'await examples/libraries/async-cache-dedupe.ts:77', `await ${'d/'.repeat(40)}f.ts:9`];
    for (const label of labels) for (let max = 12; max <= 70; max++) expect(cutAwaitLabel(label, max).length, `${label} at ${max}`).toBeLessThanOrEqual(max);
  });

  it('the terminal table shows the line of a library await; other labels are still cut at their end', () => {
    const table = formatTraceTable([
      { step: 1, task: 0, label: 'await node_modules/p-memoize-6-0-2/dist/index.js:34', kind: 'await', source: 'if (await cache.has(key)) {' },
      { step: 2, task: 1, label: `fetch ${'x'.repeat(60)}`, kind: 'manual' },
    ]);
    expect(table).toContain('| await …/p-memoize-6-0-2/dist/index.js:34 |');
    expect(table).toMatch(/\| fetch x{33}…$/m);
    expect(markdownTrace([{ step: 1, task: 0, label: 'await node_modules/aws-property-provider-3-27-0/dist/cjs/memoize.js:12', kind: 'await' }])).toContain('| await …/aws-property-provider-3-27-0/dist/cjs/memoize.js:12 |');
  });
});
