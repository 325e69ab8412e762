/** History oracles: record operations as they take effect, then check the history. */
export { History, firstViolation, valueKey, type HistoryEvent, type Verdict } from './history.js';
export { nothingLost, type NothingLostOptions } from './nothing-lost.js';
export { perProducerFifo, type FifoOptions } from './fifo.js';
export { withinCapacity } from './within-capacity.js';
export { boundedConcurrency, maxHolders } from './bounded-concurrency.js';
export { releasedExactlyOnce } from './released-exactly-once.js';
export { grantedInOrder } from './granted-in-order.js';
export { allTerminated } from './all-terminated.js';
export { noZombieWrite } from './no-zombie-write.js';
