import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each front end as a user runs it, on a copy of fixtures/project (its own
// code in src/, a CommonJS and an ES module library in a fake node_modules),
// with racekit linked in as an installed package: the built dist (npm run build first).
const root = fileURLToPath(new URL('../..', import.meta.url));
const GLOBS = 'src/**,node_modules/*-lib/**';
const EXPECTED = ['await node_modules/cjs-lib/index.js:4', 'await node_modules/cjs-lib/index.js:5', 'await node_modules/esm-lib/index.js:3', 'await node_modules/esm-lib/index.js:7', 'await src/cache.ts:5', 'await src/cache.ts:6'];
let project = '';

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: project, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'racekit-fixture-'));
  cpSync(fileURLToPath(new URL('./fixtures/project', import.meta.url)), project, { recursive: true });
  symlinkSync(root, join(project, 'node_modules', 'racekit'));
  for (const dep of ['tsx', 'vitest']) symlinkSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep));
});

describe('node --import racekit/register (RACEKIT_INSTRUMENT)', () => {
  it('after tsx: TypeScript, the ESM and the CommonJS library are instrumented, stack traces name the .ts lines', async () => {
    const r = await run(['--enable-source-maps', '--import', 'tsx', '--import', 'racekit/register', 'main.ts'], { RACEKIT_INSTRUMENT: GLOBS });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { value: string; seen: string[]; stack: string };
    expect(out.value).toBe('k.ak.b 0,1');
    expect([...new Set(out.seen)].sort()).toEqual(EXPECTED);
    expect(out.stack.split('\n')[1]).toMatch(/at fail \(.*src\/cache\.ts:12:9\)$/);
  });

  it('before tsx: ES modules and CommonJS are instrumented all the same (the require hook wraps Module#_compile, which tsx calls too)', async () => {
    const r = await run(['--enable-source-maps', '--import', 'racekit/register', '--import', 'tsx', 'main.ts'], { RACEKIT_INSTRUMENT: GLOBS });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { seen: string[]; stack: string };
    expect([...new Set(out.seen)].sort()).toEqual(EXPECTED);
    expect(out.stack.split('\n')[1]).toMatch(/src\/cache\.ts:12:9\)$/);
  });

  it('plain JavaScript without tsx, CommonJS entry included', async () => {
    const script = "const { fetchBoth } = require('cjs-lib'); const seen = []; (globalThis[Symbol.for('racekit.instrument')] ??= { handler: undefined }).handler = { await: (v, l) => (seen.push(l), v), iterate: (i) => i }; fetchBoth(async (k) => k).then((v) => console.log(v, seen.join(' ')));";
    const r = await run(['--import', 'racekit/register', '-e', script], { RACEKIT_INSTRUMENT: 'node_modules/cjs-lib/*.js' });
    expect(r.stdout.trim()).toBe('ab await node_modules/cjs-lib/index.js:4 await node_modules/cjs-lib/index.js:5');
  });

  it('bad or missing globs: one line, exit 2', async () => {
    for (const value of ['src/[', 'src/**,,x', '']) {
      const r = await run(['--import', 'racekit/register', '-e', 'console.log("ran")'], { RACEKIT_INSTRUMENT: value });
      expect({ value, code: r.code, stdout: r.stdout }).toEqual({ value, code: 2, stdout: '' });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^racekit: (RACEKIT_INSTRUMENT: |racekit\/register needs RACEKIT_INSTRUMENT)/);
    }
  });
});

describe('racekit audit --instrument (the binary)', () => {
  const bin = join(root, 'bin', 'racekit.js');

  it('the module itself and what it imports load transformed; without the option the same check fails', async () => {
    const out = mkdtempSync(join(tmpdir(), 'racekit-audit-out-'));
    const r = await run([bin, 'audit', 'audit.ts', '--instrument', `audit.ts,${GLOBS}`, '--runs', '2', '--seed', '1', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { ok: boolean }).ok).toBe(true);
    expect(r.stderr).toContain('racekit: instrumented 4 files, 8 awaits (--instrument audit.ts,src/**,node_modules/*-lib/**)');
    const plain = await run([bin, 'audit', 'audit.ts', '--runs', '2', '--seed', '1', '--out', out, '--json']);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('not instrumented as expected');
  });

  it('bad globs: one line, exit 2; globs naming nothing: a warning', async () => {
    for (const globs of ['src/{a', ',', 'src/(x']) {
      const r = await run([bin, 'audit', 'audit.ts', '--instrument', globs]);
      expect({ globs, code: r.code }).toEqual({ globs, code: 2 });
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^racekit: --instrument: /)]);
    }
    const none = await run([bin, 'audit', 'audit.ts', '--instrument', 'nothing/**', '--runs', '1', '--seed', '1', '--out', mkdtempSync(join(tmpdir(), 'racekit-audit-out-'))]);
    expect(none.stderr).toContain('racekit: warning: --instrument nothing/** transformed no file');
  });
});

describe('vitest with racekit/vite', () => {
  const vitest = () => join(project, 'node_modules', 'vitest', 'vitest.mjs');

  it('instruments the code under test and both libraries (inlined), stack traces on the .ts lines', async () => {
    const r = await run([vitest(), 'run', 'test/cache.test.ts']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(/SEEN (.*)/.exec(r.stdout)![1]!)).toEqual(EXPECTED);
    expect(JSON.parse(/STACK (.*)/.exec(r.stdout)![1]!)).toMatch(/at fail \(.*src\/cache\.ts:12:9\)$/);
  });

  it("a CommonJS library's own require: the file its entry requires is instrumented too (the plugin's setup file)", async () => {
    const r = await run([vitest(), 'run', 'test/deep.test.ts']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(/DEEP (.*)/.exec(r.stdout)![1]!)).toEqual({ value: 30, seen: ['await node_modules/cjs-deep-lib/lib/twice.js:3', 'await node_modules/cjs-deep-lib/lib/twice.js:4'] });
  });

  it("a failure inside instrumented code: vitest's code frame shows the user's line", async () => {
    const r = await run([vitest(), 'run', 'test/frame.test.ts']);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('❯ fail src/cache.ts:12:9');
    expect(out).toMatch(/ 12\|\s+throw new Error\('boom'\);\n\s+\|\s+\^/);
  });
});
