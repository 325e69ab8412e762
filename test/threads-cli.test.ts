import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioReport } from '../src/report/model.js';

// The built CLI (dist/, built by `npm test`) loads the same workers/*.mjs as vitest does.
const bin = fileURLToPath(new URL('../bin/racekit.js', import.meta.url));

function racekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('racekit run over real threads (the binary)', () => {
  it('stress prints and records the histogram; controlled mode records a replayable 4-step trace', async () => {
    const out = await mkdtemp(join(tmpdir(), 'racekit-threads-'));
    const r = await racekit(['run', 'shared-memory/plain', 'shared-memory-controlled/unlocked', '--runs', '20', '--seed', '2', '--out', out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shared-memory\/plain \(stress, as expected\)/);
    expect(r.stdout).toMatch(/counter = \d+ +\d+ +[\d.]+% +FORBIDDEN/);
    const plain = JSON.parse(await readFile(join(out, 'latest', 'shared-memory-plain.json'), 'utf8')) as ScenarioReport;
    expect(plain.failed).toBe(true);
    expect(plain.histogram!.reduce((n, e) => n + e.count, 0)).toBe(20);
    expect(plain.histogram!.some((e) => e.verdict === 'forbidden')).toBe(true);
    const controlled = JSON.parse(await readFile(join(out, 'latest', 'shared-memory-controlled-unlocked.json'), 'utf8')) as ScenarioReport;
    expect(controlled.traceSteps).toBe(4);
    const replay = await racekit(['replay', join(out, 'latest', 'shared-memory-controlled-unlocked.json')]);
    expect(replay.stdout).toMatch(/reproduced: the same 4-step trace/);
    expect(replay.code).toBe(1);
  });
});
