#!/usr/bin/env node
// The command line runs the compiled harness (built by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/harness/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('racekit: not built yet; run `npm run build` (npm install does it through prepare)\n');
  process.exit(2);
}
const { main } = await import(cli.href);
// A reader that stops early (`racekit run | head -1`) closes the pipe: what it did not read is dropped, and the exit code stays the run's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}
// An audited module's top-level await that never settles would leave nothing to run: Node exits with 13 and says little.
const unsettled = () => {
  process.stderr.write('racekit: cannot load the module: its top-level await never settled (nothing left to run could settle it)\n');
  process.exit(2);
};
process.once('beforeExit', unsettled);
process.exitCode = await main(process.argv.slice(2));
process.off('beforeExit', unsettled);
// Done: a handle the code under test left open (an interval made when its module loaded) must not keep the command from exiting.
setTimeout(() => {
  process.stderr.write('racekit: exiting although the code under test left handles open (an interval or a server made when a module loaded?)\n');
  process.exit();
}, 1000).unref();
