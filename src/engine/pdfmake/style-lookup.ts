import { createRequire } from "node:module";

// pdfmake reads some twenty style properties of every word it measures through
// `StyleContextStack.getStyleProperty`, and each read allocated: an empty array of style names in
// `autopush`, two closures (`auto`'s callback and `getProperty`'s inner function) with their
// context, and a `Set` of visited styles for every named style read. In a watch rebuild of the
// 27-page factbook that was 55 MB of the 289 MB allocated (a sampling heap profile of ten
// rebuilds), collected again by about nine scavenges a rebuild. These two replacements read the
// same entries in the same order and return the same value without allocating: the item's own
// style names and the item itself are read where `autopush` would have put them (on top of the
// stack) instead of being pushed and popped, and the visited set is made only when a style
// `extends` another.

interface StyleStack {
  styleDictionary: Record<string, Record<string, unknown> | undefined>;
  defaultStyle?: Record<string, unknown> | null;
  styleOverrides?: unknown[];
  getProperty(property: string): unknown;
}
interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(
    item: unknown,
    stack: StyleStack | undefined,
    property: string,
    defaultValue: unknown,
  ): unknown;
}

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.styleLookup");

// pdfmake's own tests of a value, which its style look-ups use.
const { isValue, isString } = require("pdfmake/js/helpers/variableType.js") as {
  isValue(value: unknown): boolean;
  isString(value: unknown): value is string;
};

/**
 * pdfmake's `getStylePropertyFromStyle`: a named style's property, else its parents' (last first),
 * a style met twice on one search read once. `visited` is made by the first style that extends.
 */
function fromStyle(
  dictionary: StyleStack["styleDictionary"],
  name: string,
  property: string,
  visited: Set<string> | undefined,
): unknown {
  if (visited) {
    if (visited.has(name)) return undefined;
    visited.add(name);
  }
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const seen = visited ?? new Set([name]);
    const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromStyle(dictionary, parents[i], property, seen);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** One entry of the stack read as `getProperty` reads it: a style's name or an override object. */
function fromEntry(stack: StyleStack, entry: unknown, property: string): unknown {
  if (isString(entry)) return fromStyle(stack.styleDictionary, entry, property, undefined);
  return (entry as Record<string, unknown>)[property];
}

/** `getProperty` from the top of the stack down, then the default style. */
function fromStack(stack: StyleStack, property: string): unknown {
  const entries = stack.styleOverrides;
  if (entries) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const value = fromEntry(stack, entries[i], property);
      if (isValue(value)) return value;
    }
  }
  // pdfmake's `defaultStyle && defaultStyle[property]`: a null default style reads as null.
  const defaults = stack.defaultStyle;
  if (!defaults) return defaults;
  return defaults[property];
}

/** Replaces `StyleContextStack#getProperty` and `StyleContextStack.getStyleProperty`; once per process. */
export function installStyleLookup(): void {
  const StyleContextStack = (require("pdfmake/js/StyleContextStack.js") as { default: StyleStackClass })
    .default as StyleStackClass & { [installed]?: true };
  if (StyleContextStack[installed]) return;
  StyleContextStack[installed] = true;

  StyleContextStack.prototype.getProperty = function (this: StyleStack, property: string) {
    return fromStack(this, property);
  };

  StyleContextStack.getStyleProperty = (item, stack, property, defaultValue) => {
    const own = (item as Record<string, unknown>)[property];
    if (isValue(own)) return own;
    if (!stack) return defaultValue;
    let value: unknown;
    // What `autopush` would put on the stack: nothing for a string or a section; else the item's
    // style names, then the item (read first, and already known to lack the property).
    const node = item as { section?: unknown; style?: unknown };
    if (!isString(item) && typeof node.section === "undefined" && node.style) {
      const names = node.style;
      if (Array.isArray(names)) {
        for (let i = names.length - 1; i >= 0 && !isValue(value); i--)
          value = fromEntry(stack, names[i], property);
      } else value = fromEntry(stack, names, property);
    }
    if (!isValue(value)) value = fromStack(stack, property);
    return isValue(value) ? value : defaultValue;
  };
}
