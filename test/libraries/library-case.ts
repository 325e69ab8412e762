import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import type { CheckResult, FailedCheck } from '../../src/index.js';
import type { Scenario } from '../../src/scenario.js';
import { checkInstrumented, literal, node, root } from '../support/instrumented.js';

/** One npm library's race, as examples/libraries/<name>.ts states it. */
export interface LibraryCase<S> {
  /** The example module, relative to the repository. */
  readonly module: string;
  /** The `--instrument` globs: both releases' folders under node_modules. */
  readonly globs: readonly string[];
  /** The buggy release's file every await of the failing trace is in. */
  readonly file: string;
  /** What the buggy release's invariant says. */
  readonly message: RegExp;
  /** The module itself, loaded by vitest without any instrumentation. */
  readonly exports: { readonly buggy: Scenario<S> };
}

/**
 * The tests every library gets: under `node --import racekit/register` the
 * buggy release fails with its own message on a trace of the library's awaits
 * and replays to the same trace, the fixed release passes with no warning;
 * the built CLI says the same; without instrumentation the bug is missed and
 * the result says nothing was interleaved.
 */
export function describeLibrary<S>(name: string, c: LibraryCase<S>): void {
  describe(name, () => {
    let results: { buggy: FailedCheck; replayed: CheckResult; fixed: CheckResult };
    let lines: string[];

    beforeAll(async () => {
      const { results: [buggy, replayed, fixed] } = await checkInstrumented(c.module, c.globs, [{ variant: 'buggy', options: { seed: 1 } }, { variant: 'buggy', replayOf: 0 }, { variant: 'fixed', options: { seed: 1 } }]);
      results = { buggy: buggy as FailedCheck, replayed: replayed!, fixed: fixed! };
      lines = (await readFile(join(root, c.file), 'utf8')).split('\n');
    });

    it("under instrumentation the buggy release fails with its own invariant, on a trace of the library's awaits", () => {
      const { buggy } = results;
      expect(buggy.failed).toBe(true);
      expect(buggy.kind).toBe('invariant');
      expect(buggy.message).toMatch(c.message);
      expect(buggy.warnings).toEqual([]);
      expect(buggy.trace.length).toBe(buggy.traceSteps);
      expect(new Set(buggy.trace.map((e) => e.task))).toEqual(new Set([0, 1]));
      for (const e of buggy.trace) {
        expect(e.kind).toBe('await');
        const at = new RegExp(`^await ${literal(c.file)}:(\\d+)$`).exec(e.label);
        expect(at, e.label).not.toBeNull();
        // The label names a line that awaits, and the step carries that line's text.
        const line = lines[Number(at![1]) - 1]!;
        expect(line).toContain('await');
        expect(e.source?.trim()).toBe(line.trim());
      }
    });

    it('the replay token reproduces the same trace and the same failure', () => {
      const { buggy, replayed } = results;
      expect(replayed.failed).toBe(true);
      expect(replayed.message).toBe(buggy.message);
      expect(replayed.trace).toEqual(buggy.trace);
      expect(replayed.divergedAt).toBeUndefined();
    });

    it('the fixed release passes every run, with no warning', () => {
      const { fixed } = results;
      expect(fixed.failed, fixed.message).toBe(false);
      expect(fixed.runs).toBe(2000);
      expect(fixed.steps).toBeGreaterThan(fixed.runs);
      expect(fixed.warnings).toEqual([]);
    });

    it('without instrumentation the bug is missed, and the result says nothing was interleaved', async () => {
      const plain = await check(c.exports.buggy, { seed: 1, runs: 200 });
      expect(plain.failed).toBe(false);
      expect(plain.steps).toBe(0);
      expect(plain.warnings).toEqual([expect.stringMatching(/^nothing was interleaved: no yield point was reached in 200 runs\. .*racekit audit --instrument, racekit\/vite/)]);
    });

    it('the built CLI: racekit audit --instrument catches the buggy release, passes the fixed one, and its report replays', async () => {
      const out = await mkdtemp(join(tmpdir(), 'racekit-library-'));
      const r = await node(['bin/racekit.js', 'audit', c.module, '--instrument', c.globs.join(','), '--seed', '1', '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout) as { ok: boolean; scenarios: { variant: string; failed: boolean; ok: boolean; warnings: string[]; report: string; traceSteps: number }[] };
      expect(doc.scenarios.map((s) => [s.variant, s.failed, s.ok, s.warnings])).toEqual([
        ['buggy', true, true, []],
        ['fixed', false, true, []],
      ]);
      expect(r.stderr).toMatch(/racekit: instrumented \d+ files?, \d+ awaits/);
      // The table shows each step's file and line whole.
      expect(r.stderr).toMatch(new RegExp(`\\| await …/${literal(c.file.split('/')[1]!.slice(0, 8))}[^|]*\\.js:\\d+ `));
      const report = JSON.parse(await readFile(join(root, doc.scenarios[0]!.report), 'utf8')) as { instrument: string[]; failure: { trace: unknown[] } };
      expect(report.instrument).toEqual(c.globs);
      expect(report.failure.trace).toHaveLength(doc.scenarios[0]!.traceSteps);
      const replayed = await node(['bin/racekit.js', 'replay', join(root, doc.scenarios[0]!.report)]);
      expect(replayed.code, replayed.stdout + replayed.stderr).toBe(1);
      expect(replayed.stdout).toContain(`reproduced: the same ${doc.scenarios[0]!.traceSteps}-step trace and the same failure (invariant)`);
    });
  });
}
