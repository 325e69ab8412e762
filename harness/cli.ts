import { RacekitError } from '../src/errors.js';
import { exitCodeSoFar } from '../src/scheduler/stderr-notice.js';

const USAGE = `usage: racekit <command> [options]

  run [names…]        run built-in scenarios (all by default), check every expectation, write reports
      --strategy s    portfolio (default) | random | pct | soft-pct | surw | pos | exhaustive
      --runs n        most runs per scenario (default: each scenario's own budget)
      --seed n        seed of workloads and schedules (default: fresh, printed)
      --budget t      time per scenario (30s, 2m, 500ms)
      --out dir       reports root (default reports)   --keep n   runs kept (default 20)
      --json          one JSON document on stdout; prose on stderr
      --shard i/n     explore shard i of n: a seed derived from --seed and i, so n CI jobs run disjoint runs
      --workers n     spread each scenario's check over n worker threads (default: the cores available; 1: the main thread alone)
      --depth d       PCT's bug depth (pct, soft-pct and the portfolio's member; default 2, the members at least 3)
      --preemption-bound n|none   preemptions per run the exhaustive walk allows (default 2); none: every class once (optimal DPOR)
  replay <report.json>  re-run a recorded failure (exit 1 reproduced, 0 not)
  audit <module> [--json]  run the scenarios and operation specs a module exports (TS or JS); flags as run
      --instrument g,…  make every await in the files these globs name a yield point (relative to here; * and **; node_modules too)
  teach [lesson] [--lang zh] [--step]  list lessons / narrate one race step by step, then its fix
  merge <summary.json…> [--out dir] [--json]   combine shard runs into one report folder

exit codes: 0 every expectation held, 1 one did not, 2 bad usage`;

/** Runs the command line; returns the exit code. Bad usage is one line on stderr and 2. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = joinNegativeValues(argv);
  // `racekit <command> --help` (before any `--`): the usage, as `racekit --help` gives it.
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (command !== undefined && (options.includes('--help') || options.includes('-h'))) {
    process.stdout.write(`${commandUsage(command)}\n`);
    return 0;
  }
  try {
    switch (command) {
      // Commands load on demand: a usage error should not wait for every family (and undici, ws, piscina) to load.
      // An error no run raised again, said on stderr during a check, has set the exit code to 1 already (stderr-notice.ts): run and audit keep it.
      case 'run':
        return Math.max(await (await import('./commands/run.js')).runCommand(rest), exitCodeSoFar());
      case 'replay':
        return await (await import('./commands/replay.js')).replayCommand(rest, (await import('./load-module.js')).loadScenario);
      case 'audit':
        return Math.max(await (await import('./commands/audit.js')).auditCommand(rest), exitCodeSoFar());
      case 'teach':
        return await (await import('./commands/teach.js')).teachCommand(rest);
      case 'merge':
        return await (await import('./commands/merge.js')).mergeCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        process.stderr.write(`racekit: unknown command "${command}" (commands: run, replay, merge, audit, teach)\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof RacekitError) {
      process.stderr.write(`racekit: ${error.message}\n`);
      return 2;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      const missing = (await import('./flags.js')).missingValueMessage(error as NodeJS.ErrnoException);
      process.stderr.write(`racekit: ${missing ?? error.message.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  }
}

/** One command's part of the usage (audit's with run's flags, which it takes too); the whole usage for a command it does not name. */
function commandUsage(command: string): string {
  const lines = USAGE.split('\n');
  const block = (name: string): string[] => {
    const start = lines.findIndex((l) => l.startsWith(`  ${name} `));
    if (start < 0) return [];
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith('      ')) end++;
    return lines.slice(start, end);
  };
  const own = block(command);
  if (own.length === 0) return USAGE;
  const runFlags = command === 'audit' ? ['  and the flags of run:', ...block('run').slice(1)] : [];
  return [`usage: racekit ${own[0]!.trim()}`, ...own.slice(1), ...runFlags, '', lines[lines.length - 1]!].join('\n');
}

/** `--runs -3` reads as the value -3 (then rejected by name), not as an unknown flag. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z][a-z-]*$/.test(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
