// A reusable thread for controlled runs. For each `{ program, memory, args }`
// it receives, it runs the program; at every yield point the program
// announces its next step to the main thread and parks on this thread's own
// Atomics.wait slot. The main thread's scheduler wakes exactly one worker at
// a time, so the interleaving of real threads is chosen (and replayed) there.
// Protocol (worker → main): { type: 'park', label, touches?, note? } | { type: 'done', note? } | { type: 'error', message, note? }.
// Wake (main → worker): Atomics.store(slots, index, 1) + Atomics.notify.
import { parentPort, workerData } from 'node:worker_threads';

const slots = new Int32Array(workerData.slots);
const index = workerData.index;

async function runProgram({ program, memory, args }) {
  let note;
  const rk = {
    memory: new Int32Array(memory),
    index,
    /** A yield point: announce it, park until the scheduler picks this worker. */
    step(label, touches) {
      parentPort.postMessage({ type: 'park', label, touches, note });
      note = undefined;
      Atomics.wait(slots, index, 0);
      Atomics.store(slots, index, 0);
    },
    /** What the code after the latest yield point read or wrote. */
    note(value) {
      note = value;
    },
  };
  try {
    const { default: run } = await import(program);
    await run(rk, args);
    parentPort.postMessage({ type: 'done', note });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), note });
  }
}

parentPort.on('message', (request) => void runProgram(request));
