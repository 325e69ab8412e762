/**
 * racekit: property-based concurrency testing for TypeScript on Node.js.
 * @packageDocumentation
 */
export { check, divergenceMessage, type CheckResult } from './check.js';
export type { CheckOptions, Progress } from './options.js';
export { STRATEGIES } from './options.js';
export type { Scenario, TaskFn, InvariantResult, TimeMode } from './scenario.js';
export type { TaskContext, SetupContext, StepOptions } from './scheduler/context.js';
export type { StrategyName } from './scheduler/strategy.js';
export type { FailureKind } from './model/trace.js';
export type { TraceEvent, YieldKind } from './model/trace.js';
export { taskName } from './model/trace.js';
export { RacekitError, InvalidOptionError, InvalidReplayError, UnknownScenarioError, UsageError } from './errors.js';
export { formatFailure, formatTraceTable } from './report/text.js';
export { operationScenario, operationWorkload, isOperationSpec, type OperationSpec, type OperationDef, type OperationWorkload, type OperationState, type AuditMeta } from './audit/operation-spec.js';
export { auditTargets, type AuditTarget } from './audit/targets.js';
export { checkLinearizability, type LinearizabilityVerdict, type LinearizabilityFailure } from './oracles/linearizability.js';
export { classModel, type SequentialModel, type Invocation } from './oracles/sequential-model.js';
export { HistoryRecorder, type Operation } from './oracles/operation-history.js';
export { formatHistoryTable, explainFailure, linearizabilityMessage } from './oracles/linearizability-explain.js';
export { History, firstViolation, nothingLost, perProducerFifo, withinCapacity, boundedConcurrency, maxHolders, releasedExactlyOnce, grantedInOrder, allTerminated, noZombieWrite, type HistoryEvent, type Verdict, type NothingLostOptions, type FifoOptions } from './oracles/index.js';
export { ArrivalGate } from './subjects/server-io/arrival-gate.js';
export { ControlledWorkers, type ControlledOptions } from './threads/controlled/controlled-workers.js';
export { WorkerCrashError } from './threads/errors.js';
export { runStress, type StressOptions, type StressResult } from './stress/run-stress.js';
export { stressScenario } from './stress/stress-scenario.js';
export type { StressTest, StressOutcome } from './stress/stress-test.js';
export { formatHistogram } from './report/histogram-text.js';
