import { describe, expect, it } from 'vitest';
import { parse } from '@babel/parser';
import { transformSync } from 'esbuild';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { instrumentSource, type InstrumentResult } from '../../src/instrument/transform.js';
import type { ModuleFormat } from '../../src/instrument/parse-source.js';
import { InstrumentParseError } from '../../src/instrument/parse-source.js';

const CWD = '/project';
function inst(code: string, file = 'src/x.ts', format?: ModuleFormat): InstrumentResult {
  const r = instrumentSource(code, { file: `${CWD}/${file}`, cwd: CWD, format });
  if (!r) throw new Error('nothing instrumented');
  return r;
}
const lines = (r: InstrumentResult) => r.labels.map((l) => Number(/:(\d+)$/.exec(l)![1]));
/** The instrumented code still parses, as a module (or a CommonJS body) with TypeScript where the file is. */
function reparses(r: InstrumentResult, file: string, format: ModuleFormat = 'module'): void {
  parse(r.code, { sourceType: format, plugins: [...(file.includes('.ts') ? (['typescript', 'decorators-legacy'] as const) : []), ...(file.endsWith('x') ? (['jsx'] as const) : [])] });
}

describe('instrumentSource: what is rewritten', () => {
  const cases: { name: string; code: string; lines: number[]; file?: string; format?: ModuleFormat }[] = [
    { name: 'await in a nested function and an async arrow', code: 'async function f() {\n  function g() { return 1; }\n  const h = async () => await g();\n  return await h();\n}', lines: [3, 4] },
    { name: 'await in a default parameter (an async arrow as the default)', code: 'async function f(cb = async () => await 1) {\n  return cb();\n}', lines: [1] },
    { name: 'class methods, static, private, getters are not async', code: 'class A {\n  async m() { await 1; }\n  static async s() { await 2; }\n  async #p() { await 3; }\n  get g() { return 4; }\n}', lines: [2, 3, 4] },
    { name: 'async generators and for await with destructuring', code: 'async function* g(src) {\n  for await (const [a, { b }] of src) {\n    yield await a;\n  }\n}', lines: [2, 3] },
    { name: 'top-level await in a module', code: 'const a = await import("x");\nfor await (const b of a) console.log(b);', lines: [1, 2], file: 'src/x.mjs' },
    { name: 'nested awaits on one line keep their order', code: 'async function f(x) { return await g(await x, await (1, 2)); }', lines: [1, 1, 1] },
    { name: 'for await over a parenthesised sequence and await across lines', code: 'async function f() {\n  for await (const a of (0, b)) await\n    a;\n}', lines: [2, 2] },
    { name: 'for await with comments between for and await', code: 'async function f(s) {\n  for /* a */\n  await (const x of s);\n}', lines: [3] },
    { name: 'TypeScript: generics, assertions, satisfies, enums, decorators, parameter properties', code: 'enum E { A }\n@dec class C<T> {\n  constructor(private readonly x: T) {}\n  async m(): Promise<T> { return (await this.f<T>()) as T; }\n}\nconst o = { a: 1 } satisfies Record<string, number>;\nconst v = async <T,>(p: Promise<T>) => await p!;', lines: [4, 7] },
    { name: 'TypeScript legacy parameter decorators', code: 'class S { constructor(@Inject() a: number) {} async m() { await this; } }', lines: [1] },
    { name: 'TSX', code: 'const C = async () => <div>{await load()}</div>;', file: 'src/x.tsx', lines: [1] },
    { name: 'CommonJS, sloppy: await as an identifier is left alone', code: 'var await = 1;\nconsole.log(await + 1);\nmodule.exports = async () => { return await Promise.resolve(1); };\nreturn;', file: 'lib/x.js', format: 'commonjs', lines: [3] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = inst(c.code, c.file ?? 'src/x.ts', c.format);
      expect(lines(r)).toEqual(c.lines);
      reparses(r, c.file ?? 'src/x.ts', c.format);
    });
  }

  it('labels name the file relative to the working directory, with forward slashes', () => {
    expect(inst('await 1;', 'node_modules/p/lib/a.mjs').labels).toEqual(['await node_modules/p/lib/a.mjs:1']);
    expect(instrumentSource('await 1;', { file: 'file:///project/src/u.mjs', cwd: CWD })!.labels).toEqual(['await src/u.mjs:1']);
  });

  it('rewrites exactly the awaits: helper calls around X, the rest of the code as written', () => {
    const r = inst('async function f() {\n  return await (a, b) + await c;\n}\n');
    expect(r.code.split('\n').slice(0, 3).join('\n')).toBe('async function f() {\n  return await __rk$a((a, b), "await src/x.ts:2") + await __rk$a(c, "await src/x.ts:2");\n}');
    const loop = inst('async function f() { for await (const x of (a, b)) {} }');
    expect(loop.code).toContain('for await (const x of (__rk$i((a, b), "await src/x.ts:1"))) {}');
  });

  it('keeps line numbers, shebangs and directive prologues: helpers go at the end', () => {
    const code = '#!/usr/bin/env node\n"use strict";\nasync function f() {\n  await 1;\n}\n';
    const r = inst(code, 'bin/x.js', 'commonjs');
    expect(r.code.startsWith('#!/usr/bin/env node\n"use strict";\n')).toBe(true);
    expect(r.code.split('\n').slice(0, 5)).toEqual(code.split('\n').slice(0, 5).map((l) => l.replace('await 1', 'await __rk$a(1, "await bin/x.js:4")')));
  });

  it('leaves files without await, and files instrumented already, untouched', () => {
    expect(instrumentSource('const awaited = 1; // no await here? "await" in a string', { file: '/p/a.js', format: 'commonjs' })).toBeUndefined();
    expect(instrumentSource('function f() { return 1; }', { file: '/p/a.js' })).toBeUndefined();
    const once = inst('async function f() { await 1; }');
    expect(instrumentSource(once.code, { file: `${CWD}/src/x.ts`, cwd: CWD })).toBeUndefined();
  });

  it('a file the parser cannot read is an InstrumentParseError naming it', () => {
    expect(() => instrumentSource('async function f() { await ; }', { file: '/p/bad.js' })).toThrow(InstrumentParseError);
    expect(() => instrumentSource('async function f() { await ; }', { file: '/p/bad.js' })).toThrow(/cannot instrument \/p\/bad\.js/);
  });
});

describe('instrumentSource: source maps', () => {
  it('maps every original token back to its own line and column', () => {
    const code = 'export async function load(key: string) {\n  const hit = await cache.get(key); const n = await count();\n  for await (const row of rows(key)) use(row, hit, n);\n  throw new Error(key);\n}\n';
    const r = inst(code);
    const trace = new TraceMap(r.map as never);
    const genLines = r.code.split('\n');
    for (const token of ['cache.get', 'const n', 'count()', 'rows(key)', 'use(row', 'new Error']) {
      const origLine = code.split('\n').findIndex((l) => l.includes(token));
      const genLine = genLines.findIndex((l) => l.includes(token));
      const p = originalPositionFor(trace, { line: genLine + 1, column: genLines[genLine]!.indexOf(token) });
      expect({ token, line: p.line, column: p.column, source: p.source }).toEqual({ token, line: origLine + 1, column: code.split('\n')[origLine]!.indexOf(token), source: 'x.ts' });
    }
    expect(r.map.sourcesContent).toEqual([code]);
  });

  it('composes with the inline map of an earlier compiler, and labels the original lines', () => {
    // What tsx hands on: esbuild's output, whitespace squeezed onto one line, with an inline map back to the .ts file.
    const ts = 'export async function f() {\n  const a: number = 1;\n\n  return await g(a);\n}\n';
    const out = transformSync(ts, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: `${CWD}/src/c.ts`, minifyWhitespace: true });
    const input = out.code;
    expect(input.split('\n').filter((l) => l.includes('await'))).toHaveLength(1);
    const r = instrumentSource(input, { file: `${CWD}/src/c.ts`, cwd: CWD })!;
    expect(r.labels).toEqual(['await src/c.ts:4']);
    expect(r.code).not.toContain('sourceMappingURL');
    const p = originalPositionFor(new TraceMap(r.map as never), { line: 1, column: r.code.indexOf('await') });
    expect(p.line).toBe(4);
  });
});
