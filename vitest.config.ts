import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.prop.ts'],
    // A user's project, run by test/package-fixture.test.ts in a folder of its own.
    exclude: [...configDefaults.exclude, 'test/fixture-project/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
