/**
 * A scenario, as module source text, whose run 2 leaves a real timer that
 * throws 30 ms later while every run waits 10 ms on a timer of its own: the
 * throw lands in a later run's wait (or between two runs), and no run raises
 * it again when run alone (`runs` is for `racekit audit`; check() takes its own). `declare` goes at the top level of the module
 * (the counter of setups), `scenario` is an expression.
 */
export function leftoverTimer(name: string, runs: number): { declare: string; scenario: string } {
  return {
    declare: 'let made = 0;',
    scenario: `{ name: ${JSON.stringify(name)}, runs: ${runs}, setup: () => ({ run: ++made }), tasks: [
  async (ctx, s) => { await ctx.step('x'); if (s.run === 2) setTimeout(() => { throw new Error('thrown by run 2'); }, 30); await new Promise((r) => setTimeout(r, 10)); },
  async (ctx) => { await ctx.step('y'); }] }`,
  };
}

/** What racekit says on stderr of that error when nothing listens for it. */
export function leftoverNotice(name: string): string {
  return `racekit: scenario "${name}": uncaught exception: thrown by run 2, raised by no run when run again alone (a timer or callback an earlier run left behind?)`;
}
