import { checkLinearizability } from '../src/oracles/linearizability.js';
import type { Operation } from '../src/oracles/operation-history.js';
import type { Invocation, SequentialModel } from '../src/oracles/sequential-model.js';
import { Prng } from '../src/scheduler/prng.js';
import { fmt, fmtMs, median, table } from './stats.js';
import type { BenchSize, Section } from './section.js';

/** A register: `write(v)` returns nothing, `read()` the last value written. */
const registerModel: SequentialModel<number> = {
  init: () => 0,
  step: (state, op) => (op.name === 'write' ? { state: op.args[0] as number, output: null } : { state, output: state }),
  equal: (a, b) => a === b,
  key: (s) => String(s),
};

/** A key-value map: `put(k, v)`, `get(k)`; each key is its own partition, so the state is that key's value. */
const kvModel: SequentialModel<number> = {
  init: () => 0,
  step: (state, op) => (op.name === 'put' ? { state: op.args[1] as number, output: null } : { state, output: state }),
  partition: (op) => String(op.args[0]),
  equal: (a, b) => a === b,
  key: (s) => String(s),
};

type ModelName = 'register' | 'kv';

/**
 * A history of `count` operations by `clients` clients on a correct object:
 * each operation takes effect at a random moment between its invocation and
 * its response (its linearization point), interleaved at random with the
 * other clients' events. With `broken`, one read returns a value no order
 * explains (a stale read), so the history is not linearizable.
 */
export function history(model: ModelName, count: number, clients: number, seed: number, broken: boolean): Operation[] {
  const prng = new Prng(seed);
  const keys = 8;
  const values = new Map<number, number>();
  const ops: Operation[] = [];
  const pending: ({ id: number; phase: 'invoked' | 'applied'; output: unknown; inv: Invocation } | undefined)[] = Array(clients).fill(undefined);
  const open: Record<number, Omit<Operation, 'ret' | 'output'>> = {};
  let time = 0;
  let invoked = 0;
  let done = 0;
  let nextValue = 1;
  while (done < count) {
    const c = prng.int(clients);
    const p = pending[c];
    if (p === undefined) {
      if (invoked === count) continue;
      const key = prng.int(keys);
      const write = prng.int(2) === 0;
      const inv: Invocation = model === 'register' ? (write ? { name: 'write', args: [nextValue++] } : { name: 'read', args: [] }) : write ? { name: 'put', args: [key, nextValue++] } : { name: 'get', args: [key] };
      const id = invoked++;
      open[id] = { id, task: c, name: inv.name, args: inv.args, call: time++ };
      pending[c] = { id, phase: 'invoked', output: undefined, inv };
    } else if (p.phase === 'invoked') {
      const key = model === 'register' ? 0 : (p.inv.args[0] as number);
      if (p.inv.name === 'write' || p.inv.name === 'put') {
        values.set(key, p.inv.args[p.inv.args.length - 1] as number);
        p.output = null;
      } else p.output = values.get(key) ?? 0;
      p.phase = 'applied';
    } else {
      ops[p.id] = { ...open[p.id]!, ret: time++, output: p.output };
      delete open[p.id];
      pending[c] = undefined;
      done++;
    }
  }
  if (broken) {
    // The last read returns a value that was overwritten before it was invoked... or never written.
    const reads = ops.filter((o) => o.name === 'read' || o.name === 'get');
    const victim = reads[reads.length - 1];
    if (victim) ops[victim.id] = { ...victim, output: -1 };
  }
  return ops;
}

interface Measured {
  ms: number;
  heapMB: number;
  visited: number;
  linearizable: boolean;
}

function measure(ops: Operation[], model: SequentialModel<number>, repeats: number): Measured {
  const times: number[] = [];
  let heap = 0;
  let verdict = checkLinearizability(ops, model);
  for (let i = 0; i < repeats; i++) {
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    verdict = checkLinearizability(ops, model);
    times.push(performance.now() - t0);
    heap = Math.max(heap, process.memoryUsage().heapUsed - h0);
  }
  return { ms: median(times), heapMB: heap / 1e6, visited: verdict.visited, linearizable: verdict.linearizable };
}

const heap = (mb: number) => (mb > 0.05 ? fmt(mb, 1) : 'n/a');

/** Time and memory of `checkLinearizability` on register and key-value histories of growing size. */
export async function linearizability(size: BenchSize): Promise<Section> {
  const counts = size === 'full' ? [100, 1_000, 10_000] : size === 'quick' ? [100, 1_000] : [50];
  // The register's search grows steeply with concurrent writers (measured: 16
  // clients × 1,000 ops took 11 s linearizable, 90 s not); larger cells are
  // left out so the whole bench stays under 10 minutes.
  const clientCounts = (modelName: ModelName, count: number): number[] => {
    if (size === 'tiny') return [2];
    if (modelName === 'kv') return [2, 4, 8, 16];
    return count <= 100 ? [2, 4, 8, 16] : count <= 1_000 ? [2, 4, 8] : [2, 4];
  };
  const repeats = size === 'full' ? 3 : 1;
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  for (const modelName of ['register', 'kv'] as const) {
    const model = modelName === 'register' ? registerModel : kvModel;
    for (const count of counts) {
      for (const clients of clientCounts(modelName, count)) {
        const ok = measure(history(modelName, count, clients, count * 31 + clients, false), model, repeats);
        const bad = measure(history(modelName, count, clients, count * 31 + clients, true), model, repeats);
        if (!ok.linearizable || bad.linearizable) throw new Error(`checker verdict unexpected for ${modelName} ${count}×${clients}`);
        data[`${modelName}-${count}-${clients}`] = { ok, bad };
        rows.push([modelName, fmt(count), String(clients), fmtMs(ok.ms), fmt(ok.visited), heap(ok.heapMB), fmtMs(bad.ms), fmt(bad.visited), heap(bad.heapMB)]);
      }
    }
  }
  // Scaling happens synchronously; yield once so a caller's progress output can flush.
  await new Promise((r) => setImmediate(r));
  const body = [
    `\`checkLinearizability(history, model)\` (src/oracles, issue 7: Wing–Gong search with Porcupine-style memoization, key-value partitioned per key) on generated histories: each client has one operation in flight at a time, every operation takes effect at a random point between its invocation and response (so the history is linearizable); the non-linearizable twin has its last read return a value nobody wrote. Register: write/read of one cell; kv: put/get over 8 keys. Median of ${repeats} checks; "heap" is heapUsed growth during the check (no forced GC, so an approximation of what it allocated and kept; "n/a" when a collection during the check hid the growth). The memo cache holds one entry per state visited, so "states" is the better memory measure. Not measured, because they would take minutes: register with 16 clients beyond 100 operations (16 × 1,000 took 11 s linearizable and 90 s not, in a probe run while building this bench) and register with 8+ clients at 10,000 operations.`,
    '',
    table(['model', 'ops', 'clients', 'linearizable: time', 'states', 'heap MB', 'not linearizable: time', 'states', 'heap MB'], rows),
  ].join('\n');
  return { id: 'linearizability', title: 'Linearizability checker scaling', body, data };
}
