// The increment as one Atomics.add: no yield point can fall inside it.
export default function incrementAtomic(rk, { increments }) {
  for (let i = 0; i < increments; i++) {
    rk.step('add', ['counter']);
    rk.note(Atomics.add(rk.memory, 0, 1) + 1);
  }
}
