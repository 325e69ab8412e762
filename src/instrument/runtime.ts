/**
 * The runtime every instrumented module calls: one state object on
 * `globalThis[Symbol.for('racekit.instrument')]`, created by whichever comes
 * first (this module or an instrumented module's prelude), so that modules
 * transformed before racekit loads, several copies of racekit (the Vite
 * plugin's and the test's) and the loader thread all agree. The prelude
 * (prelude.ts) creates the same shape.
 * @packageDocumentation
 */

/** What an instrumented await or for-await calls while a check run is active. */
export interface AwaitHandler {
  /** `await X` is rewritten to await what this returns for X (X already evaluated). */
  await(value: unknown, label: string): unknown;
  /** `for await (… of X)` is rewritten to loop over what this returns for X. */
  iterate(iterable: unknown, label: string): unknown;
}

/** The shared state: the handler every instrumented await reads, and whether any instrumented module has loaded. */
export interface InstrumentState {
  handler: AwaitHandler | undefined;
  loaded: boolean;
}

/** The registered symbol the state lives under (the prelude names the same key). */
export const INSTRUMENT_STATE_KEY = 'racekit.instrument';

/** The shared state object, created on first use. */
export function instrumentState(): InstrumentState {
  const global = globalThis as unknown as Record<symbol, InstrumentState | undefined>;
  const key = Symbol.for(INSTRUMENT_STATE_KEY);
  return (global[key] ??= { handler: undefined, loaded: false });
}

/** Installs (or with undefined removes) the handler every instrumented module calls. */
export function setAwaitHandler(handler: AwaitHandler | undefined): void {
  instrumentState().handler = handler;
}

/** The handler installed now, if any. */
export function awaitHandler(): AwaitHandler | undefined {
  return instrumentState().handler;
}

/** True once an instrumented module has loaded in this thread. */
export function instrumentedCodeLoaded(): boolean {
  return instrumentState().loaded;
}
