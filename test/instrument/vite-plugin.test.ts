import { describe, expect, it } from 'vitest';
import racekit from '../../src/instrument/vite.js';

type Hook = (...args: unknown[]) => unknown;
const call = (hook: unknown, ...args: unknown[]) => (typeof hook === 'function' ? (hook as Hook)(...args) : (hook as { handler: Hook }).handler(...args));

describe('racekit/vite (the plugin object)', () => {
  const plugin = racekit({ include: ['src/**', 'node_modules/lib-a/**'], exclude: ['src/**/*.gen.ts'] });
  call(plugin.configResolved, { root: '/project' });

  it('transforms included files with a source map, before other plugins', () => {
    expect(plugin.enforce).toBe('pre');
    const r = call(plugin.transform, 'export async function f() { return await g(); }\n', '/project/src/a.ts') as { code: string; map: { sources: string[] } };
    expect(r.code).toContain('await __rk$a(g(), ');
    expect(r.map.sources).toEqual(['a.ts']);
  });

  it('leaves excluded, unnamed, virtual and derived (?raw) modules alone', () => {
    const code = 'export async function f() { return await g(); }\n';
    for (const id of ['/project/src/a.gen.ts', '/project/test/a.ts', '\0virtual:x', '/project/src/a.ts?raw']) expect(call(plugin.transform, code, id)).toBeNull();
    expect(call(plugin.transform, code, '/project/src/a.ts?v=1a2b')).not.toBeNull();
  });

  it('inlines the dependencies the globs name, so vitest transforms them instead of handing them to Node', () => {
    const config = call(plugin.config, { root: '/project' }) as { test: { server: { deps: { inline: RegExp[] } } } };
    const [re] = config.test.server.deps.inline;
    expect(re!.test('/project/node_modules/lib-a/dist/index.js')).toBe(true);
    expect(re!.test('/project/node_modules/lib-b/index.js')).toBe(false);
    const own = call(racekit({ include: ['src/**'] }).config, {}) as { test: { server?: unknown } };
    expect(own.test.server).toBeUndefined();
  });

  it('inlines a dependency reached through a symlink by its real path too (a symlinked node_modules, pnpm): vitest matches real paths', async () => {
    const { mkdtempSync, mkdirSync, realpathSync, symlinkSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'racekit-vite-link-')));
    mkdirSync(join(base, 'store', 'lib-a', 'dist'), { recursive: true });
    mkdirSync(join(base, 'project', 'node_modules'), { recursive: true });
    symlinkSync(join(base, 'store', 'lib-a'), join(base, 'project', 'node_modules', 'lib-a'));
    const config = call(racekit({ include: ['node_modules/lib-a/**'] }).config, { root: join(base, 'project') }) as { test: { server: { deps: { inline: RegExp[] } } } };
    const inline = config.test.server.deps.inline;
    // Before, only the written path was inlined, and the library was handed to Node untransformed: no yield point was reached.
    expect(inline.some((re) => re.test(join(base, 'store', 'lib-a', 'dist', 'index.js')))).toBe(true);
    expect(inline.some((re) => re.test(join(base, 'project', 'node_modules', 'lib-a', 'dist', 'index.js')))).toBe(true);
  });

  it("adds the setup file that installs the require hook in each test worker, with the globs and the root (a CommonJS module's own require is Node's)", () => {
    const config = call(plugin.config, { root: '/project' }) as { test: { setupFiles: string[]; env: Record<string, string> } };
    expect(config.test.setupFiles).toEqual([expect.stringMatching(/[\\/]instrument[\\/]vite-setup\.[jt]s$/)]);
    expect(JSON.parse(config.test.env['RACEKIT_VITE_REQUIRE']!)).toEqual({ globs: ['src/**', 'node_modules/lib-a/**', '!src/**/*.gen.ts'], root: '/project' });
  });

  it('bad options name the option', () => {
    expect(() => racekit({} as never)).toThrow('racekit({ include }) must be an array of globs, got undefined');
    expect(() => racekit({ include: [] })).toThrow('racekit({ include }): needs at least one glob');
  });
});
