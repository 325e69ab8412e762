// Worker of the concurrency-model benchmark (bench/concurrency-models.ts):
// a plain .mjs so piscina loads it as is, from bench/ or from dist/bench/.
import { Agent, request } from 'undici';

const agent = new Agent();

/** Number of primes below `limit`, by trial division: deliberately CPU-bound. */
export function countPrimes(limit) {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

/** Downloads `url` fully and returns its byte count. */
export async function download(url) {
  const response = await request(url, { dispatcher: agent });
  const body = await response.body.arrayBuffer();
  return body.byteLength;
}

export default async function job({ kind, url, limit }) {
  if (kind === 'download') return download(url);
  if (kind === 'primes') return countPrimes(limit);
  return 0;
}
