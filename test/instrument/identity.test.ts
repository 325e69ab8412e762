import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runNode, writePair } from './instrumented-files.js';

/**
 * Two concurrent async chains log each step; any extra (or missing)
 * microtask hop in one chain changes how the log interleaves. Thenables,
 * plain values, rejections, nested awaits, async generators, for-await over
 * sync and async iterables, Promise.all, queueMicrotask and nextTick.
 */
const CHAINS = `
const log = [];
const thenable = (v) => ({ then(ok) { log.push('then ' + v); ok(v); } });
async function* gen(name) { for (let i = 0; i < 3; i++) { log.push(name + ' gen ' + i); yield await i; } }
export async function chain(name) {
  log.push(name + ' start');
  const a = await 1;
  log.push(name + ' plain ' + a);
  const b = await thenable(name);
  log.push(name + ' thenable ' + b);
  try { await Promise.reject(new Error(name)); } catch (e) { log.push(name + ' caught ' + e.message); }
  const c = await (async () => await (await Promise.resolve(2)))();
  log.push(name + ' nested ' + c);
  for await (const x of gen(name)) log.push(name + ' got ' + x);
  for await (const [y] of [[Promise.resolve('p')], ['q']]) log.push(name + ' sync ' + y);
  const all = await Promise.all([1, Promise.resolve(2), thenable(3)].map(async (v) => await v));
  log.push(name + ' all ' + all);
  queueMicrotask(() => log.push(name + ' microtask'));
  process.nextTick(() => log.push(name + ' tick'));
  await null;
  log.push(name + ' end');
  return this === undefined ? 'strict' : 'sloppy';
}
export async function run() {
  const results = await Promise.all([chain('A'), chain('B')]);
  await new Promise((r) => setTimeout(r, 5));
  return { results, log };
}
`;

const CJS = `"use strict";
var log = [];
async function f(n) { log.push(n + ' in'); await undefined; log.push(n + ' mid'); await Promise.resolve(); log.push(n + ' out'); return typeof this + ' ' + arguments.length; }
exports.run = async function () { const r = await Promise.all([f.call(undefined, 'A', 1), f('B')]); return { r, log }; };
`;

function both(files: Record<string, string>, entry: string, call: string, record = false): { orig: unknown; inst: unknown; record: unknown } {
  const pair = writePair(files, (n) => (n.endsWith('.cjs') ? 'commonjs' : 'module'));
  const script = (dir: string) => `const m = await import(${JSON.stringify(pathToFileURL(join(dir, entry)).href)}); const out = await m.${call}; console.log(JSON.stringify({ out, record: RECORD }));`;
  const orig = JSON.parse(runNode(script(pair.orig), pair.root, record)) as { out: unknown; record: unknown };
  const inst = JSON.parse(runNode(script(pair.inst), pair.root, record)) as { out: unknown; record: unknown };
  return { orig: orig.out, inst: inst.out, record: inst.record };
}

describe('no handler: instrumented code behaves exactly as before', () => {
  it('same results and the same interleaving of two concurrent chains (ESM)', () => {
    const { orig, inst } = both({ 'chains.mjs': CHAINS }, 'chains.mjs', 'run()');
    expect((orig as { log: string[] }).log.length).toBeGreaterThan(30);
    expect(inst).toEqual(orig);
  });

  it('same results, same order, strict this and arguments (CommonJS)', () => {
    const { orig, inst } = both({ 'f.cjs': CJS }, 'f.cjs', 'default.run()');
    expect(orig).toEqual({ r: ['undefined 2', 'undefined 1'], log: ['A in', 'B in', 'A mid', 'B mid', 'A out', 'B out'] });
    expect(inst).toEqual(orig);
  });

  it('the comparison is sharp: a handler that adds one hop per await changes the interleaving', () => {
    const pair = writePair({ 'chains.mjs': CHAINS });
    const script = (dir: string, hop: boolean) =>
      `${hop ? "globalThis[Symbol.for('racekit.instrument')] = { handler: { await: (v) => Promise.resolve().then(() => v), iterate: (it) => it } };" : ''}
       const m = await import(${JSON.stringify(pathToFileURL(join(dir, 'chains.mjs')).href)}); console.log(JSON.stringify((await m.run()).log));`;
    expect(runNode(script(pair.inst, true), pair.root)).not.toEqual(runNode(script(pair.orig, false), pair.root));
  });

  it('a circular import that calls an instrumented function before its module body ran', () => {
    const files = {
      'a.mjs': "import { fromB } from './b.mjs';\nexport async function useA(x) { return (await x) + 1; }\nexport const b = fromB;\n",
      'b.mjs': "import { useA } from './a.mjs';\nexport const fromB = await useA(41);\n",
      'main.mjs': "import { b } from './a.mjs';\nexport const value = b;\n",
    };
    const { orig, inst } = both(files, 'main.mjs', 'value');
    expect(orig).toBe(42);
    expect(inst).toBe(42);
  });
});

describe('a handler sees every await and every for-await turn, in order', () => {
  // The handler is called as soon as X is evaluated (the top-level `await flow()` right after flow's first await), before X settles.
  it('labels in the order X is evaluated, each for-await turn after its iterate', () => {
    const files = {
      'flow.mjs': [
        'export async function flow() {',
        '  const a = await 1;',
        '  for await (const x of [1, 2]) {',
        '    await x;',
        '  }',
        '  return a + await Promise.resolve(2);',
        '}',
        'export const top = await flow();',
      ].join('\n'),
    };
    const { inst, record } = both(files, 'flow.mjs', 'top', true);
    expect(inst).toBe(3);
    expect(record).toEqual([
      'await flow.mjs:2',
      'await flow.mjs:8',
      'iterate await flow.mjs:3',
      'turn await flow.mjs:3',
      'await flow.mjs:4',
      'turn await flow.mjs:3',
      'await flow.mjs:4',
      'await flow.mjs:6',
    ]);
  });

  it('the handler decides what is awaited: its value replaces X', () => {
    const pair = writePair({ 'v.mjs': 'export async function v() { return await 1; }\n' });
    const script = `globalThis[Symbol.for('racekit.instrument')] = { handler: { await: (v, l) => Promise.resolve(v + ' via ' + l), iterate: (it) => it } };
      const m = await import(${JSON.stringify(pathToFileURL(join(pair.inst, 'v.mjs')).href)}); console.log(JSON.stringify(await m.v()));`;
    expect(JSON.parse(runNode(script, pair.root))).toBe('1 via await v.mjs:1');
  });
});
