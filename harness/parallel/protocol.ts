import type { MessagePort } from 'node:worker_threads';
import type { CheckResult } from '../../src/model/check-result.js';
import type { InstrumentedFile } from '../../src/instrument/instrumented-file.js';
import type { StrategyName } from '../../src/scheduler/strategy.js';
import type { WorkerSlot } from './shares.js';

/**
 * How a worker finds the scenario the main thread means: a built-in one by
 * name, or one a user module exports, loaded as `racekit audit` loaded it
 * (with the same `--instrument` globs).
 */
export interface TargetSource {
  /** `family/variant`. */
  readonly name: string;
  /** The audited module, relative to the working directory. */
  readonly module?: string | undefined;
  /** The `--instrument` globs the module was loaded with. */
  readonly instrument?: readonly string[] | undefined;
}

/**
 * How a check searches, as `run` and `audit` pass it on: the strategy, and
 * `--depth` and `--preemption-bound` when given (they override the
 * scenario's own options; Infinity crosses structured clone as it is).
 */
export interface SearchSettings {
  readonly strategy: StrategyName;
  readonly depth?: number | undefined;
  readonly preemptionBound?: number | undefined;
}

/** One worker's task (main → worker, through piscina): explore its share of one check. */
export interface ExploreTask extends SearchSettings {
  /** URL of explore-worker (.js from dist/, .ts from source), which workers/explore.mjs imports. */
  readonly entry: string;
  readonly target: TargetSource;
  readonly slot: WorkerSlot;
  /** This worker's seed and share of the runs (shares.ts). */
  readonly seed: number;
  readonly runs: number;
  readonly budgetMs?: number | undefined;
  /** The {@link EarliestFailure} cell every worker of the check shares. */
  readonly earliest: SharedArrayBuffer;
  /** Progress and failures go up, commands come down. */
  readonly port: MessagePort;
}

/** Worker → main, on the task's port. */
export type WorkerNote =
  | { readonly type: 'progress'; readonly runs: number }
  /** The worker's failing run (merged order), found before shrinking it. */
  | { readonly type: 'failure'; readonly run: number };

/** Main → worker, on the task's port: stop exploring and shrinking, return what was explored. */
export interface StopCommand {
  readonly type: 'stop';
}

/** An error a worker met, as it crosses the thread boundary (the class does not). */
export interface WorkerErrorShape {
  readonly name: string;
  readonly message: string;
  /** RacekitError's code, when it was one. */
  readonly code?: string | undefined;
  readonly stack?: string | undefined;
}

/**
 * What a worker's share returns. `exitCode`: the share set its thread's exit code (an error no run raised again, said on
 * stderr), which the command's must say too; carried with the result, since a note on the port could still be on its way when
 * the main thread closes the port. `instrumented`: the files the thread has transformed, which the main thread's count of
 * `--instrument`'s files takes in.
 */
export type WorkerOutcome = { readonly result: CheckResult; readonly exitCode: number; readonly instrumented: readonly InstrumentedFile[] } | { readonly error: WorkerErrorShape };
