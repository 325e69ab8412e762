import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awaitHandler, setAwaitHandler, type AwaitHandler } from '../../src/instrument/runtime.js';
import { PRELUDE } from '../../src/instrument/prelude.js';
import { sourceLineOf } from '../../src/instrument/source-line.js';
import { instrumentSource } from '../../src/instrument/transform.js';

const KEY = Symbol.for('racekit.instrument');
const handler: AwaitHandler = { await: (v, l) => `${String(v)} at ${l}`, iterate: (it) => it };

describe('the shared state', () => {
  afterEach(() => setAwaitHandler(undefined));

  it('setAwaitHandler installs on globalThis[Symbol.for("racekit.instrument")], and undefined removes', () => {
    setAwaitHandler(handler);
    expect((globalThis as unknown as Record<symbol, { handler: unknown }>)[KEY]!.handler).toBe(handler);
    setAwaitHandler(undefined);
    expect(awaitHandler()).toBeUndefined();
  });

  it('the prelude of an instrumented module reads the same object, whoever created it', () => {
    // The prelude's helpers, evaluated as a module body would run them.
    const helpers = new Function(`${PRELUDE}\nreturn [__rk$a, __rk$i];`) as () => [(v: unknown, l: string) => unknown, (v: unknown, l: string) => unknown];
    const saved = (globalThis as unknown as Record<symbol, unknown>)[KEY];
    delete (globalThis as unknown as Record<symbol, unknown>)[KEY];
    try {
      const [a, i] = helpers();
      const value = {};
      expect(a(value, 'await x.ts:1')).toBe(value); // creates the state, no handler: X itself
      setAwaitHandler(handler); // the runtime finds the prelude's object
      expect(a(1, 'await x.ts:2')).toBe('1 at await x.ts:2');
      expect(i(value, 'await x.ts:3')).toBe(value);
    } finally {
      (globalThis as unknown as Record<symbol, unknown>)[KEY] = saved;
    }
  });
});

describe('sourceLineOf', () => {
  it('the trimmed text of the line a label names, relative to the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'racekit-line-'));
    mkdirSync(join(dir, 'src'));
    const code = 'export async function get(k) {\r\n  const v = await cache.get(k);   \n  return v;\n}\n';
    writeFileSync(join(dir, 'src', 'cache.mjs'), code);
    const [label] = instrumentSource(code, { file: join(dir, 'src', 'cache.mjs'), cwd: dir })!.labels;
    expect(label).toBe('await src/cache.mjs:2');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(sourceLineOf(label!)).toBe('const v = await cache.get(k);');
      expect(sourceLineOf('await src/cache.mjs:99')).toBeUndefined();
      expect(sourceLineOf('await src/missing.mjs:1')).toBeUndefined();
      expect(sourceLineOf('read')).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });
});
