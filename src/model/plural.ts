/** The noun for a count of `n`: `plural(1, 'run')` is 'run', `plural(3, 'run')` 'runs' (`many` for irregular plurals). */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return n === 1 ? noun : many;
}
