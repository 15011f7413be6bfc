import { createRequire } from "node:module";
import {
  type ArtifactKind,
  type ContentSlot,
  documentElement,
  escapeXmpValues,
  StructureElement,
  type StructureTag,
  StructureWriter,
  type TaggedPdfKitDocument,
} from "../pdfkit/structure.ts";
import { type DrawingFont, type TextObjectDocument, TextObjects } from "../pdfkit/text-objects.ts";

// Tagged PDF (PDF/UA-1) for pdfmake 0.3, which draws without structure. A renderer declares the
// structure on its document definition: `tag: { type: "P" }` on a node (everything the node draws
// belongs to that element, nested inside the element of the nearest tagged ancestor), `tag` on a
// text run (a Link, a Span inside its paragraph), `artifact: true` on a node that only decorates.
// Before layout, prepareStructure() walks the definition in source order, builds the element tree
// and stamps every text run and image with its ContentSlot (`_folioSlot`): pdfmake copies a run's
// own properties onto each word it lays out, so the stamps reach the drawing phase. The drawing
// loop (Renderer.renderPages) is replaced, for tagged documents only, by one that opens a
// marked-content sequence per run of the same slot and marks everything else (rules, fills, list
// bullets, underlines, running header and footer, repeated table header rows) as an Artifact.
// Untagged documents are drawn by pdfmake's own loop, byte for byte as before.
//
// Also derived here, so a renderer need not say it: links (a run with `link` or
// `linkToDestination` is a Link element, one per consecutive run to the same target), a list's
// LI > Lbl + LBody (the bullet, drawn by pdfmake as a vector, is an Artifact and its Lbl holds a
// "•" drawn invisibly at its place), table rows (TR) and cells (TH for header rows, TD), the
// contents (TOC > TOCI > Reference > Link, one per entry pdfmake lists), and a P for text met
// directly in a grouping element.

const require = createRequire(import.meta.url);
const installed = Symbol.for("folio.pdfmakeTagging");
const planKey = "_folioStructure";

declare module "pdfmake/interfaces.js" {
  /** A pdfmake node or text run may declare its structure element (see above). */
  interface ContentBase extends StructureMarks {}
}

/** What a renderer may put on a pdfmake node or text run to declare structure. */
export interface StructureMarks {
  tag?: StructureTag;
  /** The node draws decoration only: everything in it is an Artifact. */
  artifact?: boolean;
}

type Node = Record<string, unknown> & StructureMarks;
interface Inline extends Node {
  text?: unknown;
  _folioSlot?: ContentSlot;
}
interface Label {
  slot: ContentSlot;
  text: string;
}

/** The structure of one definition, found by the layout through its content's root. */
interface Plan {
  root: StructureElement;
  slots: ContentSlot[];
  labelFont: string;
  labelSize: number;
}

/** Artifacts that must stay artifacts even where their content is tagged (repeated header rows). */
interface ArtifactStamp {
  kind: ArtifactKind;
  force: boolean;
}

const linkTarget = (run: Node): string | undefined => {
  const target = run.link ?? run.linkToDestination ?? run.linkToPage;
  return target === undefined || target === null ? undefined : String(target);
};

/** pdfmake's casts of a node given as a value (DocPreprocessor), done first so stamps survive. */
function normalize(value: unknown): Node {
  if (Array.isArray(value)) return { stack: value };
  if (value === null || value === undefined) return { text: "" };
  if (typeof value !== "object") return { text: String(value).replace(/\t/g, "    ") };
  if (Object.keys(value).length === 0) return { text: "" };
  return value as Node;
}

class StructureBuilder {
  readonly slots: ContentSlot[] = [];
  /** Contents lists by pdfmake toc id, and the headings each will list, in document order. */
  readonly tocs = new Map<string, StructureElement>();
  readonly tocEntries: Array<{ id: string; heading: Node }> = [];

  slot(element: StructureElement): ContentSlot {
    const slot = element.slot();
    this.slots.push(slot);
    return slot;
  }

  /** Walks a node: its tag opens an element inside `parent`; `null` parent: artifact content. */
  walk(node: Node, parent: StructureElement | null): void {
    if (node.artifact) {
      this.content(node, null, parent);
      return;
    }
    // A table whose caption sits with it in a stack tagged Table (a captioned table) fills that
    // element: its Caption, then its rows.
    const fills = node.tag?.type === "Table" && parent?.type === "Table" && node.table !== undefined;
    const element = node.tag && parent && !node.toc && !fills ? parent.child(node.tag) : parent;
    this.content(node, element, parent);
  }

  /** The content of a node that belongs to `element` (its own tag already applied). */
  content(node: Node, element: StructureElement | null, parent: StructureElement | null): void {
    if (Array.isArray(node.stack)) this.children(node.stack, element);
    else if (Array.isArray(node.columns)) this.children(node.columns, element);
    else if (Array.isArray(node.ul) || Array.isArray(node.ol)) this.list(node, element);
    else if (node.table && typeof node.table === "object") this.table(node, element);
    else if (node.text !== undefined) this.text(node, element);
    else if (node.toc && typeof node.toc === "object") this.toc(node, parent);
    else if (node.image !== undefined || node.svg !== undefined) this.graphic(node, element);
    else if (Array.isArray(node.canvas) && node.tag && element) {
      const slot = this.slot(element); // a tagged drawing: its vectors are one piece of content
      for (const vector of node.canvas as Node[]) vector._folioSlot = slot;
    }
  }

  children(items: unknown[], element: StructureElement | null): void {
    for (let i = 0; i < items.length; i++) {
      const child = normalize(items[i]);
      items[i] = child;
      this.walk(child, element);
    }
  }

  /** The element text drawn here belongs to: a P of its own inside a grouping element. */
  holder(element: StructureElement | null): StructureElement | null {
    if (!element || element.virtual) return null;
    return element.groups ? element.child({ type: "P" }) : element;
  }

  text(node: Node, element: StructureElement | null): void {
    if (node.text === "") return; // draws nothing (a spacer, a page break)
    const holder = this.holder(element);
    if (!holder) return;
    if (!Array.isArray(node.text)) node.text = [normalize(node.text)];
    const nodeLink = linkTarget(node);
    let last: { key: unknown; slot: ContentSlot } | undefined;
    const stamp = (runs: unknown[]) => {
      for (let i = 0; i < runs.length; i++) {
        let run = normalize(runs[i]) as Inline;
        if (Array.isArray(run.text)) {
          stamp(run.text);
          runs[i] = run;
          continue;
        }
        if (run._folioSlot) run = { ...run }; // the same run object in two places
        runs[i] = run;
        const target = linkTarget(run) ?? nodeLink;
        const key = run.tag ?? (target !== undefined ? `link:${target}` : undefined);
        if (!last || last.key !== key) {
          let into = holder;
          if (run.tag) into = holder.child(run.tag);
          else if (target !== undefined) into = holder.child({ type: "Link" });
          last = { key, slot: this.slot(into) };
        }
        const slot = last.slot;
        if (slot.element.type === "Link" && typeof run.text === "string") slot.element.linkText += run.text;
        run._folioSlot = slot;
      }
    };
    stamp(node.text as unknown[]);
    if (node.tocItem) {
      const ids = Array.isArray(node.tocItem) ? node.tocItem : [node.tocItem];
      for (const id of ids)
        this.tocEntries.push({ id: typeof id === "string" ? id : "_default_", heading: node });
    }
  }

  graphic(node: Node, element: StructureElement | null): void {
    if (!element || element.virtual) return;
    const slot = this.slot(element);
    if (node.tag?.text) node._folioLabel = { slot, text: node.tag.text } satisfies Label;
    else node._folioSlot = slot;
  }

  list(node: Node, element: StructureElement | null): void {
    const items = (node.ul ?? node.ol) as unknown[];
    if (element?.type !== "L") {
      this.children(items, element);
      return;
    }
    for (let i = 0; i < items.length; i++) {
      const item = normalize(items[i]);
      items[i] = item;
      if (item.tag?.type === "LI") {
        this.walk(item, element);
        continue;
      }
      const li = element.child({ type: "LI" });
      if (!item.ul && !item.ol)
        item._folioLbl = { slot: this.slot(li.child({ type: "Lbl" })), text: "•" } satisfies Label;
      this.walk(item, item.tag ? li : li.child({ type: "LBody" }));
    }
  }

  table(node: Node, element: StructureElement | null): void {
    const table = node.table as { body: unknown[][]; headerRows?: number };
    const isTable = element?.type === "Table" && node.tag?.type === "Table";
    for (let r = 0; r < table.body.length; r++) {
      const row = table.body[r] as unknown[];
      const tr = isTable && element ? element.child({ type: "TR" }) : element;
      for (let c = 0; c < row.length; c++) {
        if (row[c] === undefined) continue;
        const cell = normalize(row[c]);
        row[c] = cell;
        if (cell._span) continue;
        if (!isTable || !tr) {
          this.walk(cell, element);
          continue;
        }
        const header = r < (table.headerRows ?? 0);
        const tag: StructureTag = cell.tag ?? (header ? { type: "TH", scope: "Column" } : { type: "TD" });
        this.content(cell, tr.child(tag), tr);
      }
    }
  }

  toc(node: Node, parent: StructureElement | null): void {
    const toc = node.toc as { title?: unknown; id?: string };
    if (toc.title) {
      const title = normalize(toc.title);
      toc.title = title;
      this.walk(title, parent);
    }
    if (!parent || parent.virtual) return;
    this.tocs.set(toc.id ?? "_default_", parent.child(node.tag ?? { type: "TOC" }));
  }

  /** One TOCI per heading pdfmake will list, once every heading has been seen. */
  finishTocs(): void {
    for (const { id, heading } of this.tocEntries) {
      const toc = this.tocs.get(id);
      if (!toc) continue;
      const link = toc.child({ type: "TOCI" }).child({ type: "Reference" }).child({ type: "Link" });
      link.linkText = runText(heading.text);
      heading._folioTocSlot = this.slot(link);
    }
  }
}

function runText(text: unknown): string {
  if (typeof text === "string") return text;
  if (Array.isArray(text)) return text.map((run) => runText((run as Node)?.text ?? run)).join("");
  return "";
}

type Repeatable = (page: number, pages: number, size: unknown) => unknown;

/**
 * Builds the structure tree of a tagged definition (see above) and stamps its content. The
 * running header and footer functions are wrapped so that a tagged node they return (the fact
 * sheet's title band) is walked for the page it is laid out on; untagged, they stay Artifacts.
 */
export function prepareStructure(definition: Record<string, unknown>): void {
  const builder = new StructureBuilder();
  const root = documentElement();
  const header = root.child({ type: "Div" });
  header.virtual = true;
  // pdfmake would wrap an array (or cast a value) anew on every pass: the stamps need one root.
  const content = normalize(definition.content);
  definition.content = content;
  builder.walk(content, root);
  const footer = root.child({ type: "Div" });
  footer.virtual = true;
  builder.finishTocs();
  for (const [key, region] of [
    ["header", header],
    ["footer", footer],
  ] as const) {
    const repeatable = definition[key];
    if (typeof repeatable !== "function") continue;
    // Each page's element, kept in page order (pages come in order within a layout pass; a later
    // pass replaces the element of a page it lays out again).
    const pages = new Map<number, StructureElement>();
    let lastPage = 0;
    definition[key] = (page: number, count: number, size: unknown) => {
      const node = (repeatable as Repeatable)(page, count, size);
      if (node && typeof node === "object") {
        const perPage = new StructureElement("Div");
        perPage.virtual = true;
        const before = pages.get(page);
        pages.set(page, perPage);
        if (before) region.kids[region.kids.indexOf(before)] = perPage;
        else if (page > lastPage) region.kids.push(perPage);
        else {
          region.kids.length = 0;
          for (const n of [...pages.keys()].sort((a, b) => a - b))
            region.kids.push(pages.get(n) as StructureElement);
        }
        lastPage = Math.max(lastPage, page);
        builder.walk(normalize(node), perPage);
      }
      return node;
    };
  }
  const defaultStyle = (definition.defaultStyle ?? {}) as { font?: string; fontSize?: number };
  const plan: Plan = {
    root,
    slots: builder.slots,
    labelFont: defaultStyle.font ?? "Roboto",
    labelSize: defaultStyle.fontSize ?? 12,
  };
  Object.defineProperty(content, planKey, { value: plan, configurable: true });
}

// ---- pdfmake's drawing, for tagged documents -------------------------------------------------

interface PdfKitFont {
  ascender: number;
  lineHeight(size: number, includeGap?: boolean): number;
  font?: { hasGlyphForCodePoint?(cp: number): boolean };
}
interface PdfDoc extends TaggedPdfKitDocument {
  options: { tagged?: boolean };
  _pdfMakePages: unknown;
  _font: unknown;
  [planKey]?: Plan;
  outline: { addItem(text: string, options: object): unknown };
  addPage(options: object): void;
  opacity(value: number): void;
  fillColor(color: unknown): void;
  addNamedDestination(name: string, kind: "XYZ", x: number, y: number, zoom: null): void;
  resolveColor(color: unknown, fallback: unknown): unknown;
  fontSize(size: number): void;
  text(text: string, x: number, y: number, options: object): void;
  ref(data?: Record<string, unknown>): { data: Record<string, unknown>; end(): void };
  save(): void;
  restore(): void;
  link(x: number, y: number, w: number, h: number, url: unknown): void;
  goTo(x: number, y: number, w: number, h: number, name: unknown): void;
  clip(): void;
  provideFont(family: string, bold: boolean, italics: boolean): PdfKitFont;
}
interface Word {
  text: string;
  x: number;
  width: number;
  height: number;
  fontSize: number;
  font: PdfKitFont;
  color?: unknown;
  opacity?: number;
  characterSpacing?: number;
  link?: unknown;
  linkToDestination?: unknown;
  linkToPage?: number;
  fontFeatures?: unknown;
  alignment?: string;
  background?: unknown;
  decoration?: unknown;
  sup?: boolean;
  sub?: boolean;
  _pageNodeRef?: { positions?: Array<{ pageNumber: number }> };
  _folioSlot?: ContentSlot;
}
interface Line {
  x: number;
  y: number;
  id?: string;
  inlines: Word[];
  _outline?: { id?: string; parentId?: string; text: string; expanded: boolean };
  _pageNodeRef?: { positions?: Array<{ pageNumber: number }> };
  getHeight(): number;
  getAscenderHeight(): number;
}
interface PageItem {
  type: string;
  item: Record<string, unknown>;
  _folioArtifact?: ArtifactStamp;
}
interface Page {
  items: PageItem[];
  pageSize: { width: number; height: number };
  watermark?: unknown;
}
interface RendererInstance {
  pdfDocument: PdfDoc;
  progressCallback?: (progress: number) => void;
  outlineMap: Record<string, unknown>;
  renderPages(pages: Page[]): void;
  renderLine(line: Line, x: number, y: number): void;
  renderVector(vector: unknown): void;
  renderImage(image: unknown): void;
  renderSVG(svg: unknown): void;
  renderAttachment(attachment: unknown): void;
  beginClip(rect: unknown): void;
  endClip(): void;
  beginVerticalAlignment(item: unknown): void;
  endVerticalAlignment(item: unknown): void;
  renderWatermark(page: Page): void;
}

const TextDecorator = (
  require("pdfmake/js/TextDecorator.js") as {
    default: new (
      doc: unknown,
    ) => {
      drawBackground(l: Line, x: number, y: number): void;
      drawDecorations(l: Line, x: number, y: number): void;
    };
  }
).default;
const TextInlines = (
  require("pdfmake/js/TextInlines.js") as {
    default: new (doc: unknown) => { widthOfText(text: string, inline: Word): number };
  }
).default;

/** pdfmake's baseline shift of a superscript or subscript run (Renderer.js `offsetText`). */
function offsetText(y: number, inline: Word): number {
  if (inline.sup) return y - inline.fontSize * 0.75;
  if (inline.sub) return y + inline.fontSize * 0.35;
  return y;
}

/** A page number in the contents, filled in at drawing time (Renderer.js `preparePageNodeRefLine`). */
function fillPageNumber(ref: NonNullable<Word["_pageNodeRef"]>, inline: Word): void {
  if (ref.positions === undefined) throw new Error("Page reference id not found");
  inline.text = String(ref.positions[0]?.pageNumber);
  const width = new TextInlines(null).widthOfText(inline.text, inline);
  const diff = inline.width - width;
  inline.width = width;
  if (inline.alignment === "right") inline.x += diff;
  else if (inline.alignment === "center") inline.x += diff / 2;
}

/**
 * The link annotations of one line. pdfmake annotates every word of a link on its own; here the
 * consecutive words of one link on a line share one annotation covering them (the same area, a
 * single OBJR and description instead of one per word).
 */
class LineLinks {
  #run:
    | { slot: ContentSlot; target: string; word: Word; x0: number; x1: number; y0: number; y1: number }
    | undefined;
  constructor(
    readonly doc: PdfDoc,
    readonly writer: StructureWriter,
  ) {}

  add(word: Word, slot: ContentSlot, x: number, y: number): void {
    const target = linkTarget(word as unknown as Node);
    if (target === undefined) {
      this.flush();
      return;
    }
    // pdfkit's rectangle for a word: its rendered width by the face's line height at its size.
    const width = word.width + (word.characterSpacing ?? 0) * Math.max(0, word.text.length - 1);
    const height = word.font.lineHeight(word.fontSize, false);
    const run = this.#run;
    if (run && run.slot === slot && run.target === target) {
      run.x1 = Math.max(run.x1, x + width);
      run.y0 = Math.min(run.y0, y);
      run.y1 = Math.max(run.y1, y + height);
      return;
    }
    this.flush();
    this.#run = { slot, target, word, x0: x, x1: x + width, y0: y, y1: y + height };
  }

  flush(): void {
    const run = this.#run;
    if (!run) return;
    this.#run = undefined;
    const { doc, writer } = this;
    const [x, y, w, h] = [run.x0, run.y0, run.x1 - run.x0, run.y1 - run.y0];
    writer.linkSlot = run.slot;
    if (run.word.link) doc.link(x, y, w, h, run.word.link);
    else if (run.word.linkToDestination) doc.goTo(x, y, w, h, run.word.linkToDestination);
    else if (run.word.linkToPage) {
      doc.ref({ Type: "Action", S: "GoTo", D: [run.word.linkToPage, 0, 0] }).end();
      doc.annotate(x, y, w, h, { Subtype: "Link", Dest: [run.word.linkToPage - 1, "XYZ", null, null, null] });
    }
    writer.linkSlot = undefined;
  }
}

/** Draws one tagged document: pdfmake's Renderer loop with marked content around every item. */
class TaggedDrawing {
  readonly writer: StructureWriter;
  #labelFont: PdfKitFont | null | undefined;

  constructor(
    readonly renderer: RendererInstance,
    readonly plan: Plan,
  ) {
    for (const slot of plan.slots) slot.reset();
    this.writer = new StructureWriter(renderer.pdfDocument, plan.root);
  }

  get doc(): PdfDoc {
    return this.renderer.pdfDocument;
  }

  pages(pages: Page[]): void {
    const { renderer, doc, writer } = this;
    doc._pdfMakePages = pages;
    for (const page of pages) {
      writer.close();
      doc.addPage({ size: [page.pageSize.width, page.pageSize.height] });
      const labelled = new Set<unknown>();
      for (let i = 0; i < page.items.length; i++) {
        const entry = page.items[i] as PageItem;
        const stamp = entry._folioArtifact;
        const forced = stamp?.force === true;
        const item = entry.item;
        switch (entry.type) {
          case "line": {
            // A list bullet is drawn right after its item's first line: its Lbl text goes first.
            const next = page.items[i + 1];
            const label = next?.type === "vector" ? (next.item._folioLbl as Label | undefined) : undefined;
            if (label && !forced && !next?._folioArtifact?.force) {
              this.label(label, Number(next?.item.x) - Number(next?.item.r1 ?? 0), item as unknown as Line);
              labelled.add(next?.item);
            }
            this.line(item as unknown as Line, stamp);
            break;
          }
          case "vector": {
            const label = item._folioLbl as Label | undefined;
            if (label && !forced && !labelled.has(item))
              this.label(label, Number(item.x), undefined, Number(item.y));
            const slot = forced ? undefined : (item._folioSlot as ContentSlot | undefined);
            if (slot) writer.mark(slot);
            else writer.artifact(stamp?.kind);
            renderer.renderVector(item);
            break;
          }
          case "image":
          case "svg": {
            const label = item._folioLabel as Label | undefined;
            const slot = forced ? undefined : (item._folioSlot as ContentSlot | undefined);
            if (slot) writer.mark(slot);
            else writer.artifact(stamp?.kind);
            if (entry.type === "image") renderer.renderImage(item);
            else renderer.renderSVG(item);
            if (label && !forced) this.label(label, Number(item.x), undefined, Number(item.y));
            break;
          }
          case "attachment":
            writer.artifact(stamp?.kind);
            renderer.renderAttachment(item);
            break;
          case "beginClip": {
            writer.close();
            const rect = item as { x: number; y: number; width: number; height: number };
            doc.save();
            writer.artifact();
            doc.addContent(`${rect.x} ${rect.y} ${rect.width} ${rect.height} re`);
            doc.clip();
            writer.close();
            break;
          }
          case "endClip":
            writer.close();
            renderer.endClip();
            break;
          case "beginVerticalAlignment":
            writer.close();
            renderer.beginVerticalAlignment(item);
            break;
          case "endVerticalAlignment":
            writer.close();
            renderer.endVerticalAlignment(item);
            break;
        }
        renderer.progressCallback?.((i + 1) / page.items.length);
      }
      if (page.watermark) {
        writer.artifact();
        renderer.renderWatermark(page);
      }
    }
    writer.finish();
  }

  /** pdfmake's Renderer.renderLine, each run inside its slot's marked content (or an Artifact). */
  line(line: Line, stamp: ArtifactStamp | undefined): void {
    const { doc, writer, renderer } = this;
    const forced = stamp?.force === true;
    if (line._outline) {
      const map = renderer.outlineMap;
      const parent = (line._outline.parentId && map[line._outline.parentId]) || doc.outline;
      const outline = (parent as PdfDoc["outline"]).addItem(line._outline.text, {
        expanded: line._outline.expanded,
      });
      if (line._outline.id) map[line._outline.id] = outline;
    }
    if (line._pageNodeRef) fillPageNumber(line._pageNodeRef, line.inlines[0] as Word);
    const x = line.x || 0;
    const y = line.y || 0;
    const lineHeight = line.getHeight();
    const descent = lineHeight - line.getAscenderHeight();
    const decorator = new TextDecorator(doc);
    const links = new LineLinks(doc, writer);
    if (line.inlines.some((inline) => inline.background)) {
      writer.artifact(stamp?.kind);
      decorator.drawBackground(line, x, y);
    }
    // Words that share a marked-content sequence, an opacity and a colour are drawn in one text
    // object (pdfkit/text-objects.ts), which is ended before anything else is written.
    const words = new TextObjects(doc as unknown as TextObjectDocument);
    let mark: unknown;
    let paint: { opacity: number; color: unknown } | undefined;
    for (let i = 0; i < line.inlines.length; i++) {
      const inline = line.inlines[i] as Word;
      const shiftToBaseline = lineHeight - (inline.font.ascender / 1000) * inline.fontSize - descent;
      if (inline._pageNodeRef) fillPageNumber(inline._pageNodeRef, inline);
      const slot = forced ? undefined : inline._folioSlot;
      const wordMark = slot ?? `artifact ${stamp?.kind}`;
      if (wordMark !== mark) {
        words.end();
        if (slot) writer.mark(slot);
        else writer.artifact(stamp?.kind);
        mark = wordMark;
      }
      const opacity = typeof inline.opacity === "number" ? inline.opacity : 1;
      // A colour given as a string is the same paint by value; any other (an array, a pattern) by identity.
      const color = doc.resolveColor(inline.color, "black");
      if (!paint || paint.opacity !== opacity || paint.color !== color) {
        words.end();
        doc.opacity(opacity);
        doc.fillColor(color);
        paint = { opacity, color };
      }
      doc._font = inline.font;
      doc.fontSize(inline.fontSize);
      const wordX = x + inline.x;
      const shiftedY = offsetText(y + shiftToBaseline, inline);
      const drawn = words.draw(
        inline.text,
        wordX,
        shiftedY,
        inline.font as unknown as DrawingFont,
        inline.fontSize,
        inline.characterSpacing || 0,
        inline.fontFeatures,
      );
      if (drawn && line.id && i === 0) doc.addNamedDestination(line.id, "XYZ", wordX, shiftedY, null);
      // Links drawn as an Artifact (a repeated header row) keep no annotation: the tagged copy has it.
      if (slot) links.add(inline, slot, wordX, shiftedY);
    }
    words.end();
    links.flush();
    if (line.inlines.some((inline) => inline.decoration)) {
      writer.artifact(stamp?.kind);
      decorator.drawDecorations(line, x, y);
    }
  }

  /**
   * A label whose visible form is a graphic (a bullet, a checkbox): its text, drawn in text
   * rendering mode 3 (invisible) where the graphic is, is the Lbl's content; the graphic is an Artifact.
   */
  label(label: Label, x: number, line?: Line, top?: number): void {
    const font = this.labelFont();
    const text = [...label.text].every((ch) => font?.font?.hasGlyphForCodePoint?.(ch.codePointAt(0) ?? 0))
      ? label.text
      : undefined;
    if (!font || !text) return;
    const first = line?.inlines[0];
    const size = first?.fontSize ?? this.plan.labelSize;
    const y = line ? line.y + line.getAscenderHeight() - (font.ascender / 1000) * size : (top ?? 0);
    const { doc, writer } = this;
    writer.mark(label.slot);
    doc.save();
    doc.addContent("3 Tr");
    doc._font = font;
    doc.fontSize(size);
    doc.text(text, x, y, { lineBreak: false });
    doc.restore();
  }

  labelFont(): PdfKitFont | null {
    if (this.#labelFont === undefined) {
      try {
        this.#labelFont = this.doc.provideFont(this.plan.labelFont, false, false);
      } catch {
        this.#labelFont = null;
      }
    }
    return this.#labelFont;
  }
}

interface ElementWriterPrototype {
  addFragment(
    this: unknown,
    block: { insertedOnPages?: unknown; items: unknown[] },
    ...rest: unknown[]
  ): unknown;
}
interface LayoutBuilderPrototype {
  layoutDocument(
    this: unknown,
    docStructure: Record<string, unknown>,
    pdfDocument: PdfDoc,
    ...rest: unknown[]
  ): unknown;
  addDynamicRepeatable(
    this: { writer: { context(): { pages: Page[] } } },
    ...args: [unknown, unknown, string]
  ): void;
  addBackground(this: { writer: { context(): { getCurrentPage(): Page } } }, background: unknown): void;
}
interface DocMeasurePrototype {
  measureToc(this: unknown, node: { toc: TocNode }): unknown;
  buildUnorderedMarker(this: unknown, item: Node, ...rest: unknown[]): { canvas?: Node[] };
  buildOrderedMarker(this: unknown, item: Node, ...rest: unknown[]): { _inlines?: Inline[] };
}
interface TocNode {
  _items: Array<{ _textNodeRef: Node }>;
  _table?: { table: { body: Array<Array<{ _inlines?: Inline[] }>> } };
}
interface PrinterPrototype {
  createPdfKitDocument(
    this: unknown,
    definition: Record<string, unknown>,
    options?: object,
  ): Promise<unknown>;
}

/** Items added to a page by `run`, each stamped as an Artifact of `kind`. */
function stampNewItems(pages: Page[], run: () => void, stamp: ArtifactStamp): void {
  const before = pages.map((page) => new Set(page.items));
  run();
  pages.forEach((page, i) => {
    const old = before[i];
    for (const entry of page.items) if (!old?.has(entry)) entry._folioArtifact = stamp;
  });
}

/**
 * Installs tagged drawing into pdfmake (once per process): the definition is walked for structure
 * when it asks for `tagged: true`; repeated table header rows, running header, footer and
 * background are stamped as Artifacts; the drawing loop writes marked content and the structure
 * tree. A definition without `tagged` is laid out and drawn exactly as before.
 */
export function installTagging(): void {
  const Printer = (require("pdfmake/js/Printer.js") as { default: { prototype: PrinterPrototype } }).default;
  const proto = Printer.prototype as PrinterPrototype & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  escapeXmpValues();

  const createPdfKitDocument = proto.createPdfKitDocument;
  proto.createPdfKitDocument = function (definition, options) {
    if (definition.tagged === true && !(definition.content as Record<string, unknown> | undefined)?.[planKey])
      prepareStructure(definition);
    return createPdfKitDocument.call(this, definition, options);
  };

  const builder = (
    require("pdfmake/js/LayoutBuilder.js") as { default: { prototype: LayoutBuilderPrototype } }
  ).default.prototype;
  const layoutDocument = builder.layoutDocument;
  builder.layoutDocument = function (docStructure, pdfDocument, ...rest) {
    const plan = docStructure?.[planKey] as Plan | undefined;
    if (plan) pdfDocument[planKey] = plan;
    return layoutDocument.call(this, docStructure, pdfDocument, ...rest);
  };
  const addDynamicRepeatable = builder.addDynamicRepeatable;
  builder.addDynamicRepeatable = function (...args) {
    if (!args[0]) return addDynamicRepeatable.apply(this, args); // no header (a layout window)
    const kind: ArtifactKind = args[2] === "header" ? "Header" : "Footer";
    stampNewItems(this.writer.context().pages, () => addDynamicRepeatable.apply(this, args), {
      kind,
      force: false,
    });
  };
  const addBackground = builder.addBackground;
  builder.addBackground = function (background) {
    const page = this.writer.context().getCurrentPage();
    stampNewItems([page], () => addBackground.call(this, background), { kind: "Background", force: false });
  };

  const elementWriter = (
    require("pdfmake/js/ElementWriter.js") as { default: { prototype: ElementWriterPrototype } }
  ).default.prototype;
  const addFragment = elementWriter.addFragment;
  elementWriter.addFragment = function (block, ...rest) {
    // Only a table's repeated header rows carry `insertedOnPages` (PageElementWriter.repeatables).
    if (!block.insertedOnPages) return addFragment.call(this, block, ...rest);
    const page = (this as { context(): { getCurrentPage(): Page | null } }).context().getCurrentPage();
    let result: unknown;
    stampNewItems(page ? [page] : [], () => (result = addFragment.call(this, block, ...rest)), {
      kind: "Pagination",
      force: true,
    });
    return result;
  };

  const measure = (require("pdfmake/js/DocMeasure.js") as { default: { prototype: DocMeasurePrototype } })
    .default.prototype;
  const measureToc = measure.measureToc;
  measure.measureToc = function (node) {
    const result = measureToc.call(this, node);
    const body = node.toc._table?.table.body ?? [];
    node.toc._items.forEach((item, i) => {
      const slot = item._textNodeRef._folioTocSlot as ContentSlot | undefined;
      if (!slot) return;
      for (const cell of body[i] ?? []) for (const word of cell._inlines ?? []) word._folioSlot = slot;
    });
    return result;
  };
  const buildUnorderedMarker = measure.buildUnorderedMarker;
  measure.buildUnorderedMarker = function (item, ...rest) {
    const marker = buildUnorderedMarker.call(this, item, ...rest);
    const vector = marker.canvas?.[0];
    if (vector && item._folioLbl) vector._folioLbl = item._folioLbl;
    return marker;
  };
  const buildOrderedMarker = measure.buildOrderedMarker;
  measure.buildOrderedMarker = function (item, ...rest) {
    const marker = buildOrderedMarker.call(this, item, ...rest);
    const label = item._folioLbl as Label | undefined;
    if (label) for (const word of marker._inlines ?? []) word._folioSlot = label.slot;
    return marker;
  };

  const Renderer = (require("pdfmake/js/Renderer.js") as { default: { prototype: RendererInstance } })
    .default;
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function (this: RendererInstance, pages: Page[]) {
    const doc = this.pdfDocument;
    if (!doc.options.tagged) return renderPages.call(this, pages);
    const plan = doc[planKey] ?? { root: documentElement(), slots: [], labelFont: "Roboto", labelSize: 12 };
    new TaggedDrawing(this, plan).pages(pages);
  };
}
