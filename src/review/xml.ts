import { type XmlCDataNode, XmlDocument, type XmlElement, type XmlTextNode } from "xmldoc";

/** WordprocessingML's namespace: elements are matched by it, whatever prefix a writer gave it. */
export const wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/** An element with its namespace resolved: `local` is its name without prefix, `ns` its namespace URI. */
export interface Element {
  local: string;
  ns: string;
  attrs: Record<string, string>;
  children: Array<Element | string>;
}

/** Parses XML text into elements with resolved namespaces (prefixes declared anywhere above). */
export function parseXml(text: string): Element {
  return resolve(new XmlDocument(text), new Map());
}

function resolve(node: XmlElement, scope: ReadonlyMap<string, string>): Element {
  let names = scope;
  for (const [key, value] of Object.entries(node.attr)) {
    if (key === "xmlns" || key.startsWith("xmlns:")) {
      if (names === scope) names = new Map(scope);
      (names as Map<string, string>).set(key === "xmlns" ? "" : key.slice(6), value);
    }
  }
  const [prefix, local] = split(node.name);
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(node.attr)) {
    if (key.startsWith("xmlns")) continue;
    const [attrPrefix, attrLocal] = split(key);
    // Attributes are kept by local name when in Word's namespace (w:val → val), by full name otherwise.
    attrs[attrPrefix && names.get(attrPrefix) === wordNamespace ? attrLocal : key] = value;
  }
  const children: Array<Element | string> = [];
  for (const child of node.children) {
    if (child.type === "element") children.push(resolve(child as XmlElement, names));
    else if (child.type === "text") children.push((child as XmlTextNode).text);
    else if (child.type === "cdata") children.push((child as XmlCDataNode).cdata);
  }
  return { local, ns: names.get(prefix) ?? "", attrs, children };
}

function split(name: string): [string, string] {
  const colon = name.indexOf(":");
  return colon < 0 ? ["", name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** Whether `node` is Word's element `local`. */
export function isWord(node: Element | string, local: string): node is Element {
  return typeof node !== "string" && node.ns === wordNamespace && node.local === local;
}

/** The child elements of `node` that are Word's `local`. */
export function wordChildren(node: Element, local: string): Element[] {
  return node.children.filter((child): child is Element => isWord(child, local));
}

/** The text inside an element (its text nodes, in order). */
export function textOf(node: Element): string {
  return node.children.map((child) => (typeof child === "string" ? child : textOf(child))).join("");
}

/** Every descendant element of `node` in document order. */
export function* descendants(node: Element): Generator<Element> {
  for (const child of node.children) {
    if (typeof child === "string") continue;
    yield child;
    yield* descendants(child);
  }
}
