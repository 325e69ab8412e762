// One thread of a shared-memory stress test (jcstress-style). It waits for
// the main thread to bump the generation word, increments data[0] `increments`
// times in the given mode, reports itself done, and waits for the next round;
// generation -1 ends it.
// control: [0] generation, [1] threads done this round, [2] threads arrived this round.
// data: [0] counter, [1] lock word.
import { workerData } from 'node:worker_threads';

const { control: controlBuffer, data: dataBuffer, mode, increments, threads } = workerData;
const control = new Int32Array(controlBuffer);
const data = new Int32Array(dataBuffer);

function plain(n) {
  for (let i = 0; i < n; i++) data[0]++;
}

function atomic(n) {
  for (let i = 0; i < n; i++) Atomics.add(data, 0, 1);
}

// The seeds' cross-process Lock, on shared memory: take the lock word with a
// compare-and-swap, sleep on it with Atomics.wait while someone else has it.
function locked(n) {
  for (let i = 0; i < n; i++) {
    while (Atomics.compareExchange(data, 1, 0, 1) !== 0) Atomics.wait(data, 1, 1);
    data[0]++;
    Atomics.store(data, 1, 0);
    Atomics.notify(data, 1, 1);
  }
}

// Waking from Atomics.wait takes from microseconds to milliseconds, and on a
// loaded machine a thread is often descheduled: threads that start far apart
// barely overlap and race rarely. So a round is cut into CHUNKS, and before
// each chunk every thread checks in and spins (bounded, in case one is
// descheduled) until all have: the chunks then really run in parallel.
const CHUNKS = 10;
function rendezvous(chunk) {
  Atomics.add(control, 2, 1);
  const all = threads * (chunk + 1);
  for (let spins = 0; spins < 5_000_000 && Atomics.load(control, 2) < all; spins++);
}

const work = { plain, atomic, locked }[mode];
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (seen === -1) break;
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    rendezvous(chunk);
    const from = Math.floor((chunk * increments) / CHUNKS);
    work(Math.floor(((chunk + 1) * increments) / CHUNKS) - from);
  }
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
