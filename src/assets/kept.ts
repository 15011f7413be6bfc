import { startupSnapshot } from "node:v8";

/** How a keep is bounded and whether a startup snapshot may hold it. */
export interface KeepOptions<V> {
  /** What a value counts against the limit (its bytes, its characters); 1 each by default. */
  weigh?: (value: V, key: string) => number;
  /**
   * Emptied before a startup snapshot is written: what the training report made is of no use to
   * the reports a snapshot's processes render (or V8 cannot hold it, as ICU's formatters).
   */
  notInSnapshot?: boolean;
}

/**
 * Values a process keeps by a key that decides them (a file's path and text, a formatter's language
 * and options, a stream's digest), up to `limit` of them (or of their weight); past it the keep
 * starts afresh (a long `folio watch` session makes one per saved version of an edited file). A
 * value whose making throws is not kept: the same key throws again, as it would have the first time.
 */
export class KeptByKey<V> {
  private readonly values = new Map<string, V>();
  private readonly limit: number;
  private readonly weigh: (value: V, key: string) => number;
  private weight = 0;

  constructor(limit = Number.POSITIVE_INFINITY, options: KeepOptions<V> = {}) {
    this.limit = limit;
    this.weigh = options.weigh ?? (() => 1);
    if (options.notInSnapshot && startupSnapshot.isBuildingSnapshot())
      startupSnapshot.addSerializeCallback(() => this.clear());
  }

  /** The value kept for `key`, or the one `make` makes (then kept). */
  get(key: string, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = make();
      const weight = this.weigh(value, key);
      if (this.weight + weight > this.limit) this.clear();
      this.values.set(key, value);
      this.weight += weight;
    }
    return value;
  }

  /** How many values are kept now. */
  get size(): number {
    return this.values.size;
  }

  clear(): void {
    this.values.clear();
    this.weight = 0;
  }
}
