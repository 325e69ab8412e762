import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiReports } from './api/api-report.js';

// The public surface of every entry in package.json's exports, from the built
// declarations (npm test builds first). A change fails here until the report
// is updated on purpose: `npm run api` rewrites api/*.api.md.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | { types?: string }> };
const entries = Object.entries(pkg.exports).flatMap(([subpath, target]) => (typeof target === 'object' && target.types ? [{ subpath, types: resolve(target.types) }] : []));
const reportName = (subpath: string) => (subpath === '.' ? 'racekit' : `racekit-${subpath.slice(2).replace(/\//g, '-')}`);


describe('the public API', () => {
  const reports = apiReports(
    entries.map((e) => e.types),
    resolve('dist'),
  );
  entries.forEach((entry, i) => {
    it(`${entry.subpath === '.' ? 'racekit' : `racekit/${entry.subpath.slice(2)}`}: matches api/${reportName(entry.subpath)}.api.md, every export documented`, async () => {
      const report = reports[i]!;
      const header = `# ${entry.subpath === '.' ? 'racekit' : `racekit/${entry.subpath.slice(2)}`} — API report\n\nGenerated from the built declarations by test/api-report.test.ts. A change here is a change of the public API: update it on purpose with \`npm run api\`.\n\n`;
      await expect(`${header}${report.text}\n`).toMatchFileSnapshot(`../api/${reportName(entry.subpath)}.api.md`);
      expect(report.undocumented).toEqual([]);
      expect(report.forgotten).toEqual([]);
    });
  });

  it('the report names undocumented exports and types no entry exports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'racekit-api-'));
    writeFileSync(join(dir, 'index.d.ts'), ['/** Documented. */', 'export declare function a(x: Hidden): void;', 'export declare const b: number;', 'interface Hidden { x: number }', 'export {};', ''].join('\n'));
    const [report] = apiReports([join(dir, 'index.d.ts')], dir);
    expect(report!.undocumented).toEqual(['b']);
    expect(report!.forgotten).toEqual(['Hidden (index.d.ts)']);
    expect(report!.text).toContain('function a(x: Hidden): void;');
    expect(report!.text).not.toContain('Documented');
  });
});
