import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.prop.ts'],
    // The instrument fixture project has tests of its own, one failing on purpose; front-ends.test.ts runs them.
    exclude: [...configDefaults.exclude, 'test/instrument/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
