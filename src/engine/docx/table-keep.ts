import {
  IgnoreIfEmptyXmlComponent,
  NextAttributeComponent,
  Paragraph,
  ParagraphProperties,
  Table,
  TableCell,
  TableRow,
  XmlAttributeComponent,
  XmlComponent,
} from "docx";
import { KeptByKey } from "../../assets/kept.ts";

// docx formats every table of a document (`prepForXml`: its components made into the objects its
// XML is written from) on every render, though a `folio watch` rebuild after a one-word edit, or a
// batch's copy of a report, has the same tables as the render before: a report of 247 data-table
// rows spent some 45-55 ms of each rebuild there, and its layout for the contents' page numbers
// found its reading of them by a 19 ms key (their JSON). A table is now formatted once per content: the formatted object is
// kept by a key that holds everything its formatting reads, and handed out again (the same object,
// which nothing changes after formatting: the layout's reading keeps by it, `isKeptTableXml`).
//
// The key is exact, not a digest. It is made only of components whose formatting is known to read
// nothing but what goes into the key (below): no field (its result is filled in afterwards), no
// note reference, list numbering, drawing, image, external link (they register numbering, media and
// relationships with the document as they are formatted), colour (read from the document's theme),
// nested table (sized from its cell) or component written as several (`writtenAs`: a field's runs,
// a bookmark around children). A table holding any other component is formatted as docx does.

/** docx's component, as its formatting reads it. */
interface Component {
  rootKey: string;
  root: unknown;
  readonly writtenAs?: unknown;
  includeIfEmpty?: boolean;
  xmlKeys?: Record<string, string>;
  numbering?: unknown;
  options?: { columnSpan?: number; keepNext?: boolean };
  columnWidths?: readonly number[];
  width?: { size?: unknown; type?: string };
}

type Format = (this: Component, context: object) => object | undefined;

/** The formatting functions a kept table may hold, each named by a letter in the key. */
const formats = new Map<Format, string>([
  [XmlComponent.prototype.prepForXml as Format, "x"],
  [IgnoreIfEmptyXmlComponent.prototype.prepForXml as Format, "i"],
  [XmlAttributeComponent.prototype.prepForXml as Format, "a"],
  [NextAttributeComponent.prototype.prepForXml as Format, "n"],
  [Paragraph.prototype.prepForXml as Format, "p"],
  [ParagraphProperties.prototype.prepForXml as Format, "q"],
  [TableCell.prototype.prepForXml as Format, "c"],
  [TableRow.prototype.prepForXml as Format, "r"],
]);

/** Thrown inside the key's walk at the first component it cannot vouch for. */
const refused = Symbol("not kept");

const primitive = (value: unknown): boolean =>
  value === undefined ||
  typeof value === "string" ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isFinite(value));

/** An attribute component's values, which must be plain: its formatting copies them as they are. */
function checkAttributes(root: unknown, nested: boolean): void {
  if (root === null || typeof root !== "object" || Object.getPrototypeOf(root) !== Object.prototype)
    throw refused;
  const values = root as Record<string, unknown>;
  for (const name in values) {
    const value = values[name];
    if (!nested) {
      if (!primitive(value)) throw refused;
      continue;
    }
    // NextAttributeComponent: { name: { key, value } }.
    if (value === null || typeof value !== "object") throw refused;
    const pair = value as { key?: unknown; value?: unknown };
    if (typeof pair.key !== "string" || !primitive(pair.value)) throw refused;
  }
}

/** Each attribute class's names for its attributes (docx sets them from a literal in its constructor). */
const namesByClass = new Map<unknown, string>();
function namesOf(component: Component): string {
  let names = namesByClass.get(component.constructor);
  if (names === undefined) {
    names = JSON.stringify(component.xmlKeys ?? null);
    namesByClass.set(component.constructor, names);
  }
  return names;
}

/** Appends the key of a component the table holds (a string child is itself) to `key`, or throws `refused`. */
function addKey(part: unknown, key: string[]): void {
  if (typeof part === "string") {
    key.push(JSON.stringify(part));
    return;
  }
  if (part === null || typeof part !== "object") throw refused;
  const component = part as Component;
  const letter = formats.get((component as { prepForXml?: Format }).prepForXml as Format);
  if (letter === undefined || component.writtenAs !== undefined) throw refused;
  if (letter === "a" || letter === "n") {
    checkAttributes(component.root, letter === "n");
    key.push(letter, letter === "a" ? namesOf(component) : "", JSON.stringify(component.root));
    return;
  }
  const { root, rootKey } = component;
  if (!Array.isArray(root) || typeof rootKey !== "string") throw refused;
  if (letter === "q" && component.numbering !== undefined) throw refused;
  key.push(letter, rootKey);
  if (component.includeIfEmpty !== undefined) key.push(component.includeIfEmpty ? "!" : "?");
  if (letter === "c") key.push("s", String(component.options?.columnSpan ?? ""));
  if (letter === "r") key.push("k", String(component.options?.keepNext ?? ""));
  key.push("[");
  for (const child of root) {
    // docx makes an external link a relationship of the document as it formats the paragraph.
    if (letter === "p" && (child as Component | null)?.rootKey === "w:externalHyperlink") throw refused;
    addKey(child, key);
    key.push(",");
  }
  key.push("]");
}

/**
 * The key of a table's formatting, or undefined when something in it is not kept. Its own
 * formatting sizes its cells from `columnWidths` and `width` (in twips here, so not from the page).
 */
export function tableKey(table: Table): string | undefined {
  const own = table as unknown as Component;
  const { columnWidths, width } = own;
  if (!Array.isArray(columnWidths) || width?.type !== "dxa" || typeof width.size !== "number")
    return undefined;
  if (!columnWidths.every((w) => Number.isFinite(w))) return undefined;
  const key = ["t", columnWidths.join(" "), "w", String(width.size), own.rootKey, "["];
  try {
    for (const child of own.root as unknown[]) {
      addKey(child, key);
      key.push(",");
    }
  } catch (error) {
    if (error === refused) return undefined;
    throw error;
  }
  key.push("]");
  return key.join("");
}

// Bounded by the characters of the keys (a key is about as long as the table's XML): past 4
// million of them the keep starts afresh. The CRS report's four tables of 247 rows make 1.9 million
// and hold 11 MB of heap with their formatting, so a long watch session of edits inside tables, or
// a batch worker with its capped heap, keeps some 25 MB at most.
const kept = new KeptByKey<object>(4e6, { weigh: (_, key) => key.length, notInSnapshot: true });
const keptXml = new WeakSet<object>();

/** Lets every kept table go (tests: a render from nothing kept). */
export const forgetTables = (): void => kept.clear();

let formatted = 0;
/** How many tables the keep has had docx format, kept or not (tests: what came from the keep). */
export const tablesFormatted = (): number => formatted;

/** Whether `xml` is a table's formatting handed out by the keep: the same object, never changed. */
export const isKeptTableXml = (xml: object): boolean => keptXml.has(xml);

let installed = false;

/** Wraps docx's `Table.prototype.prepForXml` with the keep; idempotent. */
export function installTableKeep(): void {
  if (installed) return;
  installed = true;
  const format = Table.prototype.prepForXml as Format;
  Table.prototype.prepForXml = function keptTableFormat(this: Table, context) {
    const key = tableKey(this);
    if (key === undefined) {
      formatted++;
      return format.call(this as unknown as Component, context);
    }
    const xml = kept.get(key, () => {
      formatted++;
      return format.call(this as unknown as Component, context) ?? {};
    });
    keptXml.add(xml);
    return xml;
  } as Table["prepForXml"];
}
