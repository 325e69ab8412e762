// A worker that dies between two yield points (for the kit's own tests).
export default function crash(rk, { how }) {
  if (how === 'spin') for (;;);
  rk.step('before');
  if (how === 'exit') process.exit(7);
  if (how === 'throw') throw new Error('controlled worker threw on purpose');
  if (how === 'hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  rk.step('after');
}
