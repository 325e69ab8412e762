import { defineConfig } from 'vitest/config';
import racekit from 'racekit/vite';

// Every await in src/ is a yield point when a check runs: the code under test needs no ctx.step and no ctx.wrap.
export default defineConfig({
  plugins: [racekit({ include: ['src/**'] })],
});
