/** A countdown latch: `wait()` resolves once `arrive()` was called `count` times. */
export class Latch {
  private left: number;
  private readonly opened: Promise<void>;
  private open!: () => void;

  constructor(count: number) {
    this.left = count;
    this.opened = new Promise<void>((resolve) => (this.open = resolve));
    if (count <= 0) this.open();
  }

  /** One party is done. */
  arrive(): void {
    if (--this.left === 0) this.open();
  }

  /** Resolves when every party arrived. */
  wait(): Promise<void> {
    return this.opened;
  }
}
