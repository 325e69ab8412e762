import type { SourceTree } from './parse-source.js';

/** An `await X` or a `for await (… of X)` in a file. */
export interface AwaitSite {
  readonly kind: 'await' | 'for-await';
  /** Offset of the `await` keyword. */
  readonly keyword: number;
  /** Where the helper call opens: after the `await` keyword, or at the start of X. */
  readonly start: number;
  /** The end of the await expression, or of X. */
  readonly end: number;
  /** X is a parenthesised sequence (`for await (a of (b, c))`), which needs its own parentheses as an argument. */
  readonly sequence: boolean;
}

interface Node {
  type: string;
  start?: number | null;
  end?: number | null;
}

/** Keys that never lead to code. */
const SKIP = new Set(['loc', 'extra', 'range', 'comments', 'tokens', 'leadingComments', 'trailingComments', 'innerComments', 'typeAnnotation', 'returnType', 'typeParameters']);

/** Offset of the `await` after `for` at `at`, past whitespace and comments. */
function forAwaitKeyword(code: string, at: number): number {
  let i = at + 3;
  for (;;) {
    const rest = code.slice(i, i + 2);
    if (rest === '//') i = code.indexOf('\n', i) + 1 || code.length;
    else if (rest === '/*') i = code.indexOf('*/', i + 2) + 2;
    else if (/\s/.test(code[i] ?? '')) i++;
    else return i;
  }
}

/**
 * Every await and for-await of a file, parents before the awaits nested in
 * them (the order the edits need). Type annotations are skipped: no code there.
 */
export function awaitSites(tree: SourceTree, code: string): AwaitSite[] {
  const sites: AwaitSite[] = [];
  const stack: unknown[] = [tree.program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) if (value[i] !== null && typeof value[i] === 'object') stack.push(value[i]);
      continue;
    }
    const node = value as Node & Record<string, unknown>;
    if (node.type === 'AwaitExpression') {
      sites.push({ kind: 'await', keyword: node.start!, start: node.start! + 5, end: node.end!, sequence: false });
    } else if (node.type === 'ForOfStatement' && node['await'] === true) {
      const right = node['right'] as Node;
      sites.push({ kind: 'for-await', keyword: forAwaitKeyword(code, node.start!), start: right.start!, end: right.end!, sequence: right.type === 'SequenceExpression' });
    }
    const keys = Object.keys(node);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      if (SKIP.has(key)) continue;
      const child = node[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return sites;
}
