import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// A checker of the machine-checkable failure conditions of the Matterhorn Protocol (PDF/UA-1,
// ISO 14289-1) that a Folio PDF can reach. It reads the PDF through qpdf's JSON (every object,
// streams decoded) and walks each page's content operators and the structure tree itself, so it
// depends on no PDF/UA tool. Each failure names its Matterhorn checkpoint; checks that guard the
// structure's integrity rather than a Matterhorn condition (the parent tree, an OBJR's page) are
// named "struct". test/pdfua.test.ts shows each check failing on a hand-made bad PDF.

/** One failed condition: its Matterhorn checkpoint (or "struct") and what was found where. */
export interface PdfUaFailure {
  checkpoint: string;
  message: string;
}

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
type Dict = { [key: string]: Value };
interface PdfObject {
  value?: Value;
  stream?: { dict: Dict; data?: string };
}

/** A PDF's objects as qpdf reads them (streams decoded). */
export class PdfObjects {
  readonly objects: Record<string, PdfObject>;
  readonly trailer: Dict;

  constructor(bytes: Uint8Array) {
    const dir = mkdtempSync(join(tmpdir(), "folio-pdfua-"));
    try {
      const file = join(dir, "in.pdf");
      writeFileSync(file, bytes);
      const json = execFileSync(
        "qpdf",
        ["--json=2", "--json-stream-data=inline", "--decode-level=generalized", file],
        { maxBuffer: 1 << 30, encoding: "utf8" },
      );
      const parsed = JSON.parse(json) as { qpdf: [unknown, Record<string, PdfObject & { value?: Value }>] };
      this.objects = parsed.qpdf[1];
      this.trailer = (this.objects.trailer?.value ?? {}) as Dict;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The value a reference points to (a stream's dictionary for a stream), or the value itself. */
  get(value: Value | undefined): Value | undefined {
    if (typeof value === "string" && isRef(value)) {
      const object = this.objects[`obj:${value}`];
      return object?.stream ? object.stream.dict : object?.value;
    }
    return value;
  }
  dict(value: Value | undefined): Dict | undefined {
    const v = this.get(value);
    return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
  }
  array(value: Value | undefined): Value[] {
    const v = this.get(value);
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  }
  /** A stream's decoded bytes. */
  data(value: Value | undefined): Buffer | undefined {
    if (typeof value !== "string" || !isRef(value)) return undefined;
    const data = this.objects[`obj:${value}`]?.stream?.data;
    return data === undefined ? undefined : Buffer.from(data, "base64");
  }
  get catalog(): Dict {
    return this.dict(this.trailer["/Root"]) ?? {};
  }
  /** Page references in order. */
  pages(): string[] {
    const out: string[] = [];
    const walk = (ref: Value) => {
      const node = this.dict(ref);
      if (!node) return;
      if (node["/Type"] === "/Pages") for (const kid of this.array(node["/Kids"])) walk(kid);
      else out.push(ref as string);
    };
    walk(this.catalog["/Pages"] as Value);
    return out;
  }
}

const isRef = (s: string) => /^\d+ \d+ R$/.test(s);

/** A PDF string from qpdf's JSON ("u:text" or "b:hex"). */
export function pdfString(value: Value | undefined): string | undefined {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("u:")) return value.slice(2);
  if (value.startsWith("b:")) return Buffer.from(value.slice(2), "hex").toString("latin1");
  return undefined;
}

// ---- content streams ---------------------------------------------------------------------------

type Operand = number | string | Operand[] | { [key: string]: Operand } | { hex: string } | { str: Buffer };
interface Operation {
  op: string;
  operands: Operand[];
}

/** Splits a content stream into operators with their operands (enough of the syntax for pdfkit's). */
export function contentOperations(bytes: Buffer): Operation[] {
  const text = bytes.toString("latin1");
  const ops: Operation[] = [];
  let i = 0;
  const isWhite = (c: string) =>
    c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\f" || c === "\0";
  const isDelim = (c: string) => "()<>[]{}/%".includes(c);
  const readToken = (): Operand | { op: string } | undefined => {
    while (i < text.length) {
      const c = text[i] as string;
      if (isWhite(c)) i++;
      else if (c === "%") while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
      else break;
    }
    if (i >= text.length) return undefined;
    const c = text[i] as string;
    if (c === "(") {
      let depth = 0;
      const out: number[] = [];
      i++;
      for (; i < text.length; i++) {
        const ch = text[i] as string;
        if (ch === "\\") {
          const next = text[++i] as string;
          const escapes: Record<string, number> = {
            n: 10,
            r: 13,
            t: 9,
            b: 8,
            f: 12,
            "(": 40,
            ")": 41,
            "\\": 92,
          };
          if (next in escapes) out.push(escapes[next] as number);
          else if (/[0-7]/.test(next)) {
            let oct = next;
            while (oct.length < 3 && /[0-7]/.test(text[i + 1] ?? "")) oct += text[++i];
            out.push(Number.parseInt(oct, 8) & 255);
          } else if (next === "\r" || next === "\n") {
            if (next === "\r" && text[i + 1] === "\n") i++;
          } else out.push(next.charCodeAt(0));
        } else if (ch === "(") {
          depth++;
          out.push(40);
        } else if (ch === ")") {
          if (depth === 0) break;
          depth--;
          out.push(41);
        } else out.push(ch.charCodeAt(0));
      }
      i++;
      return { str: Buffer.from(out) };
    }
    if (c === "<" && text[i + 1] === "<") {
      i += 2;
      const dict: { [key: string]: Operand } = {};
      for (;;) {
        const key = readToken();
        if (key === undefined || (typeof key === "object" && "op" in key && key.op === ">>")) break;
        const value = readToken();
        if (typeof key === "string") dict[key] = value as Operand;
      }
      return dict;
    }
    if (c === ">" && text[i + 1] === ">") {
      i += 2;
      return { op: ">>" };
    }
    if (c === "<") {
      const end = text.indexOf(">", i);
      const hex = text.slice(i + 1, end).replace(/\s+/g, "");
      i = end + 1;
      return { hex };
    }
    if (c === "[") {
      i++;
      const items: Operand[] = [];
      for (;;) {
        const item = readToken();
        if (item === undefined || (typeof item === "object" && "op" in item && item.op === "]")) break;
        items.push(item as Operand);
      }
      return items;
    }
    if (c === "]") {
      i++;
      return { op: "]" };
    }
    if (c === "/") {
      let j = i + 1;
      while (j < text.length && !isWhite(text[j] as string) && !isDelim(text[j] as string)) j++;
      const name = text.slice(i, j);
      i = j;
      return name;
    }
    let j = i;
    while (j < text.length && !isWhite(text[j] as string) && !isDelim(text[j] as string)) j++;
    if (j === i) j++;
    const word = text.slice(i, j);
    i = j;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    return { op: word };
  };
  let operands: Operand[] = [];
  for (;;) {
    const token = readToken();
    if (token === undefined) break;
    if (typeof token === "object" && "op" in token && typeof token.op === "string" && !Array.isArray(token)) {
      ops.push({ op: token.op, operands });
      operands = [];
      if (token.op === "BI") {
        const end = text.indexOf("EI", i);
        i = end < 0 ? text.length : end + 2;
        ops.push({ op: "EI", operands: [] });
      }
    } else operands.push(token as Operand);
  }
  return ops;
}

/** Operators that put marks on the page: text, paths (painted or not), XObjects, shadings, inline images. */
const paintingOperators = new Set([
  "Tj",
  "TJ",
  "'",
  '"',
  "S",
  "s",
  "f",
  "F",
  "f*",
  "B",
  "B*",
  "b",
  "b*",
  "n",
  "Do",
  "sh",
  "EI",
]);
const textShowing = new Set(["Tj", "TJ", "'", '"']);

// ---- the checker -------------------------------------------------------------------------------

/** Standard structure types of ISO 32000-1 14.8.4 (PDF/UA-1 allows others only through a role map). */
const standardTypes = new Set(
  (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody " +
    "Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP " +
    "Figure Formula Form"
  ).split(" "),
);

interface Element {
  ref: string;
  type: string;
  dict: Dict;
  parent?: Element;
  kids: Array<Element | { mcid: number; page: string } | { objr: string; page?: string }>;
}

/** The structure tree as the checker reads it. */
export interface StructureTree {
  root?: Element;
  elements: Element[];
}

/** Reads the structure tree (elements in document order, their marked-content and object kids). */
export function readStructure(pdf: PdfObjects): StructureTree {
  const rootRef = pdf.catalog["/StructTreeRoot"];
  const treeRoot = pdf.dict(rootRef);
  const elements: Element[] = [];
  if (!treeRoot) return { elements };
  const seen = new Set<string>();
  const read = (ref: Value, parent: Element | undefined): Element | undefined => {
    if (typeof ref !== "string" || !isRef(ref) || seen.has(ref)) return undefined;
    seen.add(ref);
    const dict = pdf.dict(ref);
    if (!dict) return undefined;
    const element: Element = { ref, type: String(dict["/S"] ?? "").slice(1), dict, parent, kids: [] };
    elements.push(element);
    const page = typeof dict["/Pg"] === "string" ? dict["/Pg"] : undefined;
    const k = dict["/K"];
    for (const kid of Array.isArray(k) ? k : k === undefined || k === null ? [] : [k]) {
      if (typeof kid === "number") element.kids.push({ mcid: kid, page: page ?? "?" });
      else if (typeof kid === "string" && isRef(kid)) {
        const target = pdf.dict(kid);
        if (target?.["/Type"] === "/OBJR")
          element.kids.push({ objr: String(target["/Obj"]), page: target["/Pg"] as string | undefined });
        else if (target?.["/Type"] === "/MCR")
          element.kids.push({ mcid: Number(target["/MCID"]), page: String(target["/Pg"] ?? page) });
        else {
          const child = read(kid, element);
          if (child) element.kids.push(child);
        }
      } else if (kid && typeof kid === "object" && !Array.isArray(kid)) {
        if (kid["/Type"] === "/OBJR")
          element.kids.push({ objr: String(kid["/Obj"]), page: kid["/Pg"] as string });
        else element.kids.push({ mcid: Number(kid["/MCID"]), page: String(kid["/Pg"] ?? page) });
      }
    }
    return element;
  };
  const rootK = treeRoot["/K"];
  const kids = Array.isArray(rootK) ? rootK : rootK === undefined || rootK === null ? [] : [rootK];
  const top: Element = { ref: String(rootRef), type: "StructTreeRoot", dict: treeRoot, kids: [] };
  for (const kid of kids) {
    const element = read(kid, top);
    if (element) top.kids.push(element);
  }
  return { root: top, elements };
}

/** Checks a PDF against the Matterhorn conditions Folio can reach; an empty list means it passes. */
export function checkPdfUa(bytes: Uint8Array): PdfUaFailure[] {
  const pdf = new PdfObjects(bytes);
  const failures: PdfUaFailure[] = [];
  const fail = (checkpoint: string, message: string) => {
    if (failures.filter((f) => f.checkpoint === checkpoint).length < 20)
      failures.push({ checkpoint, message });
  };
  const catalog = pdf.catalog;

  // 06: metadata. The XMP packet must parse, identify PDF/UA-1 and hold a title.
  const metadata = pdf.data(catalog["/Metadata"] as Value)?.toString("utf8");
  if (!metadata) fail("06-001", "the catalog has no XMP metadata stream");
  else {
    const problem = xmlProblem(metadata);
    if (problem) fail("06-001", `the XMP metadata is not well-formed XML: ${problem}`);
    if (!/<pdfuaid:part>\s*1\s*<\/pdfuaid:part>|pdfuaid:part=["']1["']/.test(metadata))
      fail("06-002", "the XMP metadata has no PDF/UA identifier (pdfuaid:part 1)");
    if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<\s][^<]*<\/rdf:li>[\s\S]*?<\/dc:title>/.test(metadata))
      fail("06-003", "the XMP metadata has no dc:title");
  }
  // 07: the title, not the file name, in the window's title bar.
  const viewer = pdf.dict(catalog["/ViewerPreferences"]);
  if (viewer?.["/DisplayDocTitle"] === undefined)
    fail("07-001", "the catalog's ViewerPreferences have no DisplayDocTitle");
  else if (viewer["/DisplayDocTitle"] !== true) fail("07-002", "DisplayDocTitle is false");
  // 11: the document's language.
  const lang = pdfString(catalog["/Lang"]);
  if (!lang?.trim()) fail("11-006", "the catalog has no Lang: the natural language cannot be determined");
  // 01: a tagged PDF at all.
  const markInfo = pdf.dict(catalog["/MarkInfo"]);
  if (markInfo?.["/Marked"] !== true)
    fail("01-marked", "the catalog's MarkInfo has no Marked true (not a tagged PDF)");
  if (markInfo?.["/Suspects"] === true) fail("01-007", "MarkInfo Suspects is true");

  const structure = readStructure(pdf);
  if (!structure.root) fail("01-structure", "the catalog has no StructTreeRoot");
  const roleMap = pdf.dict(pdf.dict(catalog["/StructTreeRoot"])?.["/RoleMap"]);
  checkElements(structure, roleMap, fail);

  // Marked content referenced by the tree, by page.
  const referenced = new Map<string, Map<number, Element>>();
  const annotationsInTree = new Map<string, { element: Element; page?: string }>();
  for (const element of structure.elements)
    for (const kid of element.kids) {
      if ("mcid" in kid) {
        const onPage = referenced.get(kid.page) ?? new Map<number, Element>();
        referenced.set(kid.page, onPage);
        if (onPage.has(kid.mcid)) fail("struct", `MCID ${kid.mcid} on ${kid.page} belongs to two elements`);
        onPage.set(kid.mcid, element);
      } else if ("objr" in kid) annotationsInTree.set(kid.objr, { element, page: kid.page });
    }
  const parentTree = numberTree(pdf, pdf.dict(catalog["/StructTreeRoot"])?.["/ParentTree"]);

  const fonts = new FontChecks(pdf, fail);
  pdf.pages().forEach((pageRef, index) => {
    const page = pdf.dict(pageRef) ?? {};
    const where = `page ${index + 1}`;
    const marked = new Set<number>();
    checkContent(pdf, page, where, marked, fonts, fail);
    const onPage = referenced.get(pageRef) ?? new Map<number, Element>();
    const parents = pdf.array(parentTree.get(Number(page["/StructParents"])));
    for (const mcid of marked) {
      const element = onPage.get(mcid);
      if (!element) fail("01-005", `${where}: marked content MCID ${mcid} belongs to no structure element`);
      else if (parents[mcid] !== element.ref)
        fail("struct", `${where}: the parent tree does not lead MCID ${mcid} to its element ${element.ref}`);
    }
    for (const mcid of onPage.keys())
      if (!marked.has(mcid))
        fail("struct", `${where}: the structure tree refers to MCID ${mcid}, which the page lacks`);
    // 28: annotations.
    const annots = pdf.array(page["/Annots"]);
    if (annots.length > 0) {
      if (page["/Tabs"] === undefined) fail("28-008", `${where} has annotations but no Tabs entry`);
      else if (page["/Tabs"] !== "/S") fail("28-009", `${where}: Tabs is ${String(page["/Tabs"])}, not /S`);
    }
    for (const annotRef of annots) {
      const annot = pdf.dict(annotRef) ?? {};
      const subtype = String(annot["/Subtype"]);
      const inTree = annotationsInTree.get(String(annotRef));
      if (subtype === "/Link") {
        if (inTree?.element.type !== "Link")
          fail("28-011", `${where}: link annotation ${String(annotRef)} is not nested in a Link element`);
        if (!pdfString(annot["/Contents"])?.trim())
          fail(
            "28-012",
            `${where}: link annotation ${String(annotRef)} has no Contents (alternate description)`,
          );
        const parentKey = annot["/StructParent"];
        if (inTree && pdf.get(parentTree.get(Number(parentKey))) === undefined)
          fail(
            "struct",
            `${where}: link annotation ${String(annotRef)} has no StructParent entry in the parent tree`,
          );
      } else if (subtype !== "/Widget" && subtype !== "/PrinterMark" && subtype !== "/Popup") {
        if (inTree?.element.type !== "Annot")
          fail(
            "28-002",
            `${where}: ${subtype} annotation ${String(annotRef)} is not nested in an Annot element`,
          );
        if (!pdfString(annot["/Contents"])?.trim() && !pdfString(inTree?.element.dict["/Alt"]))
          fail("28-004", `${where}: ${subtype} annotation ${String(annotRef)} has neither Contents nor Alt`);
      }
      if (inTree && inTree.page !== undefined && inTree.page !== pageRef)
        fail(
          "struct",
          `${where}: the OBJR of annotation ${String(annotRef)} names page ${inTree.page}, not its own page`,
        );
    }
  });
  return failures;
}

type Fail = (checkpoint: string, message: string) => void;

function numberTree(pdf: PdfObjects, ref: Value | undefined): Map<number, Value> {
  const out = new Map<number, Value>();
  const walk = (node: Dict | undefined) => {
    if (!node) return;
    const nums = pdf.array(node["/Nums"]);
    for (let i = 0; i + 1 < nums.length; i += 2) out.set(Number(nums[i]), nums[i + 1] as Value);
    for (const kid of pdf.array(node["/Kids"])) walk(pdf.dict(kid));
  };
  walk(pdf.dict(ref));
  return out;
}

/** Structure checks: standard types, table, list and TOC syntax, headings, Alt, Scope, note IDs. */
function checkElements(structure: StructureTree, roleMap: Dict | undefined, fail: Fail): void {
  const parentType = (e: Element) => e.parent?.type ?? "";
  const headings: Element[] = [];
  const noteIds = new Map<string, number>();
  let usesH = false;
  for (const e of structure.elements) {
    const type = e.type;
    if (!standardTypes.has(type) && !roleMap?.[`/${type}`])
      fail("02-001", `structure type ${type} (${e.ref}) is not standard and not role-mapped`);
    if (type === "TR" && !["Table", "THead", "TBody", "TFoot"].includes(parentType(e)))
      fail("09-004", `TR ${e.ref} is in a ${parentType(e)}, not a Table`);
    if ((type === "TH" || type === "TD") && parentType(e) !== "TR")
      fail("09-004", `${type} ${e.ref} is in a ${parentType(e)}, not a TR`);
    if (
      type === "Table" &&
      e.kids.some((k) => "type" in k && !["TR", "THead", "TBody", "TFoot", "Caption"].includes(k.type))
    )
      fail("09-004", `Table ${e.ref} holds something other than rows`);
    if (type === "LI" && parentType(e) !== "L")
      fail("09-005", `LI ${e.ref} is in a ${parentType(e)}, not an L`);
    if ((type === "Lbl" || type === "LBody") && !["LI", "Note", "TOCI", "BibEntry"].includes(parentType(e)))
      fail("09-005", `${type} ${e.ref} is in a ${parentType(e)}, not an LI`);
    if (type === "L" && e.kids.some((k) => "type" in k && !["LI", "L", "Caption"].includes(k.type)))
      fail("09-005", `L ${e.ref} holds something other than list items`);
    if (type === "TOCI" && parentType(e) !== "TOC")
      fail("09-006", `TOCI ${e.ref} is in a ${parentType(e)}, not a TOC`);
    if (type === "TOC" && e.kids.some((k) => "type" in k && !["TOCI", "TOC", "Caption"].includes(k.type)))
      fail("09-006", `TOC ${e.ref} holds something other than entries`);
    if (type === "Figure" && !pdfString(e.dict["/Alt"])?.trim() && !pdfString(e.dict["/ActualText"])?.trim())
      fail("13-004", `Figure ${e.ref} has no alternate text (Alt)`);
    if (type === "TH") {
      const scope = attribute(e.dict, "/Scope");
      if (!scope && e.dict["/ID"] === undefined) fail("15-003", `TH ${e.ref} has no Scope`);
    }
    if (type === "Note") {
      const id = pdfString(e.dict["/ID"]);
      if (!id) fail("19-003", `Note ${e.ref} has no ID`);
      else noteIds.set(id, (noteIds.get(id) ?? 0) + 1);
    }
    if (/^H[1-6]$/.test(type)) headings.push(e);
    if (type === "H") usesH = true;
  }
  for (const e of structure.elements)
    if (e.parent && e.dict["/P"] !== e.parent.ref)
      fail(
        "struct",
        `${e.type} ${e.ref} names ${String(e.dict["/P"])} as its parent, but ${e.parent.ref} holds it`,
      );
  for (const [id, count] of noteIds) if (count > 1) fail("19-004", `${count} Notes share the ID ${id}`);
  if (usesH && headings.length) fail("14-006", "the document mixes H and H1–H6 headings");
  let previous = 0;
  for (const [i, h] of headings.entries()) {
    const level = Number(h.type.slice(1));
    if (i === 0 && level !== 1) fail("14-002", `the first heading is ${h.type} (${h.ref}), not H1`);
    else if (i > 0 && level > previous + 1)
      fail("14-003", `${h.type} (${h.ref}) follows H${previous}: heading levels are skipped`);
    previous = level;
  }
}

function attribute(dict: Dict, key: string): Value | undefined {
  const attrs = dict["/A"];
  for (const a of Array.isArray(attrs) ? attrs : attrs ? [attrs] : [])
    if (a && typeof a === "object" && !Array.isArray(a) && a[key] !== undefined) return a[key];
  return undefined;
}

/** Fonts: embedded, with a ToUnicode map; glyph 0 (.notdef) never shown. */
class FontChecks {
  readonly #checked = new Set<string>();
  constructor(
    readonly pdf: PdfObjects,
    readonly fail: Fail,
  ) {}

  /** Checks a font resource once; returns whether its codes are two-byte CIDs (Identity-H). */
  check(ref: Value | undefined, name: string): { twoByte: boolean; identity: boolean } {
    const pdf = this.pdf;
    const font = pdf.dict(ref) ?? {};
    const subtype = String(font["/Subtype"]);
    const descendant = subtype === "/Type0" ? pdf.dict(pdf.array(font["/DescendantFonts"])[0]) : undefined;
    const twoByte = subtype === "/Type0" && String(font["/Encoding"]).endsWith("Identity-H");
    const map = descendant?.["/CIDToGIDMap"];
    const identity = twoByte && (map === undefined || map === "/Identity");
    const key = String(ref);
    if (this.#checked.has(key)) return { twoByte, identity };
    this.#checked.add(key);
    if (subtype !== "/Type3") {
      const descriptor = pdf.dict((descendant ?? font)["/FontDescriptor"]);
      const embedded =
        descriptor && ["/FontFile", "/FontFile2", "/FontFile3"].some((k) => descriptor[k] !== undefined);
      if (!embedded)
        fail(this.fail, "31-embedded", `font ${name} (${String(font["/BaseFont"])}) is not embedded`);
    }
    if (font["/ToUnicode"] === undefined)
      fail(this.fail, "31-tounicode", `font ${name} (${String(font["/BaseFont"])}) has no ToUnicode map`);
    return { twoByte, identity };
  }
}
const fail = (f: Fail, checkpoint: string, message: string) => f(checkpoint, message);

/** Walks one page's content: marked-content nesting, unmarked painting, .notdef glyphs. */
function checkContent(
  pdf: PdfObjects,
  page: Dict,
  where: string,
  marked: Set<number>,
  fonts: FontChecks,
  fail: Fail,
): void {
  const raw = page["/Contents"];
  const contents = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const bytes = Buffer.concat(
    contents.map((ref) => Buffer.concat([pdf.data(ref as Value) ?? Buffer.alloc(0), Buffer.from("\n")])),
  );
  const resources = pdf.dict(page["/Resources"]) ?? {};
  const fontResources = pdf.dict(resources["/Font"]) ?? {};
  const stack: Array<"artifact" | "tagged" | "other"> = [];
  let font: { twoByte: boolean; identity: boolean; name: string } | undefined;
  let unmarked = 0;
  for (const { op, operands } of contentOperations(bytes)) {
    if (op === "BMC" || op === "BDC") {
      const tag = String(operands[0]);
      const props = operands[1];
      const mcid =
        props && typeof props === "object" && !Array.isArray(props) && "/MCID" in props
          ? Number((props as Record<string, Operand>)["/MCID"])
          : undefined;
      const kind = tag === "/Artifact" ? "artifact" : mcid !== undefined ? "tagged" : "other";
      if (kind === "artifact" && stack.includes("tagged"))
        fail("01-003", `${where}: an Artifact is nested inside tagged content`);
      if (kind === "tagged" && stack.includes("artifact"))
        fail("01-004", `${where}: tagged content (MCID ${mcid}) is nested inside an Artifact`);
      if (mcid !== undefined) {
        if (marked.has(mcid)) fail("struct", `${where}: MCID ${mcid} is used twice`);
        marked.add(mcid);
      }
      stack.push(kind);
    } else if (op === "EMC") {
      if (!stack.pop()) fail("struct", `${where}: EMC without BMC/BDC`);
    } else if (op === "Tf") {
      const name = String(operands[0]);
      font = { ...fonts.check(fontResources[name], name), name };
    } else if (paintingOperators.has(op)) {
      if (!stack.includes("artifact") && !stack.includes("tagged")) unmarked++;
      if (textShowing.has(op) && font?.twoByte && font.identity && showsNotdef(operands))
        fail("31-notdef", `${where}: text in ${font.name} shows glyph 0 (.notdef)`);
    }
  }
  if (stack.length) fail("struct", `${where}: ${stack.length} marked-content sequences are not closed`);
  if (unmarked)
    fail("01-005", `${where}: ${unmarked} painting operators are neither tagged content nor an Artifact`);
}

/** Whether a text-showing operator's two-byte codes include 0 (with CIDToGIDMap Identity: glyph 0). */
function showsNotdef(operands: Operand[]): boolean {
  const strings: Buffer[] = [];
  const collect = (o: Operand) => {
    if (Array.isArray(o)) o.forEach(collect);
    else if (o && typeof o === "object" && "hex" in o) strings.push(Buffer.from(String(o.hex), "hex"));
    else if (o && typeof o === "object" && "str" in o) strings.push(o.str as Buffer);
  };
  operands.forEach(collect);
  return strings.some((s) => {
    for (let i = 0; i + 1 < s.length; i += 2) if (s[i] === 0 && s[i + 1] === 0) return true;
    return false;
  });
}

/** A small well-formedness check of XML (tags balanced, every `&` an entity): the XMP packet's. */
export function xmlProblem(xml: string): string | undefined {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const amp = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(body);
  if (amp) return `a bare “&” at “${body.slice(Math.max(0, amp.index - 20), amp.index + 20)}”`;
  const open: string[] = [];
  for (const m of body.matchAll(
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<|>/g,
  )) {
    if (m[0] === "<" || m[0] === ">") return `a stray “${m[0]}” in character data`;
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      if (open.pop() !== name) return `</${name}> closes the wrong element`;
    } else open.push(name as string);
  }
  return open.length ? `<${open.at(-1)}> is never closed` : undefined;
}

// ---- the tagged text, as pdf.js and poppler read it ------------------------------------------------

interface JsStructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: JsStructNode[];
}

/**
 * Text of a PDF in structure order, by pdf.js: each page's structure tree with its marked content's
 * text; and how many pages pdf.js read.
 */
export async function structureTextPdfJs(
  bytes: Uint8Array,
): Promise<{ text: string; headings: string[]; pages: number }> {
  const doc = await getDocument({
    data: bytes.slice(),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const parts: string[] = [];
  const headings: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Each marked-content sequence's text, and the baselines it starts and ends on.
    const byId = new Map<string, { text: string; first?: number; last?: number }>();
    const open: string[] = [];
    type Item = { type?: string; id?: string; str?: string; hasEOL?: boolean; transform?: number[] };
    for (const item of content.items as Item[]) {
      if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent")
        open.push(item.id ?? "");
      else if (item.type === "endMarkedContent") open.pop();
      else if (item.str !== undefined) {
        const id = open.at(-1);
        if (!id) continue;
        const entry = byId.get(id) ?? { text: "" };
        const y = item.transform?.[5];
        if (item.str !== "" || item.hasEOL) {
          entry.first ??= y;
          entry.last = y;
        }
        entry.text += item.str + (item.hasEOL ? "\n" : "");
        byId.set(id, entry);
      }
    }
    const tree = (await page.getStructTree()) as JsStructNode | null;
    const textOf = (node: JsStructNode): string =>
      node.type === "content"
        ? (byId.get(node.id ?? "") ?? { text: "" }).text
        : (node.children ?? []).map(textOf).join("");
    let lastY: number | undefined;
    const walk = (node: JsStructNode) => {
      if (node.role && /^H[1-6]$/.test(node.role)) headings.push(textOf(node));
      if (node.type === "content") {
        const entry = byId.get(node.id ?? "");
        if (!entry) return;
        // Sequences of one line follow each other directly; a new line reads as a line break.
        if (entry.first !== undefined && lastY !== undefined && Math.abs(entry.first - lastY) > 1)
          parts.push("\n");
        parts.push(entry.text);
        if (entry.last !== undefined) lastY = entry.last;
      } else {
        const block = node.role !== undefined && !inlineRoles.has(node.role);
        if (block) parts.push("\n");
        for (const child of node.children ?? []) walk(child);
        if (block) parts.push("\n");
      }
    };
    if (tree) walk(tree);
    page.cleanup();
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { text: joinLines(parts.join("")), headings: headings.map(fold), pages };
}

/** Text of a PDF in structure order, by poppler (`pdfinfo -struct-text`), and its headings. */
export function structureTextPoppler(bytes: Uint8Array): { text: string; headings: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "folio-pdfua-"));
  try {
    const file = join(dir, "in.pdf");
    writeFileSync(file, bytes);
    const out = execFileSync("pdfinfo", ["-struct-text", file], { encoding: "utf8", maxBuffer: 1 << 28 });
    const parts: string[] = [];
    const headings: string[] = [];
    let heading: { indent: number; text: string } | undefined;
    for (const line of out.split("\n")) {
      const indent = line.length - line.trimStart().length;
      const quoted = /^\s*"(.*)"$/.exec(line);
      if (heading && indent <= heading.indent) {
        headings.push(fold(heading.text));
        heading = undefined;
      }
      if (quoted) {
        // Strings follow each other as drawn: an element's text over a page break, a Link in its P.
        parts.push(quoted[1] ?? "");
        if (heading) heading.text += quoted[1];
      } else if (!/\(inline\)|^\s*Object \d|^\s*\//.test(line)) {
        parts.push("\n"); // a block element starts
        const role = /^\s*(H[1-6])\b/.exec(line);
        if (role) heading = { indent, text: "" };
      }
    }
    if (heading) headings.push(fold(heading.text));
    return { text: joinLines(parts.join("")), headings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Structure types read as part of the line around them. */
const inlineRoles = new Set(["Link", "Span", "Reference", "Quote", "BibEntry", "Annot", "Ruby", "Warichu"]);
const fold = (s: string) => s.replace(/[\s\u00a0]+/g, " ").trim();
/** A line broken after a hyphen joins without a space (as src/check/extract-pdf.ts reads page text). */
const joinLines = (s: string) => s.replace(/(\p{L}-)\n+(?=\p{L})/gu, "$1");
