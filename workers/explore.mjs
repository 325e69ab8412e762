// A thread of racekit's explore pool (`racekit run/audit --workers N`, a
// piscina pool). Each task explores one worker's share of a check; the code
// that does it is racekit's own harness/parallel/explore-worker, named by the
// task: the built .js (dist/), or the .ts source through tsx when racekit
// itself runs from source (vitest). Loaded once per thread.
let explorer;

export default async function explore(task) {
  explorer ??= load(task.entry);
  const { default: exploreShare } = await explorer;
  return exploreShare(task);
}

async function load(entry) {
  if (!entry.endsWith('.ts')) return import(entry);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(entry, import.meta.url);
}
