/**
 * The setup file `racekit/vite` adds to vitest. vitest transforms what it
 * inlines, but a CommonJS module's own `require` (a library's entry
 * requiring the file with the awaits) is Node's, in the test worker: the
 * require hook transforms those files there, with the plugin's globs.
 * @packageDocumentation
 */
// First of all, before the test file's imports: racekit's counted queueMicrotask and process.nextTick (see register.ts).
import '../scheduler/activity.js';
import { globMatcher } from './globs.js';
import { installRequireHook } from './require-hook.js';
import { VITE_REQUIRE_VARIABLE, type ViteRequireSettings } from './vite-settings.js';

const INSTALLED = Symbol.for('racekit.vite.requireHook');
const text = process.env[VITE_REQUIRE_VARIABLE];
const state = globalThis as unknown as Record<symbol, true | undefined>;
// Setup files run again for every test file of a worker: one hook per worker, or files would be transformed twice.
if (text !== undefined && state[INSTALLED] === undefined) {
  const settings = JSON.parse(text) as ViteRequireSettings;
  installRequireHook(globMatcher(settings.globs, settings.root), settings.root, () => {});
  state[INSTALLED] = true;
}
