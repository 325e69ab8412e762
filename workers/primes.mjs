// A piscina task: counts the primes in [start, end) by trial division (the seeds' is_prime).
// `fail` makes the task misbehave on purpose: 'throw' throws, 'exit' kills its worker thread.

function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

export default function countPrimes({ start, end, fail }) {
  if (fail === 'throw') throw new Error(`job [${start}, ${end}) threw on purpose`);
  if (fail === 'exit') process.exit(3);
  let count = 0;
  for (let n = start; n < end; n++) if (isPrime(n)) count++;
  return count;
}
