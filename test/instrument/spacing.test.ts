import { describe, expect, it } from 'vitest';
import { parse } from '@babel/parser';
import { transformSync } from 'esbuild';
import { instrumentSource } from '../../src/instrument/transform.js';

// Minified libraries and tsx's output squeeze out every space they can: a
// helper call inserted after `of` or `await` must not join the keyword.
const AsyncFunction = (async () => undefined).constructor as new (body: string) => () => Promise<unknown>;

/** Runs a file defining `async function f()` and returns what `f()` resolves to (no handler: the helpers pass values through). */
async function result(code: string): Promise<unknown> {
  return new AsyncFunction(`${code}\n;return f();`)();
}

function instrumented(code: string): string {
  const r = instrumentSource(code, { file: '/project/src/m.js', cwd: '/project', format: 'module' });
  if (!r) throw new Error('nothing instrumented');
  parse(r.code, { sourceType: 'module' });
  return r.code;
}

describe('instrumented code parses and computes the same whatever the spacing', () => {
  const body: Record<string, string> = {
    'of[': 'let s="";for await(const x of[Promise.resolve("a"),"b"])s+=x;return s',
    'of"': 'let s="";for await(const x of"ab")s+=x;return s',
    'of`': 'let s="";for await(const x of`ab`)s+=x;return s',
    'of!': 'let s="",x=0;for await(const c of!x?"ab":"")s+=c;return s',
    'of+': 'let s="",x=1;for await(const c of+x?"ab":"")s+=c;return s',
    'of-': 'let s="",x=1;for await(const c of-x?"ab":"")s+=c;return s',
    'of~': 'let s="",x=0;for await(const c of~x?"ab":"")s+=c;return s',
    'of/re/': 'let s="";for await(const x of/x/.test("")?"":"ab")s+=x;return s',
    'of{': 'let s="";for await(const x of{a:"ab"}.a)s+=x;return s',
    'of(': 'let s="";for await(const x of("ab"))s+=x;return s',
    'of( sequence': 'let s="";for await(const x of(0,"ab"))s+=x;return s',
    'of/**/': 'let s="";for await(const x of/**/"ab")s+=x;return s',
    'of with an await inside': 'let s="";for await(const x of[await"a",await(0,"b")])s+=x;return s',
    'nested for await': 'let s="";for await(const x of["ab","cd"])for await(const y of[...x])s+=y;return s',
    'await"': 'return await"a"',
    'await[': 'return await[1][0]',
    'await(': 'return await(1,2)',
    'await`': 'return await`t`',
    'await/re/': 'return await/a/.source',
    'await!': 'return await!0',
    'await-': 'return await-1',
    'await+': 'return+await+1',
    'await{': 'return await{a:1}.a',
    'await.5': 'return await.5',
    'await await': 'return await await 3',
    'typeof/void/in/instanceof': 'return[typeof await 1,void await 2,"a"in await{a:1},[]instanceof await Array]',
    'case await': 'switch(1){case await 1:return"one";default:return"other"}',
    'async arrow': 'const g=async x=>await x*2;return g(4)',
    'yield await': 'async function*g(){yield await 1;yield*await[2]}let s=[];for await(const x of g())s.push(x);return s',
    'new and delete': 'class C{v=1}const o={a:{b:1}};delete(await o).a;return[new(await C)().v,Object.keys(o)]',
    'across lines': 'let s="";for await(const x of\n["a"])s+=await\nx;return s',
  };
  for (const [name, code] of Object.entries(body)) {
    it(name, async () => {
      const source = `async function f(){${code}}`;
      expect(await result(instrumented(source))).toEqual(await result(source));
    });
  }

  it('TypeScript through esbuild with whitespace removed, as tsx hands it on', async () => {
    const ts = 'async function f(): Promise<string> {\n  let s = "";\n  for await (const x of [Promise.resolve("a"), "b"]) s += x;\n  for await (const x of "cd") s += await x;\n  return s;\n}\n';
    const js = transformSync(ts, { loader: 'ts', minifyWhitespace: true }).code;
    expect(js).toContain('of[');
    expect(await result(instrumented(js))).toBe('abcd');
  });
});
