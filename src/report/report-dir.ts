import { mkdir, rename, writeFile, symlink, rm, readdir, access, constants, lstat, readlink, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
export async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** A run's folder under the reports root. */
export interface RunDir {
  readonly root: string;
  readonly id: string;
  readonly path: string;
}

/** A sortable, unique run id: UTC time, then the seed. */
export function runId(date: Date, seed: number): string {
  const iso = date.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*$/, '');
  return `${iso}-${date.getUTCMilliseconds().toString().padStart(3, '0')}-s${seed}`;
}

/** Creates the run folder; an unwritable root is bad usage (exit 2). */
export async function createRunDir(root: string, id: string): Promise<RunDir> {
  const abs = resolve(root);
  try {
    await makeDirs(abs);
    await access(abs, constants.W_OK);
    const path = join(abs, id);
    await mkdir(path);
    return { root: abs, id, path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write reports to ${abs}: ${(code && WHY[code]) ?? code ?? String(error)}`);
  }
}

/** What an error code means for a reports folder. */
const WHY: Record<string, string> = {
  EEXIST: 'a file of that name is in the way',
  ENOTDIR: 'a part of the path is a file',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'a read-only file system',
  ENOENT: 'no folder can be made there',
};

/**
 * mkdir -p one level at a time: Node 20's recursive mkdir never returns under
 * /proc (a reports root there spun at full CPU instead of failing).
 */
async function makeDirs(path: string): Promise<void> {
  const missing: string[] = [];
  for (let p = path; ; p = dirname(p)) {
    const found = await stat(p).catch(() => undefined);
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`${p} is not a directory`), { code: p === path ? 'EEXIST' : 'ENOTDIR' });
      break;
    }
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing) await mkdir(p).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
}

/** Points `<root>/latest` at the run, replacing the old link atomically. */
export async function linkLatest(dir: RunDir): Promise<void> {
  const latest = join(dir.root, 'latest');
  const tmp = `${latest}.${process.pid}.tmp`;
  await rm(tmp, { force: true });
  await symlink(dir.id, tmp);
  await rename(tmp, latest);
}

/** The run folder `latest` points at, if any. */
export async function readLatest(root: string): Promise<string | undefined> {
  const latest = join(resolve(root), 'latest');
  try {
    if (!(await lstat(latest)).isSymbolicLink()) return undefined;
    return await readlink(latest);
  } catch {
    return undefined;
  }
}

/** Removes the oldest run folders beyond `keep` (never the one `latest` points at). */
export async function pruneRuns(root: string, keep: number): Promise<void> {
  const abs = resolve(root);
  const current = await readLatest(abs);
  const entries = await readdir(abs, { withFileTypes: true });
  const runs = entries.filter((e) => e.isDirectory() && /^\d{8}-\d{6}-/.test(e.name)).map((e) => e.name).sort();
  const excess = runs.length - keep;
  for (const name of runs.slice(0, Math.max(0, excess))) if (name !== current) await rm(join(abs, name), { recursive: true, force: true });
}
