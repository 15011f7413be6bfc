/**
 * Values a process keeps by a key that decides them (a file's path and text, a formatter's language
 * and options), up to `limit` of them; past it the keep starts afresh (a long `folio watch` session
 * makes one per saved version of an edited file). A value whose making throws is not kept: the
 * same key throws again, as it would have the first time.
 */
export class KeptByKey<V> {
  private readonly values = new Map<string, V>();
  private readonly limit: number;

  constructor(limit = Number.POSITIVE_INFINITY) {
    this.limit = limit;
  }

  /** The value kept for `key`, or the one `make` makes (then kept). */
  get(key: string, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = make();
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  clear(): void {
    this.values.clear();
  }
}
