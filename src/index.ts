/**
 * racekit: property-based concurrency testing for TypeScript on Node.js.
 * Everything a user imports from `racekit`; the vitest helpers are in
 * `racekit/vitest`. `api/racekit.api.md` lists this surface, and a test
 * fails when it changes without that file being updated.
 * @packageDocumentation
 */

// Checking a scenario.
export { check } from './check.js';
export type { CheckResult, CheckResultBase, FailedCheck, MemberRuns, PassedCheck } from './model/check-result.js';
export type { CheckOptions, Progress } from './options.js';
export type { Scenario, TaskFn, InvariantResult, TimeMode } from './scenario.js';
export type { TaskContext, SetupContext, StepOptions } from './scheduler/context.js';
export type { StrategyName } from './scheduler/strategy.js';

// What a failure records, and how it reads.
export type { TraceEvent, YieldKind, FailureKind } from './model/trace.js';
export { taskName } from './model/trace.js';
export { formatFailure, formatTraceTable, type FailureView } from './report/text.js';

// The errors racekit throws on purpose (each with a stable `code`).
export { RacekitError, InvalidOptionError, InvalidReplayError, MisspelledFieldError, VirtualTimeRefusedError } from './errors.js';
export { NestedCheckError } from './check/exclusive.js';
export { WorkerCrashError } from './threads/errors.js';

// Objects described by their operations, checked for linearizability.
export { operationScenario, type OperationSpec, type OperationDef, type OperationWorkload, type OperationState, type AuditMeta } from './audit/operation-spec.js';
export { checkLinearizability, type LinearizabilityVerdict, type LinearizabilityFailure } from './oracles/linearizability.js';
export { linearizabilityMessage } from './report/linearizability-text.js';
export { classModel, type SequentialModel, type Invocation } from './oracles/sequential-model.js';
export { HistoryRecorder, type Operation } from './oracles/operation-history.js';

// History oracles for invariants.
export { History, firstViolation, nothingLost, perProducerFifo, withinCapacity, boundedConcurrency, maxHolders, releasedExactlyOnce, grantedInOrder, allTerminated, noZombieWrite, type HistoryEvent, type Verdict, type NothingLostOptions, type FifoOptions } from './oracles/index.js';

// Servers, worker threads and stress mode.
export { ArrivalGate } from './subjects/server-io/arrival-gate.js';
export { ControlledWorkers, type ControlledOptions } from './threads/controlled/controlled-workers.js';
export { runStress, type StressOptions, type StressResult } from './stress/run-stress.js';
export { stressScenario } from './stress/stress-scenario.js';
export type { StressTest, StressOutcome } from './stress/stress-test.js';
export { formatHistogram } from './report/histogram-text.js';
export type { HistogramEntry } from './report/model.js';
export type { StressThreads } from './stress/stress-threads.js';
