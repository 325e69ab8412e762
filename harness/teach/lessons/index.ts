import type { Lesson } from '../lesson.js';
import { lostUpdate } from './lost-update.js';
import { safeCounter } from './safe-counter.js';
import { producerConsumer } from './producer-consumer.js';
import { semaphore } from './semaphore.js';
import { serverCounter } from './server-counter.js';
import { poolResults } from './pool-results.js';
import { sharedInteger } from './shared-integer.js';
import { requestTimeout } from './request-timeout.js';

/** Every lesson, in teaching order. */
export const LESSONS: readonly Lesson[] = [lostUpdate, safeCounter, producerConsumer, semaphore, serverCounter, poolResults, sharedInteger, requestTimeout];
