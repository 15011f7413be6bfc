/**
 * Results a process keeps by key (a hash or a size-and-checksum of what decides them), oldest
 * first, up to `limit` bytes: the oldest go once the sizes given pass it. For work whose result
 * the same input always gives (a deflated part, a rasterised SVG), so a kept one is the one a new
 * run would make. A key kept again becomes the newest.
 */
export class BoundedKeep<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private bytes = 0;
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V, size: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.size;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, size });
    this.bytes += size;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.limit) break;
      this.entries.delete(oldest);
      this.bytes -= entry.size;
    }
  }
}
