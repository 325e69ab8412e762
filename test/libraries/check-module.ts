/**
 * Run as a user would under `node --import tsx --import racekit/register`
 * (RACEKIT_INSTRUMENT names the files): imports a module exporting `buggy`
 * and `fixed`, checks both with racekit as installed (the built dist through
 * the package's own name), replays the buggy one's token, and prints the
 * three results as one JSON line.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, type CheckResult, type Scenario } from 'racekit';

type Audited = Scenario<unknown, unknown> & { runs?: number };

const [module, seedText] = process.argv.slice(2);
const exports = (await import(pathToFileURL(resolve(module!)).href)) as { buggy: Audited; fixed: Audited };
const seed = Number(seedText ?? 1);
const buggy: CheckResult = await check(exports.buggy, { seed, runs: exports.buggy.runs });
const replayed: CheckResult = await check(exports.buggy, { replay: buggy.replay! });
const fixed: CheckResult = await check(exports.fixed, { seed, runs: exports.fixed.runs });
process.stdout.write(`${JSON.stringify({ buggy, replayed, fixed })}\n`);
