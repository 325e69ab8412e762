import { parseArgs } from 'node:util';
import { positiveInt } from '../flags.js';
import { createInterface } from 'node:readline/promises';
import { UsageError } from '../../src/errors.js';
import { LANGS, type Lang } from '../teach/lesson.js';
import { LESSONS } from '../teach/lessons/index.js';
import { narrate, type Narrator } from '../teach/narrate.js';

/** `racekit teach [lesson] [--lang zh] [--step] [--seed n]`: lists lessons, or narrates one race and its fix. */
export async function teachCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { lang: { type: 'string' }, step: { type: 'boolean' }, seed: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const lang = (values.lang ?? 'en') as Lang;
  if (!LANGS.includes(lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, got "${values.lang}"`);
  const seed = positiveInt('seed', values.seed, 0, 0xffffffff) ?? 1;
  if (positionals.length > 1) throw new UsageError('usage: racekit teach [lesson] [--lang en|zh] [--step]');
  const id = positionals[0];
  if (id === undefined) {
    const width = Math.max(...LESSONS.map((l) => l.id.length));
    process.stdout.write(`${lang === 'zh' ? '课程（racekit teach <课程> [--lang zh] [--step]）：' : 'lessons (racekit teach <lesson> [--lang zh] [--step]):'}\n`);
    for (const l of LESSONS) process.stdout.write(`  ${l.id.padEnd(width)}  ${l.title[lang]}\n`);
    return 0;
  }
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) throw new UsageError(`unknown lesson "${id}" (lessons: ${LESSONS.map((l) => l.id).join(', ')})`);
  const interactive = values.step === true && process.stdin.isTTY === true && process.stdout.isTTY === true;
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  const prompt = lang === 'zh' ? '（按回车继续）' : '(Enter to continue)';
  // Ctrl+C ends the lesson as it ends any command; Ctrl+D (end of input) tells the rest without pausing.
  rl?.on('SIGINT', () => {
    rl.close();
    process.exit(130);
  });
  let stepping = rl !== undefined;
  const out: Narrator = {
    line: (text) => process.stdout.write(`${text}\n`),
    pause: async () => {
      if (!stepping) return;
      try {
        await rl!.question(prompt);
      } catch {
        stepping = false;
        process.stdout.write('\n');
      }
    },
  };
  try {
    await narrate(lesson, out, { lang, seed });
  } finally {
    rl?.close();
  }
  return 0;
}
