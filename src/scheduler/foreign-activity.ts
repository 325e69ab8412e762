/**
 * Tells whether something outside the scheduler's view (a real timer, a
 * socket, a file read) is pending, by comparing the process's active
 * resources with those that existed when exploration began. When nothing
 * new is active, a stall is a deadlock at once; otherwise the scheduler
 * waits, bounded, for that activity to wake a task.
 */
export class ForeignActivity {
  private readonly baseline: Map<string, number>;

  constructor() {
    this.baseline = countByType();
  }

  /** True when a resource type has more live instances than at the baseline. */
  active(): boolean {
    return this.newTypes().length > 0;
  }

  /** Resource types with more live instances than at the baseline. */
  newTypes(): string[] {
    const types: string[] = [];
    for (const [type, n] of countByType()) {
      // The scheduler's own setImmediate is always there while it polls.
      if (type === 'Immediate') continue;
      if (n > (this.baseline.get(type) ?? 0)) types.push(type);
    }
    return types;
  }
}

function countByType(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}
