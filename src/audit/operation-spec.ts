import * as fc from 'fast-check';
import type { InterleavingWitness, Scenario } from '../scenario.js';
import type { SetupContext } from '../scheduler/context.js';
import { HistoryRecorder, formatCall, safeJson, type Operation } from '../oracles/operation-history.js';
import type { Invocation, SequentialModel } from '../oracles/sequential-model.js';
import { checkLinearizability } from '../oracles/linearizability.js';
import { linearizabilityMessage } from '../report/linearizability-text.js';
import { InvalidOptionError } from '../errors.js';

/** One operation of an object under test: arbitraries for its arguments and, optionally, how to call it. */
export interface OperationDef<O> {
  /** One fast-check arbitrary per argument. */
  readonly args?: readonly fc.Arbitrary<unknown>[];
  /** Calls the operation; default `obj[name](...args)`. */
  readonly run?: (obj: O, ...args: never[]) => unknown;
}

/** What an audit declares besides the program: the expected verdict and the budget. */
export interface AuditMeta {
  /** `'pass'` (default): no run may fail. `'fail'`: a known bug that must be found. */
  readonly expect?: 'fail' | 'pass';
  /** Runs to explore (default 1000). */
  readonly runs?: number;
  /** One sentence for reports. */
  readonly summary?: string;
  /** The scenario starts worker threads of its own: `--workers` explores it on one thread. */
  readonly startsThreads?: boolean;
}

/**
 * An object under test described by its operations and a sequential model:
 * racekit draws concurrent programs of the operations (tasks × operations),
 * records the history of invocations and responses, and checks it is
 * linearizable against the model.
 */
export interface OperationSpec<O = unknown, S = unknown> extends AuditMeta {
  readonly name: string;
  /** A fresh object for every run; build it on `ctx.wrap`ped dependencies. */
  readonly create: (ctx: SetupContext) => O | Promise<O>;
  /** Operation name → argument arbitraries (or a full {@link OperationDef}). */
  readonly operations: Readonly<Record<string, readonly fc.Arbitrary<unknown>[] | OperationDef<O>>>;
  readonly model: SequentialModel<S>;
  /** Concurrent tasks per program. @default { min: 2, max: 3 } */
  readonly tasks?: { readonly min?: number; readonly max?: number };
  /** Operations per task. @default { min: 1, max: 3 } */
  readonly operationsPerTask?: { readonly min?: number; readonly max?: number };
  /** Closes what `create` opened. */
  readonly destroy?: (obj: O) => unknown;
}

/** The drawn program: one list of operations per task. */
export interface OperationWorkload {
  readonly programs: readonly (readonly Invocation[])[];
}

/** Per-run state of an operation scenario. */
export interface OperationState<O> {
  readonly object: O;
  readonly recorder: HistoryRecorder;
}

/** True when `value` looks like an {@link OperationSpec}. */
export function isOperationSpec(value: unknown): value is OperationSpec {
  const v = value as Partial<OperationSpec> | null;
  return typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.operations === 'object' && typeof v.create === 'function' && typeof v.model === 'object';
}

function defOf<O>(spec: OperationSpec<O, unknown>, name: string): OperationDef<O> {
  const d = spec.operations[name]!;
  return Array.isArray(d) ? { args: d as readonly fc.Arbitrary<unknown>[] } : (d as OperationDef<O>);
}

/** The arbitrary of programs an operation spec draws. */
export function operationWorkload<O, S>(spec: OperationSpec<O, S>): fc.Arbitrary<OperationWorkload> {
  const names = Object.keys(spec.operations);
  if (names.length === 0) throw new InvalidOptionError(`operation spec "${spec.name}": operations`, spec.operations, 'at least one operation');
  const call = fc.oneof(...names.map((name) => fc.tuple(...(defOf(spec, name).args ?? [])).map((args): Invocation => ({ name, args }))));
  const perTask = fc.array(call, { minLength: spec.operationsPerTask?.min ?? 1, maxLength: spec.operationsPerTask?.max ?? 3 });
  return fc.record({ programs: fc.array(perTask, { minLength: spec.tasks?.min ?? 2, maxLength: spec.tasks?.max ?? 3 }) });
}

/**
 * The scenario of an operation spec: every task invokes its operations in
 * turn, with a yield point before each invocation (the object's wrapped
 * dependencies add the rest); the invariant is linearizability.
 */
export function operationScenario<O, S>(spec: OperationSpec<O, S>): Scenario<OperationState<O>, OperationWorkload> {
  const scenario: Scenario<OperationState<O>, OperationWorkload> & InterleavingWitness<OperationState<O>, OperationWorkload> = {
    name: spec.name,
    workload: operationWorkload(spec),
    setup: async (ctx) => ({ object: await spec.create(ctx), recorder: new HistoryRecorder() }),
    tasks: (w) =>
      w.programs.map((program) => async (ctx, s) => {
        for (const call of program) {
          await ctx.step(formatCall(call));
          const run = defOf(spec, call.name).run ?? ((obj: O, ...args: unknown[]) => (obj as Record<string, (...a: unknown[]) => unknown>)[call.name]!(...args));
          const id = s.recorder.invoke(ctx.task, call.name, call.args);
          let output: unknown;
          try {
            output = await (run as (obj: O, ...args: unknown[]) => unknown)(s.object, ...call.args);
          } catch (error) {
            output = { error: error instanceof Error ? error.message : String(error) };
          }
          s.recorder.respond(id, output);
          // Shown in the trace beside the step that completed the call.
          ctx.note(`${call.name} returns ${safeJson(output)}`);
        }
      }),
    invariant: (s) => {
      const verdict = checkLinearizability(s.recorder.history(), spec.model);
      return verdict.failure ? linearizabilityMessage(verdict.failure) : true;
    },
    teardown: spec.destroy ? (s) => spec.destroy!(s.object) : undefined,
    // The spec's own yield points sit between operations: what matters is whether two were ever in flight at once.
    interleaved: {
      test: (s) => overlapping(s.recorder.history()),
      otherwise: 'no two operations were ever in flight at once: each ran to its response before another was invoked, so a race inside one cannot show (build the object on ctx.wrap-ped dependencies, or instrument its code)',
    },
  };
  return scenario;
}

/** Whether some operation was invoked while another was still in flight. */
function overlapping(history: readonly Operation[]): boolean {
  let lastResponse = -Infinity;
  for (const op of [...history].sort((a, b) => a.call - b.call)) {
    if (op.call < lastResponse) return true;
    lastResponse = Math.max(lastResponse, op.ret);
  }
  return false;
}
