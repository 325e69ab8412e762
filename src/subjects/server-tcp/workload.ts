import * as fc from 'fast-check';

/** One client's messages (sizes in bytes) and where its byte stream is cut into writes. */
export interface TcpClientPlan {
  readonly sizes: readonly number[];
  /** Cut points as fractions of the stream: every write ends at one (or at MAX_WRITE bytes). */
  readonly cuts: readonly number[];
}

/** C clients, each sending its messages over its own connection. */
export interface TcpWorkload {
  readonly clients: readonly TcpClientPlan[];
}

/**
 * Largest single write. Each write is awaited at the server before the next
 * one, and writes this small reach a loopback socket's reader as one `data`
 * event, so the chunking the workload draws is the chunking the server sees.
 */
export const MAX_WRITE = 16 * 1024;

const size = fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 * 1024 }));

/** 1..4 clients × 1..5 messages of 0..64 KiB, with 0..6 random cut points each. */
export const tcpWorkload: fc.Arbitrary<TcpWorkload> = fc.record({
  clients: fc.array(
    fc.record({
      sizes: fc.array(size, { minLength: 1, maxLength: 5 }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

/** Message `m` of client `c`: `size` bytes whose content names both, so a mix-up shows. */
export function payload(c: number, m: number, size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + m * 7 + c * 13) & 0xff;
  return b;
}

/** Cuts a byte stream into writes: at the plan's cut points, and every MAX_WRITE bytes. */
export function chunk(stream: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((f) => Math.round(f * stream.length)))].filter((p) => p > 0 && p < stream.length).sort((a, b) => a - b);
  const writes: Buffer[] = [];
  let at = 0;
  for (const end of [...points, stream.length]) {
    while (end - at > MAX_WRITE) {
      writes.push(stream.subarray(at, at + MAX_WRITE));
      at += MAX_WRITE;
    }
    if (end > at) writes.push(stream.subarray(at, end));
    at = end;
  }
  return writes;
}
