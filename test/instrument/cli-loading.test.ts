import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What `racekit audit --instrument` loads, and when: a project with racekit,
// tsx and undici linked into node_modules (symlinks, as pnpm lays them out).
// The built dist (npm run build first).
const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'racekit.js');
let project = '';

function audit(args: string[], workers = 1): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = mkdtempSync(join(tmpdir(), 'racekit-audit-out-'));
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'audit', ...args, '--seed', '1', '--workers', String(workers), '--out', out], { cwd: project, env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const FETCH = `import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetch, Agent } from 'undici';
type S = { server: http.Server; url: string; agent: Agent; out: string[] };
export const fetchTwice = {
  name: 'fetch-twice', runs: 2,
  setup: async (): Promise<S> => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: \`http://127.0.0.1:\${(server.address() as AddressInfo).port}/\`, agent: new Agent(), out: [] };
  },
  tasks: [0, 1].map(() => async (_c: unknown, s: S) => { s.out.push(await (await fetch(s.url, { dispatcher: s.agent })).text()); }),
  invariant: (s: S) => s.out.join() === 'ok,ok' || s.out.join(),
  teardown: async (s: S) => { await s.agent.close(); s.server.closeAllConnections(); await new Promise((r) => s.server.close(r)); },
};
`;

const CTS = `async function bump(s: { n: number }): Promise<void> { const v = s.n; await null; s.n = v + 1; }
module.exports = { bump };
`;

const REQUIRES_CTS = `import { createRequire } from 'node:module';
const { bump } = createRequire(import.meta.url)('./counter.cts') as { bump: (s: { n: number }) => Promise<void> };
export const racy = {
  name: 'cts', expect: 'fail', setup: () => ({ n: 0 }),
  tasks: [async (_c: unknown, s: { n: number }) => bump(s), async (_c: unknown, s: { n: number }) => bump(s)],
  invariant: (s: { n: number }) => s.n === 2 || \`n=\${s.n}\`,
};
`;

// The instrumented file is loaded only by a run's setup: with --workers, only in the worker threads.
const IMPORTS_IN_SETUP = `let lib;
export const racy = {
  name: 'late', expect: 'fail',
  async setup() { lib ??= await import('./lib.mjs'); return { n: 0 }; },
  tasks: [async (_c, s) => lib.bump(s), async (_c, s) => lib.bump(s)],
  invariant: (s) => s.n === 2,
};
`;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'racekit-cli-loading-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules', 'racekit'));
  for (const dep of ['tsx', 'undici']) symlinkSync(join(root, 'node_modules', dep), join(project, 'node_modules', dep));
  writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(project, 'fetch.ts'), FETCH);
  writeFileSync(join(project, 'counter.cts'), CTS);
  writeFileSync(join(project, 'requires-cts.ts'), REQUIRES_CTS);
  writeFileSync(join(project, 'lib.mjs'), 'export async function bump(s) { const v = s.n; await null; s.n = v + 1; }\n');
  writeFileSync(join(project, 'imports-in-setup.mjs'), IMPORTS_IN_SETUP);
});

describe('racekit audit --instrument: libraries racekit uses itself', () => {
  it('undici (linked) is instrumented: the CLI loads it only after the hooks are installed', async () => {
    const r = await audit(['fetch.ts', '--instrument', 'node_modules/undici/**']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/racekit: instrumented [1-9]\d* files?, [1-9]\d* awaits? \(--instrument node_modules\/undici\/\*\*\)/);
  });

  it("racekit's own code is never instrumented, whatever the globs name", async () => {
    const r = await audit(['fetch.ts', '--instrument', 'node_modules/racekit/dist/**', '--runs', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('racekit: warning: --instrument node_modules/racekit/dist/** transformed no file');
  });
});

describe('racekit audit: TypeScript a module requires', () => {
  it('a .cts file loaded with createRequire compiles through tsx, and is instrumented when a glob names it', async () => {
    const plain = await audit(['requires-cts.ts', '--runs', '1']);
    expect(plain.stderr).not.toContain('cannot load module');
    const r = await audit(['requires-cts.ts', '--instrument', 'counter.cts', '--runs', '20']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('racekit: instrumented 1 file, 1 await (--instrument counter.cts)');
  });
});

describe('racekit audit --instrument --workers: files only the worker threads load', () => {
  it('are counted in the line said at exit, not warned of as never transformed', async () => {
    const r = await audit(['imports-in-setup.mjs', '--instrument', 'lib.mjs', '--runs', '50'], 2);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ caught');
    expect(r.stderr).toContain('racekit: instrumented 1 file, 1 await (--instrument lib.mjs)');
    expect(r.stderr).not.toContain('transformed no file');
  });
});
