import { check, type CheckResult } from '../../src/check.js';
import { formatTraceTable } from '../../src/report/text.js';
import { nameOf, type TraceEvent } from '../../src/model/trace.js';
import { formatValue } from '../../src/model/value-text.js';
import { pick, type Lang, type Lesson, type Text } from './lesson.js';

/** Where narration goes: a line at a time, with a pause between steps (Enter in a classroom). */
export interface Narrator {
  line(text: string): void;
  pause(): Promise<void>;
}

/** Options of {@link narrate}. */
export interface NarrateOptions {
  readonly lang: Lang;
  /** Seed of both explorations (fixed so a class sees the same run). @default 1 */
  readonly seed?: number;
  /** Overrides the lesson's budget for the fixed version. */
  readonly fixedRuns?: number;
}

/** Phrases of the narration frame, per language. */
const FRAME = {
  lesson: { en: 'Lesson', zh: '课程' },
  explored: {
    en: (runs: number, steps: number, original: number) => `racekit explored ${runs} interleaving(s) of the racy version and found one that breaks it; ${original > steps ? `shrunk from ${original} to ${steps} steps` : `in ${steps} steps`}, it goes like this:`,
    zh: (runs: number, steps: number, original: number) => `racekit 探索了有竞态版本的 ${runs} 种交错执行，找到了一种会出错的；${original > steps ? `从 ${original} 步缩减到 ${steps} 步后` : `共 ${steps} 步`}，过程如下：`,
  },
  step: {
    en: (n: number, who: string) => `step ${n} · ${who} runs:`,
    zh: (n: number, who: string) => `第 ${n} 步 · ${who} 运行：`,
  },
  preempt: {
    en: (from: string) => `  ⚠ here the scheduler switches away from ${from}, which could have continued: this switch is where it goes wrong`,
    zh: (from: string) => `  ⚠ 此处调度器在 ${from} 本可以继续时切换走了：问题就出在这次切换`,
  },
  sees: { en: 'value', zh: '值' },
  wrong: { en: 'What went wrong:', zh: '哪里出错了：' },
  why: { en: 'Why:', zh: '原因：' },
  table: { en: 'The same interleaving as a table (one column per task):', zh: '同一次交错执行的表格（每个任务一列）：' },
  fix: { en: 'The fix:', zh: '修复：' },
  passed: {
    en: (runs: number, strategy: string) => `racekit ran ${runs} interleaving(s) of the fixed version (${strategy}): every one passes ✓`,
    zh: (runs: number, strategy: string) => `racekit 对修复后的版本运行了 ${runs} 种交错执行（${strategy}）：全部通过 ✓`,
  },
  stillFails: { en: 'the fixed version still fails:', zh: '修复后的版本仍然出错：' },
  notFound: {
    en: (runs: number) => `racekit found no failing interleaving in ${runs} runs this time; try another --seed`,
    zh: (runs: number) => `这次 racekit 在 ${runs} 次运行中没有找到出错的交错执行；换一个 --seed 试试`,
  },
  replay: { en: 'replay token', zh: '重放令牌' },
  kinds: {
    deadlock: { en: 'deadlock', zh: '死锁' },
    exception: { en: 'exception', zh: '异常' },
    'step-budget': { en: 'step budget exhausted (livelock)', zh: '步数预算耗尽（活锁）' },
    invariant: { en: 'invariant broken', zh: '不变式被破坏' },
  } as Record<string, Text>,
};

/** Space after a colon: none after a full-width one. */
const SEP: Record<Lang, string> = { en: ' ', zh: '' };

/** A task's display name with its role: `A (producer)`. */
function who(lesson: Lesson, task: number, names: readonly string[] | undefined, lang: Lang): string {
  const role = lesson.roles?.[task]?.[lang];
  const name = nameOf(task, names);
  return role ? `${name} (${role})` : name;
}

/** One trace step told as a sentence: what the task does there and the value it saw or wrote. */
export function describeStep(lesson: Lesson, e: TraceEvent, names: readonly string[] | undefined, lang: Lang): string {
  const action = lesson.steps[e.label]?.[lang] ?? e.label;
  const value = formatValue(e.value);
  return `${FRAME.step[lang](e.step, who(lesson, e.task, names, lang))}${SEP[lang]}${action}${value === '' ? '' : ` → ${value}`}`;
}

/**
 * Narrates a lesson: explores the racy version, tells its shrunk failing
 * trace step by step, explains it, then explores the fixed version and
 * reports it passing. Returns both check results.
 */
export async function narrate(lesson: Lesson, out: Narrator, options: NarrateOptions): Promise<{ racy: CheckResult; fixed: CheckResult }> {
  const { lang } = options;
  const seed = options.seed ?? 1;
  out.line(`${FRAME.lesson[lang]} ${lesson.id}: ${lesson.title[lang]}`);
  out.line('');
  out.line(lesson.intro[lang]);
  out.line('');
  const racy = await check(lesson.racy, { seed, runs: 5000 });
  if (!racy.failed) {
    out.line(FRAME.notFound[lang](racy.runs));
  } else {
    out.line(FRAME.explored[lang](racy.firstFailure, racy.traceSteps, racy.originalSteps));
    await out.pause();
    const trace = racy.trace;
    let previous: number | undefined;
    for (const e of trace) {
      if (e.preemption && previous !== undefined) out.line(FRAME.preempt[lang](who(lesson, previous, racy.taskNames, lang)));
      out.line(describeStep(lesson, e, racy.taskNames, lang));
      previous = e.task;
      await out.pause();
    }
    out.line('');
    const kind = FRAME.kinds[racy.kind ?? 'invariant']?.[lang] ?? racy.kind;
    out.line(`${FRAME.wrong[lang]}${SEP[lang]}${pick(racy.message ?? '', lang)}${lang === 'zh' ? `（${kind}）` : ` (${kind})`}`);
    out.line(`${FRAME.why[lang]}${SEP[lang]}${lesson.why[lang]}`);
    out.line('');
    out.line(FRAME.table[lang]);
    out.line(formatTraceTable(trace, racy.taskNames));
    out.line(`${FRAME.replay[lang]}${lang === 'zh' ? '：' : ': '}${racy.replay}`);
    await out.pause();
  }
  out.line('');
  out.line(`${FRAME.fix[lang]}${SEP[lang]}${lesson.fix[lang]}`);
  const fixed = await check(lesson.fixed, { seed, runs: options.fixedRuns ?? lesson.fixedRuns });
  if (fixed.failed) out.line(`${FRAME.stillFails[lang]}${SEP[lang]}${pick(fixed.message ?? '', lang)}`);
  else out.line(FRAME.passed[lang](fixed.runs, fixed.strategy));
  return { racy, fixed };
}
