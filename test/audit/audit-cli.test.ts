import { describe, expect, it, vi } from 'vitest';
import { main } from '../../harness/cli.js';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The binary runs dist/: `npm run build` first (npm test does).
const bin = fileURLToPath(new URL('../../bin/racekit.js', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

function racekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('racekit audit (the binary)', () => {
  it('audits a TypeScript module: bug caught, fix passes, contract JSON, and the report replays', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-audit-'));
    const r = await racekit(['audit', 'examples/hand-placed/rate-limiter.ts', '--seed', '1', '--runs', '100', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.scenarios.map((s: { name: string; expect: string; failed: boolean }) => [s.name, s.expect, s.failed])).toEqual([
      ['rate-limiter/buggy', 'fail', true],
      ['rate-limiter/fixed', 'pass', false],
    ]);
    expect(r.stderr).toMatch(/not linearizable \(partition "(alice|bob)"\)/);
    const reportPath = doc.scenarios[0].report as string;
    const report = JSON.parse(await readFile(join(root, reportPath), 'utf8'));
    expect(report.module).toBe('examples/hand-placed/rate-limiter.ts');
    expect(report.instrument).toBeUndefined();
    // Replayed in this process (it reloads the module the report names), saving a second binary start.
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    const code = await main(['replay', join(root, reportPath)]);
    vi.restoreAllMocks();
    expect(code, printed.join('')).toBe(1);
    expect(printed.join('')).toMatch(/reproduced: the same \d+-step trace/);
  });

  it('the README walkthrough: the plain limiter audited with --instrument, bug caught on its own awaits, fix passed', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-audit-'));
    const r = await racekit(['audit', 'examples/rate-limiter.ts', '--instrument', 'examples/rate-limiter.ts', '--seed', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const text = r.stdout + r.stderr;
    expect(text).toMatch(/✓ rate-limiter\/buggy: caught \(expected fail\), \d+ runs, \d+ ms, \d+-step trace/);
    expect(text).toMatch(/✓ rate-limiter\/fixed: passed \(expected pass\), 1000 runs/);
    expect(text).toMatch(/rate-limiter\/buggy: not linearizable \(partition "(alice|bob)"\)/);
    expect(text).toMatch(/\| await examples\/rate-limiter\.ts:\d+/);
    expect(text).toContain('racekit: instrumented 1 file, 3 awaits (--instrument examples/rate-limiter.ts)');
  });

  it('a module exporting nothing usable is bad usage: exit 2, one line saying what to export (in process)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-empty-'));
    const module = join(dir, 'empty.ts');
    await writeFile(module, 'export const answer: number = 42;\n');
    const err: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const code = await main(['audit', module]);
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toMatch(/exports nothing to audit: it must export scenarios .* or operation specs/);
  });

  it('an expected race that only ran out of steps is not caught: "out of steps", exit 1; the scenario\'s own stepBudget lets it end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-steps-'));
    // 2 × 2,000 increments, each a yield point: 4,000 steps, over a budget of 1,000.
    const counter = (budget: number) => `{ name: 'lost update', expect: 'fail', runs: 20, stepBudget: ${budget}, setup: () => ({ n: 0 }),
      tasks: [0, 1].map(() => async (ctx, s) => { for (let i = 0; i < 2000; i++) { const v = s.n; await ctx.step('read'); s.n = v + 1; } }),
      invariant: (s) => s.n === 4000 || \`n = \${s.n}\` }`;
    await writeFile(join(dir, 'long.mjs'), `export const short = ${counter(1000)};\nexport const enough = ${counter(10_000)};\n`);
    const r = await racekit(['audit', join(dir, 'long.mjs'), '--seed', '1', '--workers', '1', '--out', join(dir, 'reports'), '--json']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { scenarios: { variant: string; ok: boolean; kind?: string }[] };
    expect(doc.scenarios.map((s) => [s.variant, s.ok, s.kind])).toEqual([['enough', true, 'invariant'], ['short', false, 'step-budget']]);
    expect(r.stderr).toMatch(/✗ long\/short: out of steps \(expected fail\)/);
    expect(r.stderr).toMatch(/✓ long\/enough: caught \(expected fail\)/);
  });
});
