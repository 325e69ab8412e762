import { describe, expect, test } from 'vitest';
import { History, allTerminated, boundedConcurrency, firstViolation, grantedInOrder, maxHolders, noZombieWrite, nothingLost, perProducerFifo, releasedExactlyOnce, withinCapacity } from '../src/oracles/index.js';

/** A history from lines like `put P0 a`, `get C0 a`, `acquire A`. */
function history(...lines: string[]) {
  const h = new History();
  for (const line of lines) {
    const [op, actor, value] = line.split(' ');
    h.record(op!, actor!, value === 'undefined' ? undefined : value);
  }
  return h.events;
}

describe('nothingLost', () => {
  test('holds when the multisets agree, whatever the order', () => {
    expect(nothingLost(history('put P0 a', 'put P1 b', 'get C0 b', 'get C1 a'))).toBe(true);
  });
  test('names a lost item, a duplicate, a take from empty', () => {
    expect(nothingLost(history('put P0 a', 'put P0 b', 'get C0 a'))).toBe('item lost (put, never got): b');
    expect(nothingLost(history('put P0 a', 'get C0 a', 'get C1 a'))).toBe('a duplicated: got 2 times (by C0, C1)');
    expect(nothingLost(history('put P0 a', 'get C0 a', 'get C1 undefined'))).toBe('C1 got undefined: it took when nothing was there');
  });
  test('leaves out what `ignore` says is no item', () => {
    expect(nothingLost(history('put P0 a', 'put main STOP', 'get C0 a'), { ignore: (v) => v === 'STOP' })).toBe(true);
  });
});

describe('perProducerFifo', () => {
  test('allows producers to interleave but not one producer to reorder', () => {
    expect(perProducerFifo(history('put P0 a1', 'put P1 b1', 'put P0 a2', 'get C0 b1', 'get C0 a1', 'get C0 a2'))).toBe(true);
    expect(perProducerFifo(history('put P0 a1', 'put P0 a2', 'get C0 a2', 'get C0 a1'))).toBe('FIFO broken: C0 got a1 after a2, but P0 put a1 first');
  });
  test('per consumer by default, across consumers with scope global', () => {
    const h = history('put P0 a1', 'put P0 a2', 'get C1 a2', 'get C0 a1');
    expect(perProducerFifo(h)).toBe(true);
    expect(perProducerFifo(h, { scope: 'global' })).toMatch(/FIFO broken/);
  });
});

describe('withinCapacity', () => {
  test('counts puts minus gets in order', () => {
    expect(withinCapacity(history('put P0 a', 'get C0 a', 'put P0 b'), 1)).toBe(true);
    expect(withinCapacity(history('put P0 a', 'put P1 b'), 1)).toBe("capacity exceeded: 2 items after P1's put (event 2), capacity 1");
    expect(withinCapacity(history('get C0 undefined'), 1)).toBe('C0 got from an empty queue (event 1)');
  });
});

describe('boundedConcurrency and maxHolders', () => {
  const h = history('acquire A', 'acquire B', 'release A', 'acquire C', 'acquire A');
  test('reports the holders when the limit is passed', () => {
    expect(maxHolders(h)).toBe(3);
    expect(boundedConcurrency(h, 3)).toBe(true);
    expect(boundedConcurrency(h, 2)).toBe('3 holders at once (B, C, A) at event 5, limit 2');
  });
});

describe('releasedExactlyOnce', () => {
  test('matches every acquire with one release', () => {
    expect(releasedExactlyOnce(history('acquire A', 'acquire B', 'release B', 'release A'))).toBe(true);
    expect(releasedExactlyOnce(history('acquire A', 'release A', 'release A'))).toBe('A released a permit it did not hold (event 3): a double release');
    expect(releasedExactlyOnce(history('acquire A', 'acquire B', 'release A'))).toBe('permit leaked: acquired by B, never released');
  });
});

describe('grantedInOrder', () => {
  test('a later requester may not overtake a waiting one, but may overtake one that withdrew', () => {
    expect(grantedInOrder(history('request A', 'acquire A', 'request B', 'request C', 'withdraw B', 'acquire C'))).toBe(true);
    expect(grantedInOrder(history('request A', 'acquire A', 'request B', 'request C', 'acquire C'))).toBe('C was granted before B, who asked first (event 5)');
  });
});

describe('allTerminated, noZombieWrite, firstViolation', () => {
  test('termination names who never ended', () => {
    expect(allTerminated(history('end C0'), ['C0', 'C1'])).toBe('C1 never finished');
  });
  test('a write after its work was abandoned is a zombie', () => {
    expect(noZombieWrite(history('write W0 r0', 'abandon A r0', 'write W1 r1'))).toBe(true);
    expect(noZombieWrite(history('abandon A r0', 'write W0 r0'))).toBe('zombie write: W0 wrote r0 (event 2) after A abandoned it');
  });
  test('firstViolation returns the first message', () => {
    expect(firstViolation(true, 'b', 'c')).toBe('b');
    expect(firstViolation(true, true)).toBe(true);
  });
});
