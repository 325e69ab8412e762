import * as asyncCacheDedupe from '../../examples/libraries/async-cache-dedupe.js';
import { describeLibrary } from './library-case.js';

// async-cache-dedupe is CommonJS: instrumented through the require hook, its internal require('./src/cache') included.
describeLibrary('async-cache-dedupe 3.3.0 / 3.4.0 (CommonJS)', {
  module: 'examples/libraries/async-cache-dedupe.ts',
  globs: ['node_modules/async-cache-dedupe-3-3-0/**', 'node_modules/async-cache-dedupe-3-4-0/**'],
  file: 'node_modules/async-cache-dedupe-3-3-0/src/cache.js',
  message: /^profile [12] loaded again while its refresh was still in flight \(stale hits not deduplicated\)$/,
  exports: asyncCacheDedupe,
});
