import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RacekitError } from '../errors.js';

/**
 * The URL of a plain `.mjs` worker script in the package's `workers/` folder.
 *
 * Worker threads load files with Node's own loader, not through vitest's or
 * tsc's pipeline, so the scripts are plain JavaScript kept outside `src/` and
 * found by walking up from this module: from `src/threads/` (vitest, tsx)
 * and from `dist/src/threads/` (the built CLI) alike, with no build step to copy them.
 */
export function workerFile(name: string): URL {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'workers', name);
    if (existsSync(candidate)) return pathToFileURL(candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new RacekitError('RACEKIT_WORKER_MISSING', `worker script workers/${name} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
