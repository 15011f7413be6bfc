const notPlain = Symbol("not plain data");

/**
 * `value` as JSON, for a key that decides what a keep holds, or undefined when it holds anything
 * JSON would not tell apart: an instance of a class (a Date, a Map), a function, a symbol, a
 * number that is not finite. Each value is judged as it is, not as its `toJSON` gives it, and an
 * `undefined` is written (`"\u0000undefined"`), not left out: `{ a: undefined }` is not `{}`.
 * `refused` names keys whose presence anywhere in the value makes it undefined too; `omitted`,
 * keys left out of the key wherever they are, with all they hold (asked after `refused`).
 */
export function plainKey(
  value: unknown,
  refused?: (key: string) => boolean,
  omitted?: (key: string) => boolean,
): string | undefined {
  try {
    return JSON.stringify(value, function (this: Record<string, unknown>, key: string) {
      if (refused?.(key)) throw notPlain;
      if (omitted?.(key)) return undefined;
      const item = this[key];
      if (item === undefined) return "\u0000undefined";
      if (typeof item === "function" || typeof item === "symbol" || typeof item === "bigint") throw notPlain;
      if (typeof item === "number" && !Number.isFinite(item)) throw notPlain;
      if (item !== null && typeof item === "object") {
        const prototype = Object.getPrototypeOf(item);
        if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null)
          throw notPlain;
      }
      return item;
    });
  } catch (error) {
    if (error === notPlain) return undefined;
    throw error;
  }
}
