/** Options of a yield point. */
export interface StepOptions {
  /**
   * Names of the shared resources the code after this yield point touches
   * (until the task's next yield point). `[]` means it touches nothing
   * shared. Omitted means unknown. The exhaustive strategy skips schedules
   * that only reorder steps touching disjoint resources.
   */
  readonly touches?: readonly string[];
}

/** What `setup` receives: the means to build the object under test on wrapped dependencies. */
export interface SetupContext {
  /**
   * Wraps an async dependency: each call starts `fn` at once, but its result
   * or rejection reaches the caller only when the scheduler picks that pending
   * call, a yield point of its own labelled `label`.
   */
  wrap<F extends (...args: never[]) => unknown>(fn: F, label?: string): F;
  /** Wraps every function-valued property of `obj` (bound to it) as {@link SetupContext.wrap} does. */
  wrapObject<T extends object>(obj: T, label?: string): T;
  /**
   * Starts another task during the run (a request handler, a worker proxy):
   * it gets its own context and lane, named `name`. Returns its index.
   */
  spawn(fn: (ctx: TaskContext) => unknown, name?: string): number;
  /**
   * Declares outside work in flight (a request not yet arrived, a worker not
   * yet at its yield point): the scheduler will not decide until the returned release is
   * called, waiting at most the deadlock timeout. Release is idempotent.
   */
  hold(label?: string): () => void;
}

/** What every task receives besides the shared state. */
export interface TaskContext extends SetupContext {
  /** This task's index (0 is shown as A). */
  readonly task: number;
  /** A yield point placed by hand (kind `manual`): the task's flow waits here until the scheduler resumes it. */
  step(label?: string, options?: StepOptions): Promise<void>;
  /** Attaches a value to this task's latest step in the trace (what it read or wrote). */
  note(value: unknown): void;
}
