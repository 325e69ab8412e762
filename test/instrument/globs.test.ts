import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidGlobError, checkGlobs, globMatcher, parseGlobList } from '../../src/instrument/globs.js';

describe('globs naming the files to instrument', () => {
  const m = globMatcher(['src/**', 'lib/*.js', 'node_modules/p-*/dist/**', '!src/**/*.test.ts', '/abs/dir/**'], '/project');

  it('* stays within a path segment, ** crosses segments, relative to the working directory', () => {
    expect(m('/project/src/a.ts')).toBe(true);
    expect(m('/project/src/deep/er/b.mts')).toBe(true);
    expect(m('/project/lib/c.js')).toBe(true);
    expect(m('/project/lib/sub/c.js')).toBe(false);
    expect(m('/project/node_modules/p-limit/dist/index.js')).toBe(true);
    expect(m('/project/node_modules/q/dist/index.js')).toBe(false);
    expect(m('/elsewhere/src/a.ts')).toBe(false);
  });

  it('file URLs and query strings, exclusions, absolute globs, and only JavaScript or TypeScript files', () => {
    expect(m('file:///project/src/a.ts?v=1')).toBe(true);
    expect(m('/project/src/a.test.ts')).toBe(false);
    expect(m('/abs/dir/x.cjs')).toBe(true);
    expect(m('/project/src/data.json')).toBe(false);
    expect(m('/project/src/.hidden/x.js')).toBe(true);
  });

  it('bad globs name the source and the glob', () => {
    expect(parseGlobList('src/**, lib/*.js', '--instrument')).toEqual(['src/**', 'lib/*.js']);
    for (const bad of ['', 'src/**,', 'src/[a', 'src/{a', '!']) expect(() => parseGlobList(bad, '--instrument')).toThrow(InvalidGlobError);
    expect(() => parseGlobList('src/[a', '--instrument')).toThrow(/^--instrument: not a glob .*got "src\/\[a"$/);
    expect(() => checkGlobs([], 'racekit({ include })')).toThrow('racekit({ include }): needs at least one glob, got ""');
    expect(() => checkGlobs([3], 'racekit({ include })')).toThrow('each glob must be a string');
  });
});

describe('globs through a symlinked directory', () => {
  // pnpm and workspaces link node_modules/p to the store: Node loads the real path.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'racekit-globs-')));
  const store = join(root, 'store', 'p@1', 'lib');
  mkdirSync(store, { recursive: true });
  writeFileSync(join(store, 'index.js'), '');
  const project = join(root, 'project');
  mkdirSync(join(project, 'node_modules'), { recursive: true });
  symlinkSync(join(root, 'store', 'p@1'), join(project, 'node_modules', 'p'), 'dir');
  symlinkSync(project, join(root, 'linked'), 'dir');

  it('a file under the real path answers to the glob as written, and to its own path', () => {
    const m = globMatcher(['node_modules/p/**'], project);
    expect(m(join(store, 'index.js'))).toBe(true);
    expect(m(`file://${join(store, 'index.js')}`)).toBe(true);
    expect(m(join(project, 'node_modules', 'p', 'lib', 'index.js'))).toBe(true);
    expect(m(join(root, 'store', 'q@1', 'index.js'))).toBe(false);
    expect(globMatcher([`${project}/node_modules/p/lib/*.js`])(join(store, 'index.js'))).toBe(true);
  });

  it('exclusions follow the link too, and a glob naming a file not yet there resolves its nearest existing directory', () => {
    expect(globMatcher(['node_modules/**', '!node_modules/p/lib/**'], project)(join(store, 'index.js'))).toBe(false);
    expect(globMatcher(['node_modules/p/lib/later.js'], project)(join(store, 'later.js'))).toBe(true);
  });

  it('a symlinked working directory', () => {
    const m = globMatcher(['src/**'], join(root, 'linked'));
    expect(m(join(project, 'src', 'a.ts'))).toBe(true);
    expect(m(join(root, 'linked', 'src', 'a.ts'))).toBe(true);
  });
});
