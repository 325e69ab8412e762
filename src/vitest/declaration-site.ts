import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** racekit's vitest files: `vitest.ts` (or `.js`) and everything under `vitest/`, as paths and as file URLs. */
const OWN = join(dirname(dirname(fileURLToPath(import.meta.url))), 'vitest');
const OWN_URL = new URL(`file://${OWN}`).href;
/** Loaded from dist/ of a linked checkout (a workspace, `file:`), vitest maps the frames to the sources: src/vitest. */
const OWN_SOURCE = join(dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url))))), 'src', 'vitest');

/** A stack frame line of racekit's own vitest files (or of Node itself), which no user wants to be pointed at. */
function isOwnFrame(line: string): boolean {
  return line.includes(OWN) || line.includes(OWN_URL) || line.includes(OWN_SOURCE) || /\((node:|internal\/)|at node:/.test(line);
}

/**
 * Where a `raceTest` was declared: the stack at the call, without racekit's
 * own frames, so that its first frame is the user's `raceTest(…)` line.
 */
export type DeclarationSite = string;

/** The stack frames of the code that called racekit's vitest API. */
export function declarationSite(): DeclarationSite {
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  return frames.filter((line) => !isOwnFrame(line)).join('\n');
}

/**
 * Makes a failure point at the test's own line: vitest shows the code frame
 * of an error's first stack frame, and the check runs inside racekit's test
 * body, where no frame of the user's file is on the stack any more.
 */
export function placeAt<E extends Error>(error: E, site: DeclarationSite): E {
  if (site !== '') error.stack = `${error.name}: ${error.message}\n${site}`;
  return error;
}
