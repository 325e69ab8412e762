/** The environment variable `racekit/vite` hands its globs and root to the test workers in (JSON). */
export const VITE_REQUIRE_VARIABLE = 'RACEKIT_VITE_REQUIRE';

/** What the plugin puts in {@link VITE_REQUIRE_VARIABLE} for its setup file (vite-setup.ts). */
export interface ViteRequireSettings {
  readonly globs: readonly string[];
  readonly root: string;
}
