import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Semaphore } from 'async-mutex';
import { Piscina } from 'piscina';
import { Agent, request } from 'undici';
import { fmt, fmtMs, median, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** The worker file: next to this module under tsx, in bench/ when running from dist/bench/. */
export function workerUrl(): URL {
  const here = new URL('./concurrency-worker.mjs', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../bench/concurrency-worker.mjs', import.meta.url);
}

interface WorkerModule {
  countPrimes(limit: number): number;
}

/** A local HTTP server answering every request after `latencyMs` with `bytes` bytes. */
async function startServer(latencyMs: number, bytes: number): Promise<{ url: string; server: Server }> {
  const payload = Buffer.alloc(bytes, 120);
  const server = createServer((_req, res) => {
    setTimeout(() => res.end(payload), latencyMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/file`, server };
}

/** Samples the process's RSS (main thread and workers) while `fn` runs; returns wall ms and peak growth. */
async function measured(fn: (sample: () => void) => Promise<unknown>): Promise<{ ms: number; peakMB: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  try {
    await fn(sample);
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t0;
  sample();
  return { ms, peakMB: (peak - base) / 1e6 };
}

/** One way of running a batch of jobs. */
interface Model {
  readonly name: string;
  run<T>(jobs: readonly (() => Promise<T>)[], inPool: ((i: number) => Promise<T>) | undefined, sample: () => void): Promise<T[]>;
}

function models(pools: ReadonlyMap<number, Piscina>): Model[] {
  const list: Model[] = [
    {
      name: 'sequential',
      async run(jobs, _pool, sample) {
        const out = [];
        for (const job of jobs) {
          out.push(await job());
          sample();
        }
        return out;
      },
    },
    {
      name: 'Promise.all (unbounded)',
      run: (jobs, _pool, sample) => Promise.all(jobs.map((job) => job().finally(sample))),
    },
    {
      name: 'semaphore of 20',
      run(jobs, _pool, sample) {
        const semaphore = new Semaphore(20);
        return Promise.all(jobs.map((job) => semaphore.runExclusive(() => job().finally(sample))));
      },
    },
  ];
  for (const size of pools.keys()) {
    list.push({
      name: `piscina, ${size} workers`,
      run: (jobs, inPool, sample) => Promise.all(jobs.map((_, i) => inPool!(i).finally(sample))),
    });
  }
  return list;
}

interface Row {
  model: string;
  ms: number[];
  peakMB: number[];
}

/** What to pick, from this run's figures (not from folklore). */
function advice(results: Record<'io' | 'cpu', Row[]>, loadBefore: number): string {
  const best = (rows: Row[]) => rows.reduce((a, b) => (median(b.ms) < median(a.ms) ? b : a));
  const speedup = (rows: Row[], r: Row) => median(rows[0]!.ms) / median(r.ms);
  const io = best(results.io);
  const cpu = best(results.cpu);
  const pools = results.cpu.filter((r) => r.model.startsWith('piscina'));
  const bestPool = pools.length > 0 ? best(pools) : undefined;
  const cores = availableParallelism();
  const busy = loadBefore > cores;
  return [
    `What to pick, from these figures: for the downloads, ${io.model} was fastest (${fmt(speedup(results.io, io), 1)}× sequential): waiting is what takes the time, and one thread can wait on many sockets; worker threads only split the same waiting over fewer in-flight requests. `,
    `For prime counting, Promise.all and the semaphore cannot beat sequential (one thread runs the JavaScript); only worker threads can use another core. `,
    bestPool
      ? `Here the best pool (${bestPool.model}) ran at ${fmt(speedup(results.cpu, bestPool), 1)}× sequential on ${cores} cores` +
        (busy
          ? `, with the machine's load average at ${fmt(loadBefore, 1)} when this measurement began: other work competed for the cores, which hides some or all of the parallel speed-up a pool can give (at most ${cores}× here); see FINDINGS.md.`
          : `; a pool can give at most ${cores}× here.`)
      : '',
    ` Fastest CPU model in this run: ${cpu.model}.`,
  ].join('');
}

/**
 * The seeds' "which concurrency model" table, measured: 100 downloads from a
 * local server with injected latency, and a CPU-bound prime-counting batch,
 * each run sequentially, with unbounded Promise.all, under a semaphore of 20,
 * and on piscina pools.
 */
export async function concurrencyModels(size: BenchSize): Promise<Section> {
  const downloads = size === 'tiny' ? 4 : 100;
  const latencyMs = size === 'tiny' ? 2 : 20;
  const bytes = 64 * 1024;
  const cpuJobs = size === 'tiny' ? 2 : size === 'quick' ? 8 : 24;
  const primeLimit = size === 'tiny' ? 2_000 : 150_000;
  const rounds = size === 'full' ? 3 : 1;
  const poolSizes = size === 'tiny' ? [2] : [2, 4];
  const loadBefore = loadavg()[0]!;
  const url = workerUrl();
  const worker = (await import(url.href)) as WorkerModule;
  const { url: fileUrl, server } = await startServer(latencyMs, bytes);
  const agent = new Agent();
  const pools = new Map(poolSizes.map((n) => [n, new Piscina({ filename: url.href, minThreads: n, maxThreads: n, idleTimeout: 60_000 })]));
  const expectedPrimes = worker.countPrimes(primeLimit);
  try {
    // Start every worker before timing: thread start-up is not what the table compares.
    for (const [n, pool] of pools) await Promise.all(Array.from({ length: n }, () => pool.run({ kind: 'noop' })));
    const list = models(pools);
    const download = async (): Promise<number> => {
      const response = await request(fileUrl, { dispatcher: agent });
      return (await response.body.arrayBuffer()).byteLength;
    };
    const batches = {
      io: {
        jobs: Array.from({ length: downloads }, () => download),
        pool: (n: number) => (_i: number) => pools.get(n)!.run({ kind: 'download', url: fileUrl }) as Promise<number>,
        expect: (r: number[]) => r.length === downloads && r.every((b) => b === bytes),
      },
      cpu: {
        jobs: Array.from({ length: cpuJobs }, () => async () => worker.countPrimes(primeLimit)),
        pool: (n: number) => (_i: number) => pools.get(n)!.run({ kind: 'primes', limit: primeLimit }) as Promise<number>,
        expect: (r: number[]) => r.length === cpuJobs && r.every((c) => c === expectedPrimes),
      },
    };
    const results: Record<'io' | 'cpu', Row[]> = { io: [], cpu: [] };
    for (const kind of ['io', 'cpu'] as const) {
      const batch = batches[kind];
      const rows = list.map((m) => ({ model: m.name, ms: [] as number[], peakMB: [] as number[] }));
      for (let round = 0; round < rounds; round++) {
        // Rotate the order each round so no model always runs on a warmer process.
        for (let j = 0; j < list.length; j++) {
          const i = (j + round) % list.length;
          const model = list[i]!;
          const poolSize = [...pools.keys()].find((n) => model.name === `piscina, ${n} workers`);
          let out: number[] = [];
          const m = await measured(async (sample) => {
            out = await model.run(batch.jobs, poolSize === undefined ? undefined : batch.pool(poolSize), sample);
          });
          if (!batch.expect(out)) throw new Error(`${kind} batch under ${model.name} returned wrong results`);
          rows[i]!.ms.push(m.ms);
          rows[i]!.peakMB.push(m.peakMB);
        }
      }
      results[kind] = rows;
    }
    const render = (rows: Row[]) => {
      const sequential = median(rows[0]!.ms);
      return table(
        ['model', 'wall time (median)', 'range', 'speed-up vs sequential', 'peak RSS growth: median (max)'],
        rows.map((r) => [r.model, fmtMs(median(r.ms)), `${fmtMs(Math.min(...r.ms))}–${fmtMs(Math.max(...r.ms))}`, `${fmt(sequential / median(r.ms), 1)}×`, `${fmt(median(r.peakMB), 1)} MB (${fmt(Math.max(...r.peakMB), 1)})`]),
      );
    };
    const body = [
      `${downloads} downloads of ${bytes / 1024} KB from a local node:http server on 127.0.0.1 answering after ${latencyMs} ms, fetched with undici \`request\` (one keep-alive Agent per thread); and ${cpuJobs} jobs counting the primes below ${fmt(primeLimit)} by trial division. Pools are started and warmed before timing; piscina runs one job per worker at a time (its default). ${rounds} rounds, order rotated each round; peak RSS growth is sampled every 5 ms and after every job, for the whole process (workers included); the first model measured in a process also pays for warming up (the first sockets, JIT), which shows in its max.`,
      '',
      '**I/O-bound: downloads**',
      '',
      render(results.io),
      '',
      '**CPU-bound: prime counting**',
      '',
      render(results.cpu),
      '',
      advice(results, loadBefore),
    ].join('\n');
    return { id: 'concurrency-models', title: 'Choosing a concurrency model', body, data: results };
  } finally {
    await Promise.all([...pools.values()].map((p) => p.destroy()));
    await agent.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
