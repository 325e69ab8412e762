import { errorText } from '../errors.js';
import { runAs, type Flow } from './activity.js';
import { nextTurn, realNow } from './real-time.js';
import type { RunSpec } from './run-spec.js';

/**
 * Settles what an async setup, invariant or teardown returned, under virtual
 * time. They run outside the schedule, so no decision fires the timers they
 * await: at each turn of the event loop (no promise job or tick left), the
 * earliest due timer fires, as the run's own code, unless a request is in
 * flight (it takes no virtual time). With no timer to fire for `timeout` ms,
 * it rejects, saying so (bounded like any wait for outside work).
 */
export function hookSettled<T>(value: Promise<T>, spec: Pick<RunSpec<unknown>, 'clock' | 'resources' | 'deadlockTimeout'>, flow: Flow): Promise<T> {
  const { resources, deadlockTimeout: timeout } = spec;
  const clock = spec.clock;
  if (clock === undefined) return value;
  let settled = false;
  const done = value.finally(() => (settled = true));
  const drive = async (): Promise<never> => {
    let idleSince = realNow();
    for (;;) {
      await nextTurn();
      if (settled) return new Promise<never>(() => {});
      if (clock.next() !== undefined && !resources.requesting()) {
        idleSince = realNow();
        try {
          runAs(flow, () => clock.fire());
        } catch (error) {
          throw new Error(`timer callback threw: ${errorText(error)}`, { cause: error });
        }
      } else if (realNow() - idleSince > timeout) {
        throw new Error(`never settled: no timer due and no outside work in flight for ${timeout} ms`);
      }
    }
  };
  return Promise.race([done, drive()]);
}
