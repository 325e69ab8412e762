import { raceTest } from 'racekit/vitest';
import { atomicIncrement } from '../subjects.js';

raceTest.only('the only one that runs', atomicIncrement, { runs: 10 });
raceTest('left out by .only', atomicIncrement, { runs: 10 });
