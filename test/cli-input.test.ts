import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, realpath, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/racekit.js', import.meta.url));

function racekit(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A fresh folder holding these files (relative name → text); its real path, as the binary's cwd reads it. */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'racekit-input-')));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Bad usage: exit 2, nothing on stdout, one line on stderr matching `message`. */
function expectOneLine(r: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
}

const step = "async (ctx, s) => { const v = s.n; await ctx.step('read'); s.n = v + 1; }";

describe('racekit bad input says what is wrong, in one line (the binary)', () => {
  it.concurrent.each([
    [['audit', 'x.ts', '--instrument', '--seed', '1'], /^racekit: --instrument needs a value: globs, comma-separated/],
    [['audit', 'x.ts', '--instrument'], /^racekit: --instrument needs a value: globs/],
    [['run', 'counter', '--seed', '--json'], /^racekit: --seed needs a value: an integer from 0 to 4294967295$/m],
    [['run', '--runs'], /^racekit: --runs needs a value: an integer ≥ 1$/m],
    [['run', '--strategy', '--json'], /^racekit: --strategy needs a value: a strategy \(random, pct, .*portfolio\)$/m],
    [['run', '--budget', '--runs', '3'], /^racekit: --budget needs a value: a duration like 30s, 2m or 500ms$/m],
    [['run', '--preemption-bound', '--json'], /^racekit: --preemption-bound needs a value: an integer ≥ 0 or none$/m],
    [['merge', 'a.json', '--out'], /^racekit: --out needs a value: a directory$/m],
    [['teach', '--lang', '--step'], /^racekit: --lang needs a value: a language \(en, zh\)$/m],
  ])('%j: the flag needs a value, said with what kind', async (args, message) => {
    const r = await racekit(args);
    expectOneLine(r, message);
    expect(r.stderr).not.toMatch(/ambiguous|argument missing/);
  });

  it.concurrent.each([
    // esbuild (through tsx) heads its message "Transform failed with 1 error:"; the line after it says where and what (columns from 1).
    ['syntax.ts', 'export const = ;\n', /^racekit: cannot load module syntax\.ts: syntax\.ts:1:14: Expected identifier but found "="$/m],
    ['twice.ts', 'const x = 1;\nconst x = 2;\n', /^racekit: cannot load module twice\.ts: twice\.ts:2:7: The symbol "x" has already been declared$/m],
    // Node's own SyntaxError of an ES module carries no location: the module is parsed again to find it.
    ['syntax.mjs', 'export const ok = 1;\nexport const = ;\n', /^racekit: cannot load module syntax\.mjs: syntax\.mjs:2:14: SyntaxError: Unexpected token '='$/m],
    // Thrown as the module ran: where, from its stack (an ES module's own line; a file tsx ran as CommonJS, from a data: URL, by name only).
    ['throws.mjs', 'const n = 1;\nif (n) throw new Error("top-level boom");\n', /^racekit: cannot load module throws\.mjs: top-level boom \(at throws\.mjs:2:14\)$/m],
    ['throws.ts', 'const n: number = 1;\nif (n) throw new TypeError("top-level boom");\n', /^racekit: cannot load module throws\.ts: TypeError: top-level boom \(in throws\.ts\)$/m],
    ['missing.ts', 'import "./nope.js";\nexport const x = 1;\n', /^racekit: cannot load module missing\.ts: Cannot find module '\.\/nope\.js' \(imported from missing\.ts\)$/m],
  ])('a module that fails to load (%s): the line that says what and where', async (name, text, message) => {
    const dir = await folder({ [name]: text });
    expectOneLine(await racekit(['audit', name, '--workers', '1'], dir), message);
  });

  it('a directory given as the module is said as such, with no path of racekit\'s own', async () => {
    const dir = await folder({ 'lib/index.ts': 'export const x = 1;\n' });
    expectOneLine(await racekit(['audit', 'lib', '--workers', '1'], dir), /^racekit: cannot load module lib: it is a directory; name the file that exports the scenarios$/m);
  });

  it('a reader that closes the pipe early (`| head -1`) ends the command quietly, with its own exit code', async () => {
    const child = spawn(process.execPath, [bin, 'teach'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.concurrent.each([
    ['runs: -1', /^racekit: scenario "neg": runs must be an integer ≥ 1, got -1 \(number\)$/m],
    ['runs: 2.5', /^racekit: scenario "neg": runs must be an integer ≥ 1, got 2\.5 \(number\)$/m],
    ["runs: '10'", /^racekit: scenario "neg": runs must be an integer ≥ 1, got "10" \(string\)$/m],
    ["expect: 'fails'", /^racekit: scenario "neg": expect must be 'pass' or 'fail', got "fails" \(string\)$/m],
    ["time: 'virtul'", /^racekit: scenario "neg": time must be 'real' or 'virtual', got "virtul" \(string\)$/m],
    // A misspelled field would silently change the check (no invariant: every run passes).
    ['invarient: () => false', /^racekit: scenario "neg": unknown field invarient \(did you mean invariant\?\)$/m],
    ['teardwon: () => {}', /^racekit: scenario "neg": unknown field teardwon \(did you mean teardown\?\)$/m],
  ])('a scenario field %s is rejected before any run, naming the scenario and the field', async (field, message) => {
    const dir = await folder({ 'mod.mjs': `export const neg = { name: 'neg', ${field}, setup: () => ({ n: 0 }), tasks: [${step}, ${step}], invariant: (s) => s.n === 2 };\n` });
    expectOneLine(await racekit(['audit', 'mod.mjs', '--workers', '1', '--out', join(dir, 'reports')], dir), message);
  });

  it('a module whose top-level await never settles is one line and exit 2; one that leaves an interval running does not keep audit from exiting', async () => {
    const stuck = await folder({ 'mod.mjs': `export const ok = { name: 'ok', tasks: [${step}] };\nawait new Promise(() => {});\n` });
    expectOneLine(await racekit(['audit', 'mod.mjs', '--workers', '1', '--out', join(stuck, 'reports')], stuck), /^racekit: cannot load the module: its top-level await never settled/m);
    const ticking = await folder({ 'mod.mjs': "setInterval(() => {}, 1000);\nexport const ok = { name: 'ok', runs: 5, tasks: [async (ctx) => ctx.step('a'), async (ctx) => ctx.step('b')] };\n" });
    const r = await racekit(['audit', 'mod.mjs', '--workers', '1', '--out', join(ticking, 'reports')], ticking);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^racekit audit [^:]+: 1 scenario\(s\)/m);
    expect(r.stderr).toMatch(/^racekit: exiting although the code under test left handles open/m);
  });

  it('an export with tasks that is no scenario is said, not left out: tasks: 5, or tasks: []', async () => {
    const five = await folder({ 'mod.mjs': `export const t = { name: 'five', tasks: 5 };\nexport const ok = { name: 'ok', tasks: [${step}] };\n` });
    expectOneLine(await racekit(['audit', 'mod.mjs', '--workers', '1', '--out', join(five, 'reports')], five), /^racekit: scenario "five": tasks must be an array of async functions or a function of the workload, got 5 \(number\)$/m);
    const none = await folder({ 'mod.mjs': `export const t = { name: 'none', tasks: [] };\n` });
    expectOneLine(await racekit(['audit', 'mod.mjs', '--workers', '1', '--out', join(none, 'reports')], none), /^racekit: scenario "none": tasks must be a non-empty array, got an empty array$/m);
  });

  it('an operation spec with a bad runs is rejected the same way', async () => {
    const dir = await folder({
      // The options are checked before any run, so the model need not be right: it is never asked.
      'spec.mjs': "export const reg = { name: 'reg', runs: 0, create: () => ({ v: 0 }), operations: { read: [] }, model: { init: () => 0 } };\n",
    });
    expectOneLine(await racekit(['audit', 'spec.mjs', '--workers', '1', '--out', join(dir, 'reports')], dir), /^racekit: scenario "reg": runs must be an integer ≥ 1, got 0 \(number\)$/m);
  });

  it('replay works from any directory: the report records where the audit ran, its module and --instrument globs stay as given', async () => {
    const project = await folder({
      'lib/counter.mjs': 'export class Counter {\n  n = 0;\n  async add() { const v = this.n; await Promise.resolve(); this.n = v + 1; }\n}\n',
      'mod.mjs': "import { Counter } from './lib/counter.mjs';\nexport const racy = { name: 'racy', expect: 'fail', runs: 200, setup: () => new Counter(), tasks: [async (_c, s) => s.add(), async (_c, s) => s.add()], invariant: (s) => s.n === 2 || `n = ${s.n}` };\n",
    });
    const elsewhere = await folder({});
    const out = join(elsewhere, 'reports');
    const audit = await racekit(['audit', 'mod.mjs', '--instrument', 'lib/*.mjs', '--seed', '1', '--workers', '1', '--out', out, '--json'], project);
    expect(audit.code, audit.stderr).toBe(0);
    const reportPath = join(project, JSON.parse(audit.stdout).scenarios[0].report as string);
    const report = JSON.parse(await readFile(reportPath, 'utf8'));
    expect(report).toMatchObject({ module: 'mod.mjs', instrument: ['lib/*.mjs'], cwd: project });
    expect(report.failure.trace[0].label).toMatch(/^await lib\/counter\.mjs:3/);

    const replay = await racekit(['replay', reportPath], elsewhere);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toMatch(/reproduced: the same 2-step trace and the same failure \(invariant\)/);
    expect(replay.code).toBe(1);
    // A relative path to the report is read from where replay was started.
    const relative = await racekit(['replay', join('reports', reportPath.slice(out.length + 1))], elsewhere);
    expect(relative.code, relative.stderr).toBe(1);

    // A token copied from a test's output instead of a report: what to do with it.
    expectOneLine(await racekit(['replay', report.failure.replay as string], elsewhere), /^racekit: rk1:[^ ]+… is a replay token, not a report: racekit replay takes the report a run wrote \(reports\/<run>\/<scenario>\.json\); replay a token in code with await check\(scenario, \{ replay: 'rk1:[^']+…' \}\)$/m);

    // Copied where the recorded directory does not exist: one line saying so, not a stray warning after it.
    const moved = { ...report, cwd: join(elsewhere, 'gone') };
    await writeFile(join(elsewhere, 'moved.json'), JSON.stringify(moved));
    expectOneLine(await racekit(['replay', 'moved.json'], elsewhere), /^racekit: cannot read module mod\.mjs: the audit ran in .*\/gone, which is not here, and .*\/mod\.mjs does not exist$/m);
    // …and from a copy of the project at another path, its module is found relative to where replay runs, as before.
    const copy = await folder({ 'lib/counter.mjs': await readFile(join(project, 'lib/counter.mjs'), 'utf8'), 'mod.mjs': await readFile(join(project, 'mod.mjs'), 'utf8'), 'moved.json': JSON.stringify(moved) });
    const fromCopy = await racekit(['replay', 'moved.json'], copy);
    expect(fromCopy.stdout).toMatch(/reproduced/);
    expect(fromCopy.code, fromCopy.stderr).toBe(1);
  });
});
