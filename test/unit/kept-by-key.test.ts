// src/assets/kept.ts: the keep the theme, labels, template specs, Intl formatters and the engine's
// stream and SVG keeps share. Bounded by count or by weight, and a value whose making throws is
// never kept.
import { describe, expect, it } from "vitest";
import { KeptByKey } from "../../src/assets/kept.ts";

describe("KeptByKey", () => {
  it("makes a value once per key, and starts afresh past its limit of values", () => {
    let made = 0;
    const keep = new KeptByKey<number>(2);
    const get = (key: string) => keep.get(key, () => ++made);
    expect([get("a"), get("a"), get("b"), get("a")]).toEqual([1, 1, 2, 1]);
    expect(get("c")).toBe(3); // the third: the keep started afresh with it
    expect(keep.size).toBe(1);
    expect(get("a")).toBe(4);
  });

  it("starts afresh when the next value's weight would pass the limit", () => {
    const keep = new KeptByKey<string>(10, { weigh: (value) => value.length });
    keep.get("one", () => "aaaa");
    keep.get("two", () => "bbbbbb");
    expect(keep.size).toBe(2); // 10 of 10
    keep.get("three", () => "c");
    expect(keep.size).toBe(1);
    expect(keep.get("one", () => "again")).toBe("again");
  });

  it("keeps nothing for a key whose making throws", () => {
    const keep = new KeptByKey<number>();
    expect(() =>
      keep.get("bad", () => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(keep.size).toBe(0);
    expect(keep.get("bad", () => 1)).toBe(1);
  });
});
