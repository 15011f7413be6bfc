// src/engine/pdfmake/style-lookup.ts against pdfmake 0.3.11's own StyleContextStack (a pristine
// copy of its module): every property read through `getStyleProperty` and `getProperty` gives
// pdfmake's value, for items with and without styles, on stacks of named styles and override
// objects, with styles that extend others (chains, several parents, a diamond, a cycle, a missing
// parent), and the stack is left as it was.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installStyleLookup } from "../../src/engine/pdfmake/style-lookup.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
interface Stack {
  styleOverrides: unknown[];
  push(entry: unknown): void;
  getProperty(property: string): unknown;
}
interface StackClass {
  new (dictionary: object, defaultStyle?: object | null): Stack;
  getStyleProperty(item: unknown, stack: Stack | null, property: string, defaultValue: unknown): unknown;
}

const Pristine = pristineModule<{ default: StackClass }>("pdfmake/js/StyleContextStack.js").default;
installStyleLookup();
const Folio = (require("pdfmake/js/StyleContextStack.js") as { default: StackClass }).default;

const dictionary = {
  body: { font: "Serif", fontSize: 10, color: "black" },
  quote: { extends: "body", italics: true, color: null },
  note: { extends: ["quote", "small"], fontSize: undefined },
  small: { fontSize: 8, extends: "missing" },
  left: { extends: "base", alignment: "left" },
  right: { extends: "base", color: "gray" },
  base: { characterSpacing: 0.5 },
  diamond: { extends: ["left", "right"] },
  loopA: { extends: "loopB" },
  loopB: { extends: ["loopA", "body"] },
  strong: { bold: true },
};
const properties = [
  "font",
  "fontSize",
  "color",
  "italics",
  "bold",
  "alignment",
  "characterSpacing",
  "decoration",
];
const stacks: Array<[string, unknown[]]> = [
  ["empty", []],
  ["one name", ["body"]],
  ["names and objects", ["body", { color: "blue", bold: false }, "note", { fontSize: 0 }]],
  ["extends", ["diamond", "loopA"]],
  ["unknown names", ["nowhere", "small"]],
];
const items: unknown[] = [
  {},
  { text: "x", color: "red" },
  { text: "x", style: "strong" },
  { text: "x", style: ["quote", "strong"], fontSize: 11 },
  { text: "x", style: ["note", { color: "green" }] },
  { text: "x", style: { italics: false } },
  { text: "x", style: [] },
  { text: "x", style: "" },
  { section: true, style: "strong", color: "pink" },
  { text: "x", style: ["loopB", "missing"], bold: null },
  "a string item",
];
const defaults: Array<object | null | undefined> = [undefined, { font: "Default", decoration: "none" }, null];

function read(Stack: StackClass, entries: unknown[], defaultStyle: object | null | undefined) {
  const stack = new Stack(dictionary, defaultStyle as object);
  for (const entry of entries) stack.push(entry);
  const values: unknown[] = [];
  for (const property of properties) {
    values.push(stack.getProperty(property));
    for (const item of items) {
      values.push(Stack.getStyleProperty(item, stack, property, "fallback"));
      values.push(Stack.getStyleProperty(item, null, property, "fallback"));
    }
  }
  return { values, left: [...stack.styleOverrides] };
}

describe("style-lookup: pdfmake's style reads, without allocating", () => {
  it("replaces pdfmake's methods", () => {
    expect(Folio.getStyleProperty).not.toBe(Pristine.getStyleProperty);
    expect(Folio.prototype.getProperty).not.toBe(Pristine.prototype.getProperty);
  });

  for (const [name, entries] of stacks)
    it(`reads every property as pdfmake does: ${name}`, () => {
      for (const defaultStyle of defaults) {
        const theirs = read(Pristine, entries, defaultStyle);
        const ours = read(Folio, entries, defaultStyle);
        expect(ours.values).toEqual(theirs.values);
        expect(ours.left).toEqual(entries); // nothing left pushed
        expect(theirs.values.filter((value) => value !== "fallback").length).toBeGreaterThan(0);
      }
    });

  it("reads through an extends chain, a diamond and a cycle", () => {
    const stack = new Folio(dictionary);
    stack.push("loopA");
    expect(stack.getProperty("font")).toBe("Serif"); // loopA → loopB → [loopA (seen), body]
    stack.push("diamond");
    expect(stack.getProperty("characterSpacing")).toBe(0.5);
    expect(stack.getProperty("color")).toBe("gray"); // the last parent first
    expect(Folio.getStyleProperty({ style: ["note"] }, stack, "fontSize", 12)).toBe(8);
  });
});
