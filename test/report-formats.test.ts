import { describe, expect, it } from 'vitest';
import { htmlTimeline } from '../src/report/html-timeline.js';
import { foldedRanges } from '../src/report/fold.js';
import { htmlHistogram, htmlIndex } from '../src/report/html.js';
import { markdownContrast, markdownHistogram, markdownTrace } from '../src/report/markdown.js';
import { REPORT_FORMAT, type HistogramEntry, type RunSummary, type ScenarioReport, type SummaryEntry } from '../src/report/model.js';
import type { TraceEvent } from '../src/model/trace.js';
import { ProgressDisplay } from '../harness/progress.js';
import { parseShard, shardSeed } from '../harness/shard.js';
import { mergeRuns } from '../harness/merge-runs.js';

const entry = (name: string, expect: 'fail' | 'pass', failed: boolean, runs: number, traceSteps = 0): SummaryEntry => {
  const [family, variant] = name.split('/') as [string, string];
  return { name, family, variant, expect, failed, ok: failed === (expect === 'fail'), runs, firstFailure: failed ? runs : undefined, ms: 10, traceSteps, report: `${family}-${variant}.json`, warnings: [] };
};

const summary = (scenarios: SummaryEntry[], extra: Partial<RunSummary> = {}): RunSummary => ({
  racekit: REPORT_FORMAT,
  run: 'r1',
  seed: 7,
  strategy: 'portfolio',
  startedAt: '2026-01-01T00:00:00.000Z',
  ms: 100,
  partial: false,
  scenarios,
  ok: scenarios.every((s) => s.ok),
  ...extra,
});

const report = (e: SummaryEntry, seed: number): ScenarioReport => ({
  racekit: REPORT_FORMAT,
  name: e.name,
  family: e.family,
  variant: e.variant,
  summary: '',
  expect: e.expect,
  failed: e.failed,
  ok: e.ok,
  runs: e.runs,
  firstFailure: e.firstFailure,
  ms: e.ms,
  traceSteps: e.traceSteps,
  strategy: 'portfolio',
  seed,
  exhausted: false,
  ...(e.failed ? { failure: { kind: 'invariant', message: 'lost', foundBy: 'pct(d=2)', replay: `rk1:${seed}:0:::0:0`, preemptions: 1, originalSteps: 9, shrinkRuns: 3, workload: undefined, trace: [] } } : {}),
});

const histogram: HistogramEntry[] = [
  { outcome: 'counter = 2', count: 9_940, class: 'acceptable' },
  { outcome: 'counter = 1', count: 60, class: 'forbidden' },
];

describe('report formats', () => {
  it('markdown: the contrast table, racy variants beside correct ones', () => {
    const s = summary([entry('counter/unlocked', 'fail', true, 3, 4), entry('counter/locked', 'pass', false, 300), entry('queue/unlocked', 'fail', false, 2000)]);
    expect(markdownContrast(s)).toMatchInlineSnapshot(`
      "| family | expected to fail (racy) | expected to pass (correct) |
      |---|---|---|
      | counter | ✅ **unlocked**: caught at run 3 with a 4-step trace | ✅ **locked**: clean after 300 runs (portfolio) |
      | queue | ❌ **unlocked**: missed after 2,000 runs (portfolio) | — |"
    `);
  });

  it('markdown and html: a stress histogram, forbidden outcomes marked', () => {
    expect(markdownHistogram(histogram)).toMatchInlineSnapshot(`
      "10000 runs: 9940 acceptable (99.4%), 60 forbidden (0.6%).

      | outcome | class | count | share |
      |---|---|---:|---:|
      | counter = 2 | acceptable | 9940 | 99.4% |
      | counter = 1 | **forbidden** | 60 | 0.6% |"
    `);
    const html = htmlHistogram(histogram);
    expect(html).toMatch(/10,000 runs; <span class="bad">60 forbidden<\/span>/);
    // One forbidden row in the class totals, one among the outcomes.
    expect(html.match(/<tr class="forbidden">/g)).toHaveLength(2);
    expect(html).not.toMatch(/<details>/);
    // A racy counter rarely ends on the same value twice: the long tail is folded, and summed in Markdown.
    const tail: HistogramEntry[] = [histogram[0]!, ...Array.from({ length: 20 }, (_, i): HistogramEntry => ({ outcome: `counter = ${1000 + i}`, count: 1, class: 'forbidden' }))];
    expect(htmlHistogram(tail)).toMatch(/<details><summary>9 more outcome\(s\), 9 run\(s\)<\/summary>/);
    expect(markdownHistogram(tail).split('\n').at(-1)).toBe('| … 9 more outcome(s) | forbidden | 9 | 0.1% |');
  });

  it('html index: the contrast per family, every scenario linked, the reproduce command', () => {
    const html = htmlIndex(summary([entry('counter/unlocked', 'fail', true, 3, 4), entry('counter/locked', 'pass', false, 300)], { shard: { index: 2, count: 4, baseSeed: 1 } }));
    expect(html).toMatch(/racy: must be caught<\/div><div class="card ok" data-scenario="counter\/unlocked">/);
    expect(html).toMatch(/href="counter-locked.html"/);
    expect(html).toMatch(/shard 2\/4 of base seed <code>1<\/code>/);
    expect(html).toMatch(/npx racekit run counter\/unlocked counter\/locked --seed 7 --strategy portfolio/);
    expect(html).not.toMatch(/https?:/);
  });

  it('timeline: the message beside the breaking step; the clock column under virtual time', () => {
    const trace: TraceEvent[] = [
      { step: 1, task: 0, label: 'sleep', kind: 'manual', at: 0 },
      { step: 2, task: -1, label: 'timer 50ms', kind: 'timer', at: 50 },
      { step: 3, task: 0, label: 'write', kind: 'manual', value: 1, at: 50 },
    ];
    const html = htmlTimeline(trace, { step: 3, message: 'stale <write>', kind: 'invariant' });
    expect(html).toMatch(/<div class="lane-head">clock<\/div>/);
    expect(html.match(/class="clock tick"/g)).toHaveLength(2);
    expect(html).toMatch(/data-lane="-1">timer</);
    expect(html).toMatch(/<div class="why"><b>invariant<\/b> stale &lt;write&gt;<\/div>/);
    expect(html).not.toMatch(/class="fold"/);
    expect(htmlTimeline([], undefined)).toMatch(/before any task reached a yield point/);
  });

  it('folding: the middle of long runs of one task, never the breaking step', () => {
    const long = Array.from({ length: 30 }, (_, i): TraceEvent => ({ step: i + 1, task: i < 20 ? 0 : 1, label: 's', kind: 'manual' }));
    expect(foldedRanges(long, new Set())).toEqual([
      { from: 2, to: 18 },
      { from: 22, to: 28 },
    ]);
    expect(foldedRanges(long, new Set([10]))).toEqual([
      { from: 2, to: 9 },
      { from: 10, to: 18 },
      { from: 22, to: 28 },
    ]);
    expect(foldedRanges(long.slice(0, 7), new Set())).toEqual([]);
  });
});

describe('progress on stderr', () => {
  const sink = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, stream: { isTTY, write: (t: string) => writes.push(t) } };
  };

  it('a terminal gets a live line (position, runs, failures so far, rate) replaced by the finished line', () => {
    const { writes, stream } = sink(true);
    const p = new ProgressDisplay(stream, false, 2);
    p.update('counter/locked', { runs: 64, budget: 300, elapsedMs: 100, phase: 'explore' });
    p.finished('✗ counter/locked: FAILED', false, true);
    p.update('counter/unlocked', { runs: 1, budget: 2000, elapsedMs: 5, phase: 'shrink' });
    // \r\x1b[2K (carriage return, erase line) shown as ⌫ to keep the snapshot readable.
    expect(writes.map((w) => w.replaceAll('\r\x1b[2K', '⌫'))).toMatchInlineSnapshot(`
      [
        "⌫[1/2] counter/locked  64/300 runs  0 failed so far (0 unexpected)  640 runs/s",
        "⌫",
        "✗ counter/locked: FAILED
      ",
        "⌫[2/2] counter/unlocked  shrinking  1 failed so far (1 unexpected)  200 runs/s",
      ]
    `);
  });

  it('--json or a pipe: no live line, one line per finished scenario; --quiet: nothing', () => {
    for (const [tty, json] of [[true, true], [false, false]] as const) {
      const { writes, stream } = sink(tty);
      const p = new ProgressDisplay(stream, false, 1, json);
      p.update('a/b', { runs: 1, budget: 2, elapsedMs: 1, phase: 'explore' });
      p.finished('✓ a/b', true);
      expect(writes).toEqual(['✓ a/b\n']);
    }
    const { writes, stream } = sink(true);
    new ProgressDisplay(stream, true, 1).finished('✓ a/b', true);
    expect(writes).toEqual([]);
  });
});

describe('shards and merge', () => {
  it('shard seeds: the base seed for one shard, distinct seeds for n shards', () => {
    expect(shardSeed(7, undefined)).toBe(7);
    expect(shardSeed(7, { index: 1, count: 1 })).toBe(7);
    const seeds = Array.from({ length: 16 }, (_, i) => shardSeed(7, { index: i + 1, count: 16 }));
    expect(new Set(seeds).size).toBe(16);
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1/0', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
  });

  it('merge: runs add up, caught when any shard caught, the shortest trace kept, a missed pass stays a failure', () => {
    const shard = (seed: number, unlocked: SummaryEntry, locked: SummaryEntry) => ({ path: `s${seed}/summary.json`, summary: summary([unlocked, locked], { seed, run: `run-${seed}` }), reports: [report(unlocked, seed), report(locked, seed)] });
    const merged = mergeRuns(
      [
        shard(11, entry('counter/unlocked', 'fail', true, 5, 6), entry('counter/locked', 'pass', false, 300)),
        shard(12, entry('counter/unlocked', 'fail', true, 2, 4), entry('counter/locked', 'pass', true, 17, 9)),
        shard(13, entry('counter/unlocked', 'fail', false, 2000), entry('counter/locked', 'pass', false, 300)),
      ],
      'merged',
      (n) => `m/${n}.json`,
    );
    expect(merged.summary.scenarios.map((s) => [s.name, s.runs, s.failed, s.ok, s.traceSteps])).toEqual([
      ['counter/unlocked', 2007, true, true, 4],
      ['counter/locked', 617, true, false, 9],
    ]);
    expect(merged.reports[0]!.seed).toBe(12);
    expect(merged.summary).toMatchObject({ ok: false, mergedFrom: ['run-11', 'run-12', 'run-13'], ms: 100 });
    expect(() => mergeRuns([shard(11, entry('a/b', 'pass', false, 1), entry('a/c', 'pass', false, 1)), shard(11, entry('a/b', 'pass', false, 1), entry('a/c', 'pass', false, 1))], 'x', (n) => n)).toThrow(/explored the same seed 11/);
  });
});

describe('markdown trace of a long run', () => {
  it('folds the middle of long runs of one task into one row', () => {
    const trace = Array.from({ length: 12 }, (_, i): TraceEvent => ({ step: i + 1, task: i < 10 ? 0 : 1, label: `s${i + 1}`, kind: 'manual', ...(i === 10 ? { preemption: true } : {}) }));
    expect(markdownTrace(trace)).toMatchInlineSnapshot(`
      "| step | A | B |
      |---:|---|---|
      | 1 | s1 |  |
      | 2 | s2 |  |
      | ⋯ | ⋯ 6 steps (3–8) |  |
      | 9 | s9 |  |
      | 10 | s10 |  |
      | **!**11 |  | s11 |
      | 12 |  | s12 |"
    `);
  });
});
