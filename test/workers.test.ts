import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { mkdtemp, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../src/check.js';
import type { ScenarioReport, SummaryEntry } from '../src/report/model.js';
import { selectScenarios } from '../src/subjects/registry.js';
import { mergedRun, workerRuns, workerSeed } from '../harness/parallel/shares.js';

// `racekit run/audit --workers N`, the built binary (npm run build first).
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'racekit.js');
const env = { ...process.env, FORCE_COLOR: '0' };

function racekit(args: string[], cwd = root): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function reportOf(out: string, name: string): Promise<ScenarioReport> {
  return JSON.parse(await readFile(join(out, 'latest', `${name.replace('/', '-')}.json`), 'utf8')) as ScenarioReport;
}

describe('racekit run --workers N (the binary)', () => {
  it('2 workers catch the unlocked counter and semaphore; the reports replay on the main thread; the same seed twice reports the same failures', async () => {
    // A seed for which worker 2's semaphore failure comes first in the merged order, found from checks on this thread.
    const semaphore = selectScenarios(['semaphore/unlocked'])[0]!;
    let seed = 0;
    let expected = { worker: 0, firstFailure: 0, seed: 0 };
    for (let s = 1; seed === 0 && s <= 40; s++) {
      const firsts = await Promise.all(
        [0, 1].map(async (index) => {
          const slot = { index, count: 2 };
          const r = await check(semaphore.scenario, { ...semaphore.options, strategy: 'portfolio', runs: workerRuns(semaphore.runs, slot), seed: workerSeed(s, slot), shrink: false });
          return r.failed ? mergedRun(r.firstFailure, slot) : Infinity;
        }),
      );
      if (firsts[1]! < firsts[0]!) [seed, expected] = [s, { worker: 2, firstFailure: firsts[1]!, seed: workerSeed(s, { index: 1, count: 2 }) }];
    }
    expect(seed).toBeGreaterThan(0);

    const outs = [await mkdtemp(join(tmpdir(), 'racekit-workers-')), await mkdtemp(join(tmpdir(), 'racekit-workers-'))];
    // Twice at once, so the two runs' threads are timed differently.
    const runs = await Promise.all(outs.map((out) => racekit(['run', 'counter/unlocked', 'semaphore/unlocked', '--workers', '2', '--seed', String(seed), '--out', out, '--json'])));
    const failures: unknown[] = [];
    for (const [i, r] of runs.entries()) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(new RegExp(`seed ${seed}, 2 workers`));
      const doc = JSON.parse(r.stdout) as { ok: boolean; workers: number; scenarios: SummaryEntry[] };
      expect(doc).toMatchObject({ ok: true, workers: 2 });
      const reports = await Promise.all(['counter/unlocked', 'semaphore/unlocked'].map((n) => reportOf(outs[i]!, n)));
      for (const report of reports) expect(report).toMatchObject({ failed: true, ok: true, workers: 2 });
      failures.push(reports.map((p) => ({ firstFailure: p.firstFailure, seed: p.seed, worker: p.failure!.worker, replay: p.failure!.replay, trace: p.failure!.trace })));
    }
    expect(failures[1]).toEqual(failures[0]);
    const [, found] = failures[0] as { worker: number; seed: number; firstFailure: number }[];
    // Worker 2's failure, as the checks on this thread placed it; its token carries that worker's seed.
    expect(found).toMatchObject(expected);
    expect(runs[0]!.stderr).toMatch(/found by \S+ at run \d+ \(worker 2 of 2\)/);

    const replays = await Promise.all(['counter-unlocked', 'semaphore-unlocked'].map((f) => racekit(['replay', join(outs[0]!, 'latest', `${f}.json`)])));
    for (const replay of replays) {
      expect(replay.code).toBe(1);
      expect(replay.stdout).toMatch(/reproduced: the same \d+-step trace/);
    }
  });

  it('locked variants pass with every run made once; thread-starting scenarios and exhaustive stay on the main thread', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-workers-'));
    const [spread, exhaustive] = await Promise.all([
      racekit(['run', 'counter/locked', 'map/locked', 'shared-memory-controlled/atomic', '--workers', '2', '--runs', '40', '--seed', '2', '--out', out, '--json']),
      racekit(['run', 'counter/locked', '--strategy', 'exhaustive', '--workers', '2', '--runs', '40', '--seed', '2', '--out', join(out, 'x'), '--json']),
    ]);
    expect(spread.code, spread.stderr).toBe(0);
    const doc = JSON.parse(spread.stdout) as { scenarios: SummaryEntry[] };
    expect(doc.scenarios.map((s) => [s.name, s.ok, s.failed, s.runs])).toEqual([
      ['counter/locked', true, false, 40],
      ['map/locked', true, false, 40],
      ['shared-memory-controlled/atomic', true, false, 40],
    ]);
    expect((await reportOf(out, 'counter/locked')).workers).toBe(2);
    expect((await reportOf(out, 'map/locked')).workers).toBe(2);
    expect((await reportOf(out, 'shared-memory-controlled/atomic')).workers).toBeUndefined();
    expect(exhaustive.code, exhaustive.stderr).toBe(0);
    expect((await reportOf(join(out, 'x'), 'counter/locked')).workers).toBeUndefined();
  });

  it('a failure found by a worker over real sockets carries no false "replay reproduced" warning: replays abandoned once the other workers stop say nothing', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-workers-'));
    const r = await racekit(['run', 'server-tcp/naive', 'server-http/unlocked', '--workers', '2', '--seed', '3225479138', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).toMatch(/server-tcp\/naive: caught/);
    // Before, every server failure said "replay reproduced this failure 0 of 3 times (3 passed)": the replays ran under the
    // aborted signal and were abandoned at their first wait for a socket.
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/replay reproduced/);
  });

  it('--workers 1 explores on the main thread exactly as check() does', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-workers-'));
    const r = await racekit(['run', 'semaphore/unlocked', '--workers', '1', '--seed', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/workers/);
    const report = await reportOf(out, 'semaphore/unlocked');
    expect(report.workers).toBeUndefined();
    const s = selectScenarios(['semaphore/unlocked'])[0]!;
    const here = await check(s.scenario, { ...s.options, strategy: 'portfolio', runs: s.runs, seed: 1 });
    expect({ firstFailure: report.firstFailure, runs: report.runs, replay: report.failure?.replay }).toEqual({ firstFailure: here.firstFailure, runs: here.runs, replay: here.replay });
    const summary = JSON.parse(await readFile(join(out, await readlink(join(out, 'latest')), 'summary.json'), 'utf8')) as { reproduce: string[] };
    expect(summary.reproduce).toEqual(['npx racekit run semaphore/unlocked --seed 1 --strategy portfolio --workers 1']);
  });

  it.each(['0', '-1', 'abc', '1.5', '65'])('--workers %s: one line, exit 2', async (value) => {
    const r = await racekit(['run', 'counter/unlocked', '--workers', value]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^racekit: --workers must be an integer (≥ 1|from 1 to 64), got "/)]);
  });

  it('Ctrl-C stops every worker of the scenario under way and marks the run partial', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-workers-'));
    // The budget is long: if Ctrl-C did not stop the workers, the test would time out.
    const child = spawn(process.execPath, [bin, 'run', 'counter/locked', 'counter/split-lock', '--workers', '2', '--runs', '100000000', '--budget', '90s', '--out', out], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        if (/2 workers\n/.test(stderr)) resolve();
      }),
    );
    // Long enough for the workers to be exploring (a stop sent earlier waits for them all the same).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toMatch(/interrupted; stopping counter\/locked/);
    expect(stdout).toMatch(/interrupted: partial report/);
    expect(code).toBe(130);
    const dir = join(out, readdirSync(out).find((n) => n !== 'latest')!);
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { partial: boolean; scenarios: SummaryEntry[] };
    expect(summary.partial).toBe(true);
    expect(summary.scenarios.map((s) => s.name)).toEqual(['counter/locked']);
    const report = JSON.parse(await readFile(join(dir, 'counter-locked.json'), 'utf8')) as ScenarioReport;
    expect(report.workers).toBe(2);
    expect(report.runs).toBeGreaterThan(0);
    expect(report.runs).toBeLessThan(100_000_000);
  });
});

describe('racekit audit --instrument --workers 2 (the binary)', () => {
  it('each worker thread loads the module instrumented, as the main thread did; without --instrument the same check fails there', async () => {
    const project = mkdtempSync(join(tmpdir(), 'racekit-fixture-'));
    cpSync(fileURLToPath(new URL('./instrument/fixtures/project', import.meta.url)), project, { recursive: true });
    symlinkSync(root, join(project, 'node_modules', 'racekit'));
    symlinkSync(join(root, 'node_modules', 'tsx'), join(project, 'node_modules', 'tsx'));
    const out = mkdtempSync(join(tmpdir(), 'racekit-audit-out-'));
    const [instrumented, plain] = await Promise.all([
      racekit(['audit', 'audit.ts', '--instrument', 'audit.ts,src/**,node_modules/*-lib/**', '--workers', '2', '--runs', '4', '--seed', '1', '--out', out, '--json'], project),
      racekit(['audit', 'audit.ts', '--workers', '2', '--runs', '4', '--seed', '1', '--out', join(out, 'plain'), '--json'], project),
    ]);
    expect(instrumented.code, instrumented.stderr).toBe(0);
    expect((await reportOf(out, 'audit/instrumented')).workers).toBe(2);
    expect(plain.code).toBe(1);
    expect((await reportOf(join(out, 'plain'), 'audit/instrumented')).workers).toBe(2);
    expect(plain.stderr).toContain('not instrumented as expected');
  });
});
