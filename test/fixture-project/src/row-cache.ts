// Plain code under test, no racekit in it: a read-through cache of database rows, invalidated on write.

type Load = (id: number) => Promise<string | undefined>;
type Save = (id: number, row: string) => Promise<void>;

/** Loads a missing row and stores it; a write saves the row, then drops the cached one. */
export class RowCache {
  protected readonly rows = new Map<number, string>();
  constructor(
    protected readonly load: Load,
    protected readonly save: Save,
  ) {}

  async get(id: number): Promise<string | undefined> {
    const hit = this.rows.get(id);
    if (hit !== undefined) return hit;
    const row = await this.load(id);
    if (row !== undefined) this.rows.set(id, row); // a load that started before a write lands after it
    return row;
  }

  async set(id: number, row: string): Promise<void> {
    await this.save(id, row);
    this.rows.delete(id);
  }

  peek(id: number): string | undefined {
    return this.rows.get(id);
  }
}

/** The fix: a load stores its row only if no write came in while it was loading. */
export class VersionedRowCache extends RowCache {
  private writes = 0;

  override async get(id: number): Promise<string | undefined> {
    const hit = this.rows.get(id);
    if (hit !== undefined) return hit;
    const writes = this.writes;
    const row = await this.load(id);
    if (row !== undefined && writes === this.writes) this.rows.set(id, row);
    return row;
  }

  override async set(id: number, row: string): Promise<void> {
    this.writes++;
    await this.save(id, row);
    this.writes++;
    this.rows.delete(id);
  }
}
