import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leftoverNotice, leftoverTimer } from './support/leftover-timer.js';

const bin = fileURLToPath(new URL('../bin/racekit.js', import.meta.url));

function racekit(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('racekit (the binary)', () => {
  it('run counter: every expectation holds, reports and latest written, --json on stdout', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-'));
    const r = await racekit(['run', 'counter', '--seed', '3', '--out', out, '--json']);
    expect(r.stderr).toMatch(/counter\/unlocked: caught/);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    const unlocked = doc.scenarios.find((s: { name: string }) => s.name === 'counter/unlocked');
    expect(unlocked).toMatchObject({ family: 'counter', variant: 'unlocked', expect: 'fail', failed: true, ok: true, traceSteps: 4 });
    expect(Object.keys(unlocked).sort()).toEqual(['expect', 'failed', 'family', 'firstFailure', 'kind', 'ms', 'name', 'ok', 'report', 'runs', 'traceSteps', 'variant', 'warnings']);
    expect(unlocked.kind).toBe('invariant');
    const latest = await readlink(join(out, 'latest'));
    const summary = JSON.parse(await readFile(join(out, latest, 'summary.json'), 'utf8'));
    expect(summary.scenarios).toHaveLength(4);
    for (const f of ['index.html', 'index.md', 'counter-unlocked.json', 'counter-unlocked.html']) await readFile(join(out, latest, f));

    const replay = await racekit(['replay', join(out, latest, 'counter-unlocked.json')]);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toMatch(/reproduced: the same 4-step trace/);
    expect(replay.stdout).toMatch(/\| A +\| B/);
  });

  it('prints the contrast table on stdout without --json', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-'));
    const r = await racekit(['run', 'counter/unlocked', 'counter/locked', '--seed', '1', '--runs', '50', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/family +variant +expected +outcome +runs +first failure +trace +time/);
    expect(r.stdout).toMatch(/counter +locked +pass +✓ passed +50/);
    expect(r.stdout).toMatch(/replay: rk1:1:/);
  });

  it.each([
    [['run', 'no-such-family'], /unknown scenario "no-such-family"/],
    [['run', '--runs', '-3'], /--runs must be an integer ≥ 1, got "-3"/],
    [['run', '--strategy', 'nope'], /--strategy must be one of/],
    [['run', '--budget', 'soon'], /--budget must be a duration/],
    [['run', '--budget', '0s'], /--budget must be longer than zero, got "0s"/],
    [['run', '--preemption-bound', 'some'], /--preemption-bound must be an integer ≥ 0 or none, got "some"/],
    // A negative value of a hyphenated flag is that flag's value, not a flag of its own ("needs a value").
    [['run', '--preemption-bound', '-1'], /--preemption-bound must be an integer ≥ 0 or none, got "-1"/],
    // Seeds are 32-bit: 2^32 was silently seed 0.
    [['run', '--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295, got "4294967296"/],
    [['run', '--depth', '0'], /--depth must be an integer ≥ 1, got "0"/],
    [['replay', 'missing.json'], /cannot read missing.json: ENOENT/],
    [['replay', 'package.json'], /not a racekit scenario report/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j: exit 2 and one line', async (args, message) => {
    const r = await racekit(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('--preemption-bound none walks every class once; a bound of 0 only the orders without a preemption; the reproduce command keeps both flags', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-pb-'));
    // Two tasks of two steps, every step touching the one shared cell: C(4,2) = 6 classes, 2 of them without a preemption.
    await writeFile(
      join(dir, 'grid.mjs'),
      `const task = async (ctx, s) => { await ctx.step('a', { touches: ['x'] }); s.n++; await ctx.step('b', { touches: ['x'] }); s.n++; };
export const grid = { name: 'grid', setup: () => ({ n: 0 }), tasks: [task, task], invariant: (s) => s.n === 4 };`,
    );
    const report = async (bound: string) => {
      const r = await racekit(['audit', join(dir, 'grid.mjs'), '--strategy', 'exhaustive', '--preemption-bound', bound, '--runs', '1000', '--workers', '1', '--seed', '1', '--out', join(dir, bound), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const entry = JSON.parse(r.stdout).scenarios[0];
      const summary = JSON.parse(await readFile(join(dir, bound, 'latest', 'summary.json'), 'utf8'));
      return { ...JSON.parse(await readFile(join(dir, bound, 'latest', 'grid-grid.json'), 'utf8')), reproduce: summary.reproduce[0], runs: entry.runs };
    };
    const none = await report('none');
    expect(none).toMatchObject({ runs: 6, exhausted: true, classes: { count: 6, redundancy: 1 } });
    expect(none.reproduce).toMatch(/--strategy exhaustive .*--preemption-bound none/);
    const zero = await report('0');
    expect(zero).toMatchObject({ runs: 2, exhausted: true });
    expect(zero.reproduce).toMatch(/--preemption-bound 0/);
  });

  it.each(['1', '2'])("an error no run raises again (an earlier run's leftover timer) is one line on stderr and exit 1, with --workers %s", async (workers) => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-leftover-'));
    const { declare, scenario } = leftoverTimer('leftover/timer', 40);
    await writeFile(join(dir, 'leftover.mjs'), `${declare}\nexport const leftover = ${scenario};\n`);
    const r = await racekit(['audit', join(dir, 'leftover.mjs'), '--seed', '1', '--workers', workers, '--out', dir]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/leftover +leftover +pass +✓ passed/);
    // Besides the progress lines: the notice, once per share that met the error.
    const notices = r.stderr.split('\n').filter((line) => line.startsWith('racekit: '));
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices)).toEqual(new Set([leftoverNotice('leftover/timer')]));
  });

  it.each([
    [['run', '--help'], /^usage: racekit run \[names…\]/, /--preemption-bound n\|none/],
    [['audit', 'x.ts', '-h'], /^usage: racekit audit <module>/, /--instrument g,…[^]*and the flags of run:\n +--strategy s/],
    [['teach', '--help'], /^usage: racekit teach \[lesson\]/, /exit codes: 0 every expectation held, 1 one did not, 2 bad usage\n$/],
  ])('%s prints that command\'s usage and exits 0', async (args, head, body) => {
    const r = await racekit(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(head);
    expect(r.stdout).toMatch(body);
    // Only that command: not the others' lines.
    expect(r.stdout).not.toMatch(/^ {2}merge /m);
    expect(r.stderr).toBe('');
  });

  it('the header names the command and says where exhaustive runs: on the main thread, whatever --workers says', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-'));
    const r = await racekit(['run', 'counter/locked', '--strategy', 'exhaustive', '--workers', '2', '--runs', '20', '--seed', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^racekit run [^:]+: 1 scenario\(s\), strategy exhaustive, seed 1, on the main thread \(exhaustive walks one tree\)$/m);
  });

  it('racekit --help prints every command', async () => {
    const r = await racekit(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: racekit <command> \[options\]\n/);
    for (const command of ['run', 'replay', 'audit', 'teach', 'merge']) expect(r.stdout).toMatch(new RegExp(`^ {2}${command} `, 'm'));
  });

  it('a report file that is not JSON, or records no failure, is bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-'));
    await writeFile(join(dir, 'bad.json'), '{ nope');
    await writeFile(join(dir, 'pass.json'), JSON.stringify({ racekit: 2, name: 'counter/locked', runs: 5 }));
    expect((await racekit(['replay', join(dir, 'bad.json')])).stderr).toMatch(/is not JSON/);
    const pass = await racekit(['replay', join(dir, 'pass.json')]);
    expect(pass.code).toBe(2);
    expect(pass.stderr).toMatch(/records no failure/);
  });

  it('an unwritable --out is bad usage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racekit-'));
    // A folder below a plain file cannot be made, not even by root (CI runs as root).
    await writeFile(join(dir, 'file'), '');
    const r = await racekit(['run', 'counter/unlocked', '--out', join(dir, 'file', 'sub')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^racekit: cannot write reports to .*file\/sub: a part of the path is a file$/m);
  });

  it.runIf(existsSync('/proc/self'))('an --out under /proc is one line and exit 2, not a hang (recursive mkdir never returns there)', async () => {
    const r = await racekit(['run', 'counter/unlocked', '--workers', '1', '--out', '/proc/racekit-nope/reports']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('racekit: cannot write reports to /proc/racekit-nope/reports: no folder can be made there\n');
  });
});
