import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFile, stat } from 'node:fs/promises';
import { parse } from '@babel/parser';
import { register as registerRequire } from 'tsx/cjs/api';
import { tsImport } from 'tsx/esm/api';
import { InvalidReplayError, RacekitError, UsageError } from '../src/errors.js';
import { validateScenario, type Scenario } from '../src/scenario.js';
import { AUDIT_EXPORTS, auditTargets, isScenario, type AuditTarget } from '../src/audit/targets.js';
import { isOperationSpec } from '../src/audit/operation-spec.js';
import { validateScenarioOptions } from '../src/options.js';

/** A user module exports nothing `racekit audit` can run. */
export class NothingToAuditError extends RacekitError {
  constructor(module: string) {
    super('RACEKIT_NOTHING_TO_AUDIT', `${module} exports nothing to audit: it must export ${AUDIT_EXPORTS}`);
  }
}

let requireRegistered = false;

/**
 * Imports a user module (TypeScript through tsx, or JavaScript), relative to
 * the working directory. tsImport's hooks see only `import`; tsx's require
 * hook (registered once, for the whole process, as `npx tsx` does) compiles
 * the TypeScript a module requires (`createRequire(…)('./x.cts')`).
 */
export async function importModule(module: string): Promise<Record<string, unknown>> {
  if (!requireRegistered) {
    registerRequire();
    requireRegistered = true;
  }
  const path = resolve(module);
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new UsageError(`cannot read module ${module}`);
  if (found.isDirectory()) throw new UsageError(`cannot load module ${module}: it is a directory; name the file that exports the scenarios`);
  try {
    return (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`cannot load module ${module}: ${(await syntaxErrorAt(error, path)) ?? loadErrorLine(error)}`);
  }
}

/** A path as the user wrote it: relative to the working directory when under it. */
function shown(path: string): string {
  const abs = path.startsWith('file://') ? fileURLToPath(path) : path;
  const rel = relative(process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * The one line of a load error that says what went wrong and where. esbuild
 * (through tsx) puts a headline first ("Transform failed with 1 error:") and
 * the `file:line:col: ERROR: text` lines after it; a require names the
 * importing file in a "Require stack" below; an error the module threw as it
 * ran says where only in its stack. The first line alone says none of that.
 */
export function loadErrorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const esbuild = lines.map((l) => /^(.+?):(\d+):(\d+): ERROR: (.*)$/.exec(l)).filter((m) => m !== null);
  if (esbuild.length > 0) {
    const [, file, line, column, text] = esbuild[0]!;
    // esbuild counts columns from 0; editors, Node's stack frames and the parser's location below from 1.
    return `${shown(file!)}:${line}:${Number(column) + 1}: ${text}${esbuild.length > 1 ? ` (and ${esbuild.length - 1} more error${esbuild.length > 2 ? 's' : ''})` : ''}`;
  }
  const what = `${error.name === 'Error' ? '' : `${error.name}: `}${lines[0] ?? ''}`;
  // "Require stack:\n- /abs/importer.ts?namespace=…": the first entry is the file whose import failed.
  const stackAt = lines.indexOf('Require stack:');
  const importer = stackAt >= 0 ? /^- (.+?)(?:\?.*)?$/.exec(lines[stackAt + 1] ?? '')?.[1] : undefined;
  if (importer !== undefined) return `${what} (imported from ${shown(importer)})`;
  const frame = userFrame(error.stack);
  return frame === undefined ? what : `${what} (${frame})`;
}

/**
 * Where a JavaScript syntax error is, when Node's SyntaxError does not say
 * (an ES module that fails to compile has no location in its message or
 * stack): the module itself parsed again to find it, else a pointer to the
 * files it imports. Undefined for any other error.
 */
async function syntaxErrorAt(error: unknown, path: string): Promise<string | undefined> {
  if (!(error instanceof SyntaxError) || /:\d+:\d+/.test(error.message) || userFrame(error.stack) !== undefined) return undefined;
  const what = `SyntaxError: ${error.message.split('\n')[0]}`;
  try {
    const code = await readFile(path, 'utf8');
    parse(code, { sourceType: path.endsWith('.cjs') ? 'script' : 'module', allowReturnOutsideFunction: path.endsWith('.cjs'), plugins: /\.[cm]?tsx?$/.test(path) ? ['typescript'] : [], errorRecovery: false });
  } catch (parsed) {
    const loc = (parsed as { loc?: { line: number; column: number } }).loc;
    if (loc !== undefined) return `${shown(path)}:${loc.line}:${loc.column + 1}: ${what}`;
  }
  return `${what} (in a file it imports: the module itself parses)`;
}

/** Racekit's own code (compiled or not): its frames are where a load error surfaced, not where it was made. */
const OWN = ['harness', 'src'].map((d) => `${resolve(dirname(fileURLToPath(import.meta.url)), '..', d)}${sep}`);

/**
 * The first stack frame in a file of the user's (not Node's, not racekit's,
 * not under node_modules): `at file:line:col`. A file tsx runs as CommonJS
 * runs from a data: URL naming it in `filePath`: its line and column are
 * those of the transformed code, so only the file is said (`in file`).
 */
function userFrame(stack: string | undefined): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const transformed = /^\s*at (?:.*? \()?data:text\/javascript,.*[?&]filePath=([^:&)]+)/.exec(line);
    const file = transformed ? decodeURIComponent(transformed[1]!).replace(/\?.*$/, '') : undefined;
    if (file !== undefined && isAbsolute(file) && !file.includes(`${sep}node_modules${sep}`)) return `in ${shown(file)}`;
    const m = /^\s*at (?:.*? \()?((?:file:\/\/)?\/[^()]*?):(\d+:\d+)\)?$/.exec(line);
    if (!m) continue;
    const path = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    if (!path.includes(`${sep}node_modules${sep}`) && !OWN.some((own) => path.startsWith(own))) return `at ${shown(path)}:${m[2]}`;
  }
  return undefined;
}

/** The audit targets of a module; {@link NothingToAuditError} when there are none, an InvalidOptionError for a bad option of one. */
export async function loadTargets(module: string): Promise<AuditTarget[]> {
  const exports = await importModule(module);
  // Before anything runs, as check() checks its options: a field auditTargets would replace by its default is said instead, in one line.
  for (const value of Object.entries(exports).flatMap(([key, v]) => (key === 'default' && Array.isArray(v) ? (v as unknown[]) : [v]))) {
    if (isScenario(value)) validateScenario(value);
    if (isScenario(value) || isOperationSpec(value)) validateScenarioOptions(value as unknown as Record<string, unknown>);
  }
  const targets = auditTargets(exports, module);
  if (targets.length === 0) throw new NothingToAuditError(module);
  return targets;
}

/** Loads a scenario exported by a user module (recorded in audit reports). */
export async function loadScenario(module: string, name: string): Promise<Scenario<unknown, unknown>> {
  const targets = auditTargets(await importModule(module), module);
  const target = targets.find((t) => t.name === name);
  if (!target) throw new InvalidReplayError(`report names scenario "${name}", which ${module} no longer exports (it exports: ${targets.map((t) => t.name).join(', ') || 'nothing to audit'})`);
  return target.scenario as Scenario<unknown, unknown>;
}
