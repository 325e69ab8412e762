import * as pMemoize from '../../examples/libraries/p-memoize.js';
import { describeLibrary } from './library-case.js';

// p-memoize is an ES module: instrumented through Node's module hooks.
describeLibrary('p-memoize 6.0.2 / 7.0.0 (ESM)', {
  module: 'examples/libraries/p-memoize.ts',
  globs: ['node_modules/p-memoize-6-0-2/**', 'node_modules/p-memoize-7-0-0/**'],
  file: 'node_modules/p-memoize-6-0-2/dist/index.js',
  message: /^fetchUser\('(ada|bob)'\) ran 2 times: a call made while the first was loading did not share it$/,
  exports: pMemoize,
});
