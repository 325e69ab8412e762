import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shardSeed } from '../harness/shard.js';

const bin = fileURLToPath(new URL('../bin/racekit.js', import.meta.url));
const env = { ...process.env, FORCE_COLOR: '0' };

function racekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const runDirs = async (out: string) => (await readdir(out)).filter((n) => /^\d{8}-\d{6}-/.test(n)).sort();

describe('racekit reports at scale (the binary)', () => {
  it.concurrent.each([
    [['run', 'counter/unlocked', '--out', '/etc/passwd/x'], /cannot write reports to \/etc\/passwd\/x: a part of the path is a file/],
    [['run', 'counter/unlocked', '--shard', '3/2'], /--shard must be i\/n with 1 ≤ i ≤ n, got "3\/2"/],
    [['merge'], /merge needs at least one summary.json/],
    [['merge', '/nonexistent/summary.json'], /cannot read \/nonexistent\/summary.json: ENOENT/],
    [['merge', 'package.json'], /package.json is not a racekit summary.json/],
  ])('%j: exit 2 and one line', async (args, message) => {
    const r = await racekit(args);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
  });

  it('--shard i/n: disjoint seeds, failures replay from shard and merged reports; merge combines; the same shard twice is bad input', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-shard-'));
    const shards = await Promise.all([1, 2].map((i) => racekit(['run', 'counter/unlocked', 'counter/locked', '--seed', '7', '--runs', '30', '--shard', `${i}/2`, '--workers', '2', '--out', join(out, `s${i}`), '--json'])));
    const docs = shards.map((r) => JSON.parse(r.stdout));
    expect(shards.map((r) => r.code)).toEqual([0, 0]);
    // On a pipe with --json: no live progress, one line per finished scenario.
    expect(shards[0]!.stderr).not.toMatch(/\r|\x1b\[/);
    expect(shards[0]!.stderr.split('\n').filter((l) => /^[✓✗] counter\//.test(l))).toHaveLength(2);
    expect(docs.map((d) => d.seed)).toEqual([shardSeed(7, { index: 1, count: 2 }), shardSeed(7, { index: 2, count: 2 })]);
    expect(docs[0].seed).not.toBe(docs[1].seed);
    expect(docs[1].shard).toEqual({ index: 2, count: 2, baseSeed: 7 });
    const summaries = [1, 2].map((i) => join(out, `s${i}`, 'latest', 'summary.json'));

    const merged = await racekit(['merge', ...summaries, '--out', join(out, 'm'), '--json']);
    expect(merged.code).toBe(0);
    const doc = JSON.parse(merged.stdout);
    expect(doc.scenarios.map((s: { name: string; runs: number; ok: boolean }) => [s.name, s.runs, s.ok])).toEqual([
      ['counter/unlocked', docs[0].scenarios[0].runs + docs[1].scenarios[0].runs, true],
      ['counter/locked', 60, true],
    ]);
    const mdir = join(out, 'm', await readlink(join(out, 'm', 'latest')));
    const summary = JSON.parse(await readFile(join(mdir, 'summary.json'), 'utf8'));
    expect(summary.mergedFrom).toHaveLength(2);
    expect(summary.reproduce).toEqual([
      'npx racekit run counter/unlocked counter/locked --seed 7 --strategy portfolio --runs 30 --shard 1/2 --workers 2',
      'npx racekit run counter/unlocked counter/locked --seed 7 --strategy portfolio --runs 30 --shard 2/2 --workers 2',
    ]);
    expect(await readFile(join(mdir, 'index.html'), 'utf8')).toMatch(/merged from 2 runs/);
    // The merged report carries the shard's own token: it replays without any shard flag.
    const [replay, twice] = await Promise.all([racekit(['replay', join(mdir, 'counter-unlocked.json')]), racekit(['merge', summaries[0]!, summaries[0]!, '--out', join(out, 'm')])]);
    expect(replay.stdout).toMatch(/reproduced: the same 4-step trace/);
    expect(replay.code).toBe(1);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/explored the same seed/);
  });

  it('--keep N prunes old runs; Ctrl-C finishes the current scenario, marks the run partial, leaves latest alone', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-keep-'));
    // Three older runs; this one makes four, of which --keep 2 leaves the newest two.
    for (const old of ['20250101-000000-000-s1', '20250102-000000-000-s2', '20250103-000000-000-s3']) await mkdir(join(out, old));
    expect((await racekit(['run', 'counter/unlocked', '--seed', '1', '--out', out, '--keep', '2'])).code).toBe(0);
    const kept = await runDirs(out);
    const latest = await readlink(join(out, 'latest'));
    expect(kept).toEqual(['20250103-000000-000-s3', latest]);

    // A long scenario (bounded by --budget, so the test cannot hang), interrupted once it has started.
    const child = spawn(process.execPath, [bin, 'run', 'counter/locked', 'counter/split-lock', '--runs', '100000000', '--budget', '1s', '--out', out, '--keep', '2'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    const started = new Promise<void>((resolve) =>
      child.stderr.on('data', (d: Buffer) => {
        stderr += d;
        if (/racekit run \S+: 2 scenario/.test(stderr)) resolve();
      }),
    );
    await started;
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toMatch(/interrupted; stopping counter\/locked/);
    expect(stdout).toMatch(/interrupted: partial report/);
    expect(code).toBe(130);
    expect(await readlink(join(out, 'latest'))).toBe(latest);
    const partialDir = (await runDirs(out)).find((n) => !kept.includes(n))!;
    const summary = JSON.parse(await readFile(join(out, partialDir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ partial: true, ok: false });
    expect(summary.scenarios.map((s: { name: string }) => s.name)).toEqual(['counter/locked']);
    expect((await readdir(join(out, partialDir))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await readFile(join(out, partialDir, 'index.html'), 'utf8')).toMatch(/Partial: the run was interrupted/);
  });
});
