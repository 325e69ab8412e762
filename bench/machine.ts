import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { createRequire } from 'node:module';

/** What the figures were measured on. */
export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryGB: number;
  readonly node: string;
  readonly fastCheck: string;
  readonly loadBefore: number[];
}

/** Describes this machine and the versions compared. */
export function machine(): Machine {
  const require = createRequire(import.meta.url);
  const fc = require('fast-check/package.json') as { version: string };
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    fastCheck: fc.version,
    loadBefore: loadavg().map((x) => Math.round(x * 10) / 10),
  };
}
