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
