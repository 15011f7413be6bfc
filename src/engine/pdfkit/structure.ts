import { createRequire } from "node:module";

// pdfkit 0.19 has the pieces of a tagged PDF (marked content, a parent tree, `doc.struct()`), but
// its structure elements write their kids in the order they are added, and pdfmake draws in layout
// order, not in the order a reader reads. So Folio builds the logical structure first (from the
// document definition, in source order, src/engine/pdfmake/tagging.ts), gives each run of content
// a place in it (a ContentSlot), and this writer fills the slots while pdfmake draws: one
// marked-content sequence (MCID) per run of the same slot on a page, Artifacts for everything else,
// one OBJR per link annotation. At the end it writes the elements, the parent tree and the ID tree.
//
// Two pdfkit traps are avoided here rather than inherited: an OBJR takes the page the annotation is
// on (pdfkit's `_flushChild` takes the page current when the element is ended), and the XMP packet
// gets XML-escaped values (pdfkit writes the title, author, subject and keywords raw, so a title with
// `&` made the metadata unreadable): see {@link escapeXmpValues}.

const require = createRequire(import.meta.url);

/** The standard structure types of ISO 32000-1 (14.8.4) Folio writes; no role map is needed. */
export type StructureType =
  | "Document"
  | "Part"
  | "Sect"
  | "Div"
  | "NonStruct"
  | "H1"
  | "H2"
  | "H3"
  | "H4"
  | "H5"
  | "H6"
  | "P"
  | "L"
  | "LI"
  | "Lbl"
  | "LBody"
  | "Table"
  | "TR"
  | "TH"
  | "TD"
  | "BlockQuote"
  | "Caption"
  | "Code"
  | "Note"
  | "TOC"
  | "TOCI"
  | "Reference"
  | "Link"
  | "BibEntry"
  | "Figure"
  | "Span"
  | "Quote";

/** A structure element as a renderer declares it on a pdfmake node or text run. */
export interface StructureTag {
  type: StructureType;
  /** Alternate description (Figure: what it shows). */
  alt?: string;
  /** Replacement text (a Span whose glyphs do not spell what they mean). */
  actualText?: string;
  /** Expansion of an abbreviation (a Span around `CDC`: "Centers for Disease Control"), written as /E. */
  expansion?: string;
  lang?: string;
  /** Unique element id (Note: PDF/UA wants one on every note). */
  id?: string;
  /** Header cell scope (TH). */
  scope?: "Row" | "Column" | "Both";
  /**
   * For a graphic drawn as a label (a task list's checkbox): the graphic becomes an Artifact and
   * this text, drawn invisibly at its place, is the element's content.
   */
  text?: string;
}

/** Grouping types: text met directly inside one of these gets a P of its own. */
const grouping = new Set<StructureType>([
  "Document",
  "Part",
  "Sect",
  "Div",
  "L",
  "LI",
  "Table",
  "TR",
  "TOC",
  "TOCI",
  "BlockQuote",
  "Note",
]);

interface PdfRef {
  data: Record<string, unknown>;
  end(): void;
}
interface PdfPage {
  dictionary: PdfRef;
  annotations: PdfRef[];
  structParentTreeKey: number;
}
interface NumberTree {
  get(key: number): unknown;
  add(key: number, value: unknown): void;
}
/** The part of pdfkit's PDFDocument the writer uses. */
export interface TaggedPdfKitDocument {
  page: PdfPage;
  ref(data?: Record<string, unknown>): PdfRef;
  addContent(data: string): unknown;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): NumberTree;
  createStructParentTreeNextKey(): number;
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
  _root: PdfRef;
}

type Kid = StructureElement | ContentSlot;

/** An element of the logical structure, built before layout; written when the document is drawn. */
export class StructureElement {
  readonly kids: Kid[] = [];
  /** Text of the link's runs (a Link's annotations are described by it). */
  linkText = "";
  /** A container whose kids stand in its place (the running header's per-page elements). */
  virtual = false;
  /** The element's PDF object, once written. */
  ref: PdfRef | undefined;

  constructor(
    readonly type: StructureType,
    readonly tag: Omit<StructureTag, "type"> = {},
  ) {}
  /** Appends a child element (declared order is reading order). */
  child(tag: StructureTag): StructureElement {
    const { type, ...rest } = tag;
    const element = new StructureElement(type, rest);
    this.kids.push(element);
    return element;
  }
  /** Appends a place for content drawn later (runs of text, an image). */
  slot(): ContentSlot {
    const slot = new ContentSlot(this);
    this.kids.push(slot);
    return slot;
  }
  /** Whether text met directly here needs an element of its own. */
  get groups(): boolean {
    return grouping.has(this.type);
  }
}

type SlotItem =
  | { kind: "mc"; page: PdfRef; mcid: number; parents: unknown[] }
  | { kind: "annot"; page: PdfRef; annot: PdfRef; key: number };

/**
 * A place in an element's kids where drawn content goes, in drawing order. Stamped on pdfmake's
 * text runs and images (its fields are private, so pdfmake's JSON dumps of a node stay acyclic).
 */
export class ContentSlot {
  #element: StructureElement;
  #items: SlotItem[] = [];
  constructor(element: StructureElement) {
    this.#element = element;
  }
  get element(): StructureElement {
    return this.#element;
  }
  get items(): SlotItem[] {
    return this.#items;
  }
  reset(): void {
    this.#items = [];
  }
}

/** Kinds of artifact: the default (layout: rules, fills, decorations) is written as a bare BMC. */
export type ArtifactKind = "Layout" | "Pagination" | "Header" | "Footer" | "Background";

const artifactProperties: Record<ArtifactKind, string> = {
  Layout: "/Artifact BMC",
  Pagination: "/Artifact <</Type /Pagination>> BDC",
  Header: "/Artifact <</Type /Pagination /Subtype /Header>> BDC",
  Footer: "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
  Background: "/Artifact <</Type /Background>> BDC",
};

/**
 * Writes the marked content of one tagged document while it is drawn, then its structure tree.
 * Only one marked-content sequence is ever open, so tagged content and Artifacts never nest.
 */
export class StructureWriter {
  #open: { slot?: ContentSlot; artifact?: ArtifactKind; page: PdfPage } | undefined;
  /** The slot whose link annotations are being drawn (set around a run with a link). */
  linkSlot: ContentSlot | undefined;

  constructor(
    readonly doc: TaggedPdfKitDocument,
    readonly root: StructureElement,
  ) {
    const annotate = doc.annotate;
    const writer = this;
    // Instance-level: every link annotation drawn while a Link's run is drawn gets its StructParent,
    // a description (PDF/UA: Contents) and an OBJR on the page it is on.
    doc.annotate = function (x, y, w, h, options) {
      const slot = writer.linkSlot;
      if (!slot) return annotate.call(this, x, y, w, h, options);
      const key = doc.createStructParentTreeNextKey();
      options.StructParent = key;
      options.Contents = new String(slot.element.linkText.trim() || "Link");
      const result = annotate.call(this, x, y, w, h, options);
      const annot = doc.page.annotations.at(-1) as PdfRef;
      slot.items.push({ kind: "annot", page: doc.page.dictionary, annot, key });
      return result;
    };
  }

  /** Opens (or continues) the marked-content sequence of a slot on the current page. */
  mark(slot: ContentSlot): void {
    const open = this.#open;
    if (open?.slot === slot && open.page === this.doc.page) return;
    this.close();
    const page = this.doc.page;
    const parents = this.doc.getStructParentTree().get(page.structParentTreeKey) as unknown[];
    const mcid = parents.length;
    parents.push(null);
    slot.items.push({ kind: "mc", page: page.dictionary, mcid, parents });
    this.doc.addContent(`/${slot.element.type} <</MCID ${mcid}>> BDC`);
    this.#open = { slot, page };
  }

  /** Opens (or continues) an Artifact of the given kind. */
  artifact(kind: ArtifactKind = "Layout"): void {
    const open = this.#open;
    if (open && open.artifact === kind && open.page === this.doc.page) return;
    this.close();
    this.doc.addContent(artifactProperties[kind]);
    this.#open = { artifact: kind, page: this.doc.page };
  }

  /** Ends the open sequence, if any (before a page ends, before q/Q that would straddle it). */
  close(): void {
    if (!this.#open) return;
    this.doc.addContent("EMC");
    this.#open = undefined;
  }

  /** Writes the structure tree: elements with content, in declared order, and the parent tree. */
  finish(): void {
    this.close();
    const doc = this.doc;
    const treeRoot = doc.getStructTreeRoot();
    const parentTree = doc.getStructParentTree();
    const elements: StructureElement[] = [];
    const kidsOf = new Map<StructureElement, Kid[]>();
    /** Each written element's parent: the nearest ancestor that is not virtual. */
    const parentOf = new Map<StructureElement, StructureElement>();
    // Flatten virtual containers, drop elements that got no content, number the rest in order.
    const visit = (element: StructureElement, parent: StructureElement): Kid[] => {
      const kids: Kid[] = [];
      for (const kid of element.kids) {
        if (kid instanceof ContentSlot) {
          if (kid.items.length) kids.push(kid);
        } else if (kid.virtual) kids.push(...visit(kid, parent));
        else {
          const inner = visit(kid, kid);
          if (inner.length) {
            kidsOf.set(kid, inner);
            parentOf.set(kid, parent);
            kids.push(kid);
          }
        }
      }
      return kids;
    };
    const rootKids = visit(this.root, this.root);
    kidsOf.set(this.root, rootKids);
    const number = (element: StructureElement) => {
      element.ref = doc.ref();
      elements.push(element);
      for (const kid of kidsOf.get(element) ?? []) if (kid instanceof StructureElement) number(kid);
    };
    number(this.root);
    const ids: Array<[string, PdfRef]> = [];
    for (const element of elements) {
      const ref = element.ref as PdfRef;
      const kids = kidsOf.get(element) ?? [];
      const firstPage = kids
        .flatMap((kid) => (kid instanceof ContentSlot ? kid.items : []))
        .find((item) => item.kind === "mc")?.page;
      const k: unknown[] = [];
      for (const kid of kids) {
        if (kid instanceof StructureElement) {
          k.push(kid.ref);
          continue;
        }
        for (const item of kid.items) {
          if (item.kind === "mc") {
            item.parents[item.mcid] = ref;
            k.push(item.page === firstPage ? item.mcid : { Type: "MCR", Pg: item.page, MCID: item.mcid });
          } else {
            parentTree.add(item.key, ref);
            k.push({ Type: "OBJR", Obj: item.annot, Pg: item.page });
          }
        }
      }
      const data: Record<string, unknown> = {
        S: element.type,
        P: parentOf.get(element)?.ref ?? treeRoot,
      };
      if (firstPage) data.Pg = firstPage;
      data.K = k.length === 1 ? k[0] : k;
      const { alt, actualText, expansion, lang, id, scope } = element.tag;
      if (alt !== undefined) data.Alt = new String(alt);
      if (actualText !== undefined) data.ActualText = new String(actualText);
      if (expansion !== undefined) data.E = new String(expansion);
      if (lang) data.Lang = new String(lang);
      if (id) {
        data.ID = new String(id);
        ids.push([id, ref]);
      }
      if (scope) data.A = { O: "Table", Scope: scope };
      ref.data = data;
    }
    treeRoot.data.K = this.root.ref;
    if (ids.length) {
      const NameTree = (doc._root.data.Names as PdfRef).data.Dests?.constructor as new () => {
        add(key: string, value: unknown): void;
      };
      const tree = new NameTree();
      for (const [id, ref] of ids) tree.add(id, ref);
      treeRoot.data.IDTree = tree;
    }
    for (const element of elements) element.ref?.end();
  }
}

/** A new document's structure: a Document element with nothing in it yet. */
export function documentElement(): StructureElement {
  return new StructureElement("Document");
}

interface PdfKitInfo {
  [key: string]: unknown;
}
interface PdfKitPrototype {
  _addInfo(this: { info: PdfKitInfo }): void;
}

const xmlEscapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};
/** Text escaped for XML character data and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => xmlEscapes[c] as string);
}

const escapedInfo = Symbol.for("folio.pdfkitXmpEscaped");

/**
 * Makes pdfkit escape the document information it copies into the XMP packet (title, author,
 * subject, keywords, creator, producer). The Info dictionary is written from the same values,
 * unescaped, as before; only the XML changes, and only where a value holds `&`, `<`, `>` or quotes.
 */
export function escapeXmpValues(): void {
  // pdfkit's class as pdfmake loads it: the superclass of pdfmake's own PDFDocument.
  const PDFDocument = Object.getPrototypeOf(
    (require("pdfmake/js/PDFDocument.js") as { default: object }).default,
  ) as {
    prototype: PdfKitPrototype & { [escapedInfo]?: true };
  };
  const proto = PDFDocument.prototype;
  if (proto[escapedInfo]) return;
  proto[escapedInfo] = true;
  const addInfo = proto._addInfo;
  proto._addInfo = function () {
    const info = this.info;
    const escaped: PdfKitInfo = {};
    for (const [key, value] of Object.entries(info))
      escaped[key] = typeof value === "string" ? escapeXml(value) : value;
    this.info = escaped;
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}
