// `memory[0] = memory[0] + 1` with a yield point between the read and the
// write: two threads that both read before either writes lose an update.
export default function incrementPlain(rk, { increments }) {
  for (let i = 0; i < increments; i++) {
    rk.step('read', ['counter']);
    const v = rk.memory[0];
    rk.note(v);
    rk.step('write', ['counter']);
    rk.memory[0] = v + 1;
    rk.note(v + 1);
  }
}
