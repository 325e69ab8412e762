import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A user's project: the packed tarball (npm pack of dist, as npm test builds
// it) and vitest installed into a temporary folder from npm's cache, then
// vitest run on test/fixture-project's files. One install for this file.
const repo = resolve('.');
const version = (name: string) => (JSON.parse(readFileSync(join(repo, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

interface JsonResult {
  testResults: { name: string; assertionResults: { fullName: string; ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[] }[];
}

let dir = '';
let output = '';
let results: JsonResult['testResults'][number]['assertionResults'] = [];
let typecheck = { status: -1 as number | null, output: '' };
let withoutPlugin = { status: -1 as number | null, output: '' };

/** The environment of a user's shell: none of the vitest run this test is part of. */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|FORCE_COLOR|NODE_OPTIONS|TEST$|NODE_ENV$)/.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', CI: 'true', ...extra };
}

function run(command: string, args: string[], env = userEnv({})) {
  const r = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'racekit-fixture-'));
  cpSync(join(repo, 'test/fixture-project'), dir, { recursive: true });
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: repo, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'racekit-fixture', private: true, type: 'module', devDependencies: { racekit: `file:./${tarball}`, vitest: version('vitest'), typescript: version('typescript') } }, null, 2));
  const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']);
  if (installed.status !== 0) throw new Error(`npm install failed: ${installed.output}`);
  const vitest = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--allowOnly', '--reporter=default', '--reporter=json', '--outputFile.json=results.json'], userEnv({ RACEKIT_REPORTS: 'reports' }));
  output = vitest.output;
  results = (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as JsonResult).testResults.flatMap((f) => f.assertionResults.map((a) => ({ ...a, fullName: [f.name.slice(dir.length + 1), ...a.ancestorTitles, a.title].join(' > ') })));
  typecheck = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.']);
  // The same property file with a config that leaves out racekit/vite: nothing is instrumented.
  writeFileSync(join(dir, 'no-plugin.config.mjs'), 'export default {};\n');
  withoutPlugin = run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/row-cache.race.test.ts', '--config', 'no-plugin.config.mjs']);
}, 240_000);

afterAll(() => {
  if (dir && !process.env.RACEKIT_KEEP_FIXTURE) rmSync(dir, { recursive: true, force: true });
});

/** The test of this full name (the same in every run: no fresh seed in it). */
function result(name: string) {
  const found = results.filter((r) => r.fullName === name);
  expect(found.map((r) => r.fullName), name).toHaveLength(1);
  return found[0]!;
}

/** The default reporter's block for a failed test: from its FAIL line to the next separator. */
function failureBlock(name: string): string {
  const start = output.indexOf(` FAIL  ${name}`);
  expect(start, `no FAIL block for ${name} in:\n${output}`).toBeGreaterThanOrEqual(0);
  const end = output.indexOf('⎯⎯⎯', start);
  return output.slice(start, end);
}

/** The 1-based line of a fixture file that contains `text`. */
function lineOf(file: string, text: string): number {
  return readFileSync(join(repo, 'test/fixture-project', file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('racekit installed from its tarball, as a user runs it', () => {
  it('the red test: its message (expected, received, table, the replay line under it) at the raceTest line', () => {
    const block = failureBlock('test/race.test.ts > cache never serves a stale row');
    const line = lineOf('test/race.test.ts', "raceTest('cache never serves a stale row'");
    expect(block).toContain('raceTest("cache never serves a stale row") expects no race in scenario "lost update"');
    expect(block).toMatch(/Expected: no failing run\nReceived: invariant at run \d+ of \d+: increment lost: value is 1\n/);
    expect(block).toMatch(/step \| A +\| B\n-+\+/);
    expect(block).toMatch(/\(! marks a preemption[^\n]*\)\nreplay outside vitest: await check\(scenario, \{ replay: 'rk1:1:[^']+' \}\)/);
    expect(block).toMatch(/report: reports\/[^\n]+\/race-cache-never-serves-a-stale-row\.html/);
    expect(block).toContain(` ❯ test/race.test.ts:${line}:1`);
    expect(block).toMatch(new RegExp(`\\n +${line}\\| raceTest\\('cache never serves a stale row'`));
    expect(block).not.toContain('node_modules/racekit');
    expect(result('test/race.test.ts > cache never serves a stale row').status).toBe('failed');
  });

  it('passing forms: the old raceTest(scenario, options), expect fail with a timeout, .each with vitest formatting and the seed', () => {
    expect(result('test/race.test.ts > atomic increment is race-free').status).toBe('passed');
    expect(result('test/race.test.ts > the lost update is found').status).toBe('passed');
    expect(result('test/race.test.ts > strategies > lost update under pct').status).toBe('passed');
    expect(result('test/race.test.ts > strategies > lost update under random').status).toBe('passed');
    expect(result('test/race.test.ts > strategies > lost update under pct in 400 runs').status).toBe('passed');
    expect(result("test/race.test.ts > strategies > 'atomic increment' in 20 runs").status).toBe('passed');
  });

  it('a raceTest vitest times out stops its check: the next test in the worker runs at once', () => {
    const timedOut = result('test/race.test.ts > a check vitest times out > a check longer than its timeout');
    expect(timedOut.status).toBe('failed');
    expect(output).toMatch(/a check longer than its timeout[^\n]*\n[^\n]*Test timed out in 300ms/);
    // Behind a check of 100,000,000 runs it would have waited out its own 10 s timeout and failed.
    expect(result('test/race.test.ts > a check vitest times out > the next check runs at once, not behind the timed-out one').status).toBe('passed');
  });

  it('so does a matcher on a scenario (`await expect(scenario).toBeRaceFree()`) that vitest times out', () => {
    expect(result('test/race.test.ts > a check vitest times out > a matcher check longer than its timeout').status).toBe('failed');
    expect(result('test/race.test.ts > a check vitest times out > the next check after the matcher runs at once').status).toBe('passed');
  });

  it('test names are the same in every run: no fresh seed in them', () => {
    expect(results.filter((r) => /seed/.test(r.fullName))).toEqual([]);
  });

  it('vitest loads the source maps the packed files name: no "Failed to load source map" on any run', () => {
    expect(output).not.toMatch(/Failed to load source map/);
  });

  it('.skip, .todo and .only', () => {
    expect(result('test/race.test.ts > a skipped check').status).toBe('skipped');
    expect(result('test/race.test.ts > a check still to write').status).toBe('todo');
    expect(result('test/only.test.ts > the only one that runs').status).toBe('passed');
    expect(result('test/only.test.ts > left out by .only').status).toBe('skipped');
  });

  it('the matchers, on results and on scenarios and specs, with .not', () => {
    expect(result('test/race.test.ts > matchers > on results, with .not').status).toBe('passed');
    expect(result('test/race.test.ts > matchers > on scenarios and specs, awaited, with .not').status).toBe('passed');
    const block = failureBlock('test/race.test.ts > matchers > a failing .not');
    expect(block).toMatch(/expect\(result\)\.not\.toHaveRace\(\)\n\nExpected: no failing run\nReceived: invariant at run/);
    expect(block).toContain(` ❯ test/race.test.ts:${lineOf('test/race.test.ts', 'expect(raced).not.toHaveRace();')}:`);
  });

  it('RACEKIT_REPORTS: each test file writes the run folder racekit run writes', () => {
    const latest = join(dir, 'reports', 'latest');
    const summary = JSON.parse(readFileSync(join(latest, 'summary.json'), 'utf8')) as { scenarios: { name: string; failed: boolean; ok: boolean; report: string }[] };
    const folders = readdirSync(join(dir, 'reports')).filter((f) => f !== 'latest');
    expect(folders.map((f) => f.replace(/^\d{8}-\d{6}-\d{3}-s\d+-/, '')).sort()).toEqual(['only', 'race', 'row-cache.race']);
    const race = folders.find((f) => f.endsWith('-race'))!;
    const red = (JSON.parse(readFileSync(join(dir, 'reports', race, 'summary.json'), 'utf8')) as typeof summary).scenarios.find((s) => s.name === 'race/cache never serves a stale row')!;
    expect(red).toMatchObject({ failed: true, ok: false });
    for (const file of ['index.html', 'index.md', 'race-cache-never-serves-a-stale-row.json', 'race-cache-never-serves-a-stale-row.html']) expect(existsSync(join(dir, 'reports', race, file)), file).toBe(true);
    const md = readFileSync(join(dir, 'reports', race, 'index.md'), 'utf8');
    expect(md).toMatch(/Replay: `await check\(scenario, \{ replay: 'rk1:1:/);
    // The seed is the test's own, drawn afresh each run unless given: the reproduce line says which.
    expect(md).toMatch(/Reproduce: `npx vitest run test\/race\.test\.ts -t "[^"]+" with seed: \d+ in the raceTest's options`/);
    // The CLI cannot load a test file's scenario: it says where the replay belongs.
    const replay = run(process.execPath, ['node_modules/racekit/bin/racekit.js', 'replay', join('reports', race, 'race-cache-never-serves-a-stale-row.json')]);
    expect(replay.output).toMatch(/^racekit: report was written by a vitest test \(test\/race\.test\.ts > cache never serves a stale row\): replay it there, with replay: 'rk1:1:[^']+' in the raceTest's options/m);
  });

  it('racekit/vite: a property file over plain code (raceTest and nothing else) finds the race at the awaits of src/, the fix passes', () => {
    const block = failureBlock('test/row-cache.race.test.ts > a write never leaves a stale row cached');
    expect(block).toContain('raceTest("a write never leaves a stale row cached") expects no race in scenario "row cache"');
    expect(block).toMatch(/Received: invariant at run \d+ of \d+: cache holds v1, db has v2\n/);
    // The load's await was reached before step 1, where B's save came: the row says so (cut to the column's width).
    expect(block).toContain(`| await src/row-cache.ts:${lineOf('src/row-cache.ts', 'const row = await this.load(id);')} (reached b`);
    expect(block).toContain(`| await src/row-cache.ts:${lineOf('src/row-cache.ts', 'await this.save(id, row);')} · await this.`);
    // Its awaits are the plugin's: replayed outside vitest, the same files must be instrumented again.
    expect(block).toMatch(/replay outside vitest: await check\(scenario, \{ replay: 'rk1:[^']+' \}\) {2}\/\/ scenario "row cache", check from 'racekit', the same files instrumented \(node --import racekit\/register, globs in RACEKIT_INSTRUMENT\)\n/);
    expect(block).not.toMatch(/\u001b\[/);
    expect(result('test/row-cache.race.test.ts > the versioned cache never serves a stale row').status).toBe('passed');
    expect(output).not.toContain('row cache: nothing was interleaved');
  });

  it('without the plugin the same file passes, and says that nothing was interleaved', () => {
    expect(withoutPlugin.status, withoutPlugin.output).toBe(0);
    expect(withoutPlugin.output).toMatch(/Tests {2}2 passed \(2\)/);
    expect(withoutPlugin.output.match(/racekit: row cache: nothing was interleaved: no yield point was reached in 1000 runs\./g)).toHaveLength(2);
  });

  it('the fixture type-checks against the packed declarations (raceTest overloads, matcher augmentation, racekit/vite)', () => {
    expect(typecheck.output).toBe('');
    expect(typecheck.status).toBe(0);
  });
});
