import * as awsPropertyProvider from '../../examples/libraries/aws-property-provider.js';
import { describeLibrary } from './library-case.js';

// @aws-sdk/property-provider's dist/cjs is CommonJS: instrumented through the require hook.
describeLibrary('@aws-sdk/property-provider 3.27.0 / 3.28.0 (CommonJS)', {
  module: 'examples/libraries/aws-property-provider.ts',
  globs: ['node_modules/aws-property-provider-3-27-0/**', 'node_modules/aws-property-provider-3-28-0/**'],
  file: 'node_modules/aws-property-provider-3-27-0/dist/cjs/memoize.js',
  message: /^the (credentials|region) provider ran 2 times: a call made while the first was loading did not share it$/,
  exports: awsPropertyProvider,
});
