import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LESSONS } from '../../harness/teach/lessons/index.js';
import { main } from '../../harness/cli.js';

// The binary runs dist/: `npm run build` first (npm test does).
const bin = fileURLToPath(new URL('../../bin/racekit.js', import.meta.url));

function racekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // stdin is not a TTY here, so --step must print everything without waiting.
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('racekit teach (the binary)', () => {
  afterEach(() => vi.restoreAllMocks());

  /** Runs the command line in this process (no binary start-up), capturing its output. */
  async function inProcess(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const code = await main(args);
    vi.restoreAllMocks();
    return { code, stdout: out.join(''), stderr: err.join('') };
  }

  it('lists every lesson, exit 0', async () => {
    const r = await inProcess(['teach']);
    expect(r.code).toBe(0);
    for (const l of LESSONS) expect(r.stdout).toContain(l.id);
  });

  it('an unknown lesson is exit 2 with one line listing the lessons', async () => {
    const r = await inProcess(['teach', 'no-such-lesson']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`unknown lesson "no-such-lesson" (lessons: ${LESSONS.map((l) => l.id).join(', ')})`);
  });

  it.each(['99999999999', '1e3', '-1'])('a --seed of %s is exit 2, in the words run uses (it wrapped modulo 2^32, or 1e3 passed)', async (seed) => {
    const r = await inProcess(['teach', 'lost-update', '--seed', seed]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`racekit: --seed must be an integer from 0 to 4294967295, got "${seed}"\n`);
  });

  it('--step without a TTY prints the whole lesson in Chinese and exits 0', async () => {
    const r = await racekit(['teach', 'shared-integer', '--lang', 'zh', '--step']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/第 1 步 · A \(写入方\) 运行：发送一条消息 → data 1/);
    expect(r.stdout).toMatch(/读取共享整数 → 0/);
    expect(r.stdout).toMatch(/全部通过 ✓/);
    expect(r.stdout).not.toMatch(/按回车继续/);
  });
});
