import type { Scenario } from '../../src/scenario.js';

/** Languages lessons are written in. */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** A text in every lesson language. */
export type Text = Readonly<Record<Lang, string>>;

/**
 * One teaching lesson: a racy program and its fix, both real scenarios that
 * racekit explores; the narration is built from the racy one's shrunk trace.
 */
export interface Lesson {
  readonly id: string;
  readonly title: Text;
  /** What the program does, and how the tutorials run it at scale. */
  readonly intro: Text;
  /** The racy version (must fail under exploration). */
  // Lessons hold scenarios of many state and workload types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly racy: Scenario<any, any>;
  /** The fixed version (must pass). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly fixed: Scenario<any, any>;
  /** Runs given to the fixed version. */
  readonly fixedRuns: number;
  /** Roles of the tasks by index (A is the first): producer, consumer, … */
  readonly roles?: readonly Text[];
  /** What a task does at each trace label (labels not listed are shown as they are). */
  readonly steps: Readonly<Record<string, Text>>;
  /** Why the interleaving breaks the program. */
  readonly why: Text;
  /** What the fixed version changes. */
  readonly fix: Text;
}

/**
 * An invariant message in both languages: the English line first (what
 * reports show), the Chinese one after a marker the narration picks by.
 */
export function bilingual(text: Text): string {
  return `${text.en}\n${ZH}${text.zh}`;
}

const ZH = '[zh] ';

/** The line of a {@link bilingual} message in one language (a plain message is returned as is). */
export function pick(message: string, lang: Lang): string {
  const lines = message.split('\n');
  const zh = lines.find((l) => l.startsWith(ZH));
  if (!zh) return message;
  return lang === 'zh' ? zh.slice(ZH.length) : lines.filter((l) => !l.startsWith(ZH)).join('\n');
}
