/** A small unbounded queue whose get() waits (blocked: not at a yield point) until an item arrives. */
export class Channel<T> {
  private readonly items: T[] = [];
  private readonly takers: ((item: T) => void)[] = [];

  put(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  get(): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve) => this.takers.push(resolve));
  }
}
