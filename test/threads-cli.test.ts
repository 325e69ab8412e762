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
    // atomic, not plain: its histogram is certain (plain's lost updates are asserted in properties/).
    const r = await racekit(['run', 'shared-memory/atomic', 'shared-memory-controlled/unlocked', '--runs', '5', '--seed', '2', '--out', out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shared-memory\/atomic \(stress, as expected\)/);
    expect(r.stdout).toMatch(/counter = 200000 +5 +100\.0% +acceptable/);
    const atomic = JSON.parse(await readFile(join(out, 'latest', 'shared-memory-atomic.json'), 'utf8')) as ScenarioReport;
    expect(atomic.failed).toBe(false);
    expect(atomic.histogram).toEqual([{ outcome: 'counter = 200000', count: 5, class: 'acceptable' }]);
    const controlled = JSON.parse(await readFile(join(out, 'latest', 'shared-memory-controlled-unlocked.json'), 'utf8')) as ScenarioReport;
    expect(controlled.traceSteps).toBe(4);
    const replay = await racekit(['replay', join(out, 'latest', 'shared-memory-controlled-unlocked.json')]);
    expect(replay.stdout).toMatch(/reproduced: the same 4-step trace/);
    expect(replay.code).toBe(1);
  });
});
