// Worker of the concurrency-model benchmark (bench/concurrency-models.ts):
// a plain .mjs so piscina loads it as is, from bench/ or from dist/bench/.
import { Agent, request } from 'undici';
import countPrimesIn from '../workers/primes.mjs';

const agent = new Agent();

/** Number of primes below `limit`, by trial division: deliberately CPU-bound (the pool family's worker). */
export function countPrimes(limit) {
  return countPrimesIn({ start: 0, end: limit });
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
