import type { SetupContext, StepOptions, TaskContext } from './context.js';
import { wrapObject } from './wrap-object.js';

type AnyFn = (...args: never[]) => unknown;

/** What the contexts ask of their run. */
export interface RunApi {
  step(task: number, label: string, options: StepOptions | undefined): Promise<void>;
  note(task: number, value: unknown): void;
  /** Wraps `fn`; `task` says which task a call comes from (undefined: the flow running when it is called). */
  wrap<F extends AnyFn>(fn: F, label: string | undefined, task: number | undefined): F;
  spawn(fn: (ctx: TaskContext) => unknown, name: string | undefined): number;
  hold(label: string | undefined): () => void;
  /** Calls wrapped in setup will be made from tasks: from now on, carry flows to tell which. */
  attributeCalls(): void;
}

/**
 * What `setup` receives. Methods are bound on first use (getters), so
 * `const { wrap } = ctx` works, while a run that never wraps pays nothing.
 */
export class SetupCtx implements SetupContext {
  // Declared, not initialised: a context is made per task per run, and most use only `step`.
  declare private w: SetupContext['wrap'] | undefined;
  declare private wo: SetupContext['wrapObject'] | undefined;
  declare private sp: SetupContext['spawn'] | undefined;
  declare private h: SetupContext['hold'] | undefined;

  constructor(
    protected readonly run: RunApi,
    /** The task wrapped calls are attributed to (undefined: whichever flow calls them). */
    protected readonly owner: number | undefined,
  ) {}

  get wrap(): SetupContext['wrap'] {
    return (this.w ??= (fn, label) => this.run.wrap(fn, label, this.owner));
  }

  get wrapObject(): SetupContext['wrapObject'] {
    return (this.wo ??= (obj, label) => {
      // Methods are wrapped when first read, maybe from a task: say now that calls need attributing.
      if (this.owner === undefined) this.run.attributeCalls();
      return wrapObject(obj, label, (fn, l) => this.run.wrap(fn, l, this.owner));
    });
  }

  get spawn(): SetupContext['spawn'] {
    return (this.sp ??= (fn, name) => this.run.spawn(fn, name));
  }

  get hold(): SetupContext['hold'] {
    return (this.h ??= (label) => this.run.hold(label));
  }
}

/** What every task receives: its index, its yield points, and setup's means (wrapped calls attributed to this task). */
export class TaskCtx extends SetupCtx implements TaskContext {
  declare private st: TaskContext['step'] | undefined;
  declare private n: TaskContext['note'] | undefined;

  constructor(run: RunApi, readonly task: number) {
    super(run, task);
  }

  get step(): TaskContext['step'] {
    return (this.st ??= (label = 'step', options) => this.run.step(this.task, label, options));
  }

  get note(): TaskContext['note'] {
    return (this.n ??= (value) => this.run.note(this.task, value));
  }
}
