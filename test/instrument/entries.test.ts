import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every module the built file imports, transitively within dist/, and the packages it reaches. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(join(root, entry));
  return { files, packages };
}

// Built dist/ (npm run build first).
describe('package entries', () => {
  it('the main entry loads no parser, no source-map or loader library: they load only when instrumenting', () => {
    const { packages } = importGraph('dist/src/index.js');
    for (const p of ['@babel/parser', 'magic-string', 'pirates', 'picomatch', '@jridgewell/remapping', '@jridgewell/trace-mapping']) expect(packages).not.toContain(p);
  });

  it('racekit/vite and racekit/register resolve through the exports map, types first', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>> };
    for (const entry of ['./vite', './register']) expect(Object.keys(pkg.exports[entry]!)).toEqual(['types', 'default']);
    const vite = (await import('racekit/vite')) as { default: (o: { include: string[] }) => { name: string; enforce: string } };
    expect(vite.default({ include: ['src/**'] })).toMatchObject({ name: 'racekit:instrument', enforce: 'pre' });
    expect(() => vite.default({ include: ['src/[x'] })).toThrow(/racekit\(\{ include \}\): not a glob/);
  });
});
