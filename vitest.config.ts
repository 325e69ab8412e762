import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.prop.ts'],
    // User projects run by test/package-fixture.test.ts and test/instrument/front-ends.test.ts in folders of their own (one fails on purpose).
    exclude: [...configDefaults.exclude, 'test/fixture-project/**', 'test/instrument/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
