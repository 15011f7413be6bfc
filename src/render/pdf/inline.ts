import type { Link, Nodes, PhrasingContent } from "mdast";
import type { Abbr } from "../../model/abbreviations-html.ts";
import { acceptedContent } from "../../model/critic-markup.ts";
import { rawHtmlText } from "../../model/plain-text.ts";
import { decodeOrAsTyped } from "../../model/url-decode.ts";
import { standInFor, warnMissing } from "../glyphs.ts";
import { dispatch, type HandlerTable } from "../handlers.ts";
import { unresolvedCite } from "../unresolved-cite.ts";
import { nested, type PdfContext, type PdfInline } from "./context.ts";

/** A run's own settings, without its text. */
type RunStyle = Omit<PdfInline, "text">;

/**
 * Text set in the embedded faces: split where a character needs a fallback face, and every
 * character that no face can draw reported once (a silent gap in print is worse than a warning).
 */
export function textRuns(value: string, ctx: PdfContext, node?: Nodes): PdfInline[] {
  return ctx.fonts.runs(ctx.role, value).flatMap((run) => {
    for (const ch of run.missing ?? []) {
      if (ctx.collected.missingGlyphs.has(ch)) continue;
      ctx.collected.missingGlyphs.add(ch);
      const standIn = standInFor(ch);
      warnMissing(
        ctx.file,
        [{ ch, place: node?.position }],
        standIn ? `the PDF prints “${standIn}” in its place` : "it prints as a blank in the PDF",
      );
    }
    const font = run.font ? { font: run.font } : {};
    if (!run.missing) return [{ text: run.text, ...font }];
    // PDF/UA: no .notdef glyph is drawn. A character no face has prints as a no-break space of
    // the run's face, tagged with the character it stands for (a Span with ActualText).
    const missing = new Set(run.missing);
    const pieces: PdfInline[] = [];
    let text = "";
    for (const ch of run.text) {
      if (!missing.has(ch)) {
        text += ch;
        continue;
      }
      if (text) pieces.push({ text, ...font });
      text = "";
      pieces.push({ text: standInFor(ch) ?? "\u00a0", ...font, tag: { type: "Span", actualText: ch } });
    }
    if (text) pieces.push({ text, ...font });
    return pieces;
  });
}

/** Renders phrasing content to pdfmake inlines (the entry point for paragraphs, headings and cells). */
export function inlinesToPdf(nodes: readonly Nodes[], ctx: PdfContext): PdfInline[] {
  return nodes.flatMap((node) => dispatch(inlineHandlers, node, ctx, ctx.file, "PDF"));
}

/**
 * Applies a style to every run of the children. pdfmake does not pass styles down to nested
 * inlines, so runs stay flat and each carries all of its formatting (the run's own settings win).
 */
const wrap = (node: { children: PhrasingContent[] }, ctx: PdfContext, style: RunStyle): PdfInline[] =>
  inlinesToPdf(node.children, ctx).map((run) => ({ ...style, ...run }));

/** Internal `#id` links jump inside the PDF when the id exists; others open as URLs. */
function linkTarget(url: string, ctx: PdfContext): Pick<RunStyle, "link" | "linkToDestination"> {
  if (url.startsWith("#")) {
    const id = decodeOrAsTyped(url.slice(1));
    return ctx.anchors.has(id) ? { linkToDestination: ctx.idPrefix + id } : {};
  }
  // As in the HTML edition: a javascript:, data: or other unknown scheme loses its link, keeps its text.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec([...url].filter((c) => c > " ").join(""))?.[1];
  if (scheme && !safeSchemes.has(scheme.toLowerCase())) return {};
  return url ? { link: url } : {};
}

/** Schemes a link in the PDF may open (the HTML edition's sanitiser allows the same). */
const safeSchemes = new Set(["http", "https", "mailto", "tel", "ftp"]);

/** An image inside text: pdfmake cannot set images in a line, so its alt text stands in. */
function imageAlt(alt: string | null | undefined, ctx: PdfContext, node: Nodes): PdfInline[] {
  return textRuns(alt ?? "", ctx, node).map((run) => ({ ...run, italics: true }));
}

/** A block node met where only phrasing content may be: a bug upstream, never a silent blank. */
function notInline(node: Nodes, ctx: PdfContext): never {
  return ctx.file.fail(`A \`${node.type}\` node cannot appear inside a line of text`, {
    place: node.position,
    ruleId: "unknown-node",
    source: "folio",
  });
}

/** A link's runs: linked, coloured and underlined when its target can be reached. */
function linkRuns(node: Link, ctx: PdfContext): PdfInline[] {
  const target = linkTarget(node.url, ctx);
  if (!("link" in target) && !("linkToDestination" in target)) return inlinesToPdf(node.children, ctx);
  return inlinesToPdf(node.children, ctx).map((run) => ({
    ...run,
    ...target,
    color: ctx.theme.colors.link,
    decoration: run.decoration ?? "underline",
  }));
}

/** One handler per mdast node type in phrasing position. */
export const inlineHandlers = {
  text: (node, ctx) => textRuns(node.value.replace(/[ \t]*\r?\n[ \t]*/g, " "), ctx, node),
  emphasis: (node, ctx) => wrap(node, ctx, { italics: true }),
  strong: (node, ctx) => wrap(node, ctx, { bold: true }),
  delete: (node, ctx) => wrap(node, ctx, { decoration: "lineThrough" }),
  superscript: (node, ctx) => wrap(node, ctx, { sup: true }),
  subscript: (node, ctx) => wrap(node, ctx, { sub: true }),
  underline: (node, ctx) => wrap(node, ctx, { decoration: "underline" }),
  highlight: (node, ctx) => wrap(node, ctx, { background: ctx.theme.colors.highlight }),
  inlineCode: (node, ctx) =>
    textRuns(node.value.replace(/\n/g, " "), nested(ctx, { role: "mono" }), node).map((run) => ({
      font: "mono",
      ...run,
      fontSize: ctx.theme.sizes.code,
      background: ctx.theme.colors.codeBackground,
    })),
  break: () => [{ text: "\n" }],
  link: (node, ctx) => linkRuns(node, ctx),
  linkReference: (node, ctx) => inlinesToPdf(node.children, ctx),
  image: (node, ctx) => imageAlt(node.alt, ctx, node),
  imageReference: (node, ctx) => imageAlt(node.alt, ctx, node),
  footnoteReference: (node, ctx) => {
    const note = ctx.footnotes.get(node.identifier);
    if (!note) return textRuns(`[^${node.label ?? node.identifier}]`, ctx, node);
    return [
      {
        text: String(note.number),
        sup: true,
        fontSize: ctx.theme.sizes.small,
        color: ctx.theme.colors.link,
        linkToDestination: footnoteId(note.number, ctx),
      },
    ];
  },
  html: (node, ctx) => textRuns(rawHtmlText(node.value), ctx, node),
  abbr: (node, ctx) => abbreviation(node, ctx),
  cite: (node, ctx) => unresolvedCite(node, ctx.file, "PDF"),
  // A cross-reference: the model's text, linked to its figure, table or heading (a Link element).
  crossReference: (node, ctx): PdfInline[] =>
    linkRuns({ type: "link", url: `#${node.id}`, children: [{ type: "text", value: node.text }] }, ctx),
  critic: (node, ctx) => inlinesToPdf(acceptedContent(node), ctx),
  textDirective: (node, ctx) => inlinesToPdf(node.children, ctx),
  root: notInline,
  paragraph: notInline,
  heading: notInline,
  thematicBreak: notInline,
  blockquote: notInline,
  list: notInline,
  listItem: notInline,
  code: notInline,
  definition: () => [],
  footnoteDefinition: notInline,
  table: notInline,
  tableRow: notInline,
  tableCell: notInline,
  yaml: () => [],
  containerDirective: notInline,
  leafDirective: notInline,
  bibliography: notInline,
  bibEntry: notInline,
} satisfies HandlerTable<PdfContext, PdfInline[]>;

/**
 * An abbreviation: its runs in one Span whose /E is the expansion, which a screen reader speaks in
 * place of the letters. A run already in an element of its own (a link, a stand-in glyph) keeps it.
 */
function abbreviation(node: Abbr, ctx: PdfContext): PdfInline[] {
  const runs = inlinesToPdf(node.children, ctx);
  if (!node.expansion) return runs;
  const tag = { type: "Span" as const, expansion: node.expansion };
  const tagged = runs.map((run) => (run.tag || run.link || run.linkToDestination ? run : { ...run, tag }));
  // Spelled out in the text (the theme's switch): the expansion follows, as plain text of the line.
  return node.inText
    ? [...tagged, ...inlinesToPdf([{ type: "text", value: ` (${node.expansion})` }], ctx)]
    : tagged;
}

/** Destination id of a footnote: a colon never occurs in a heading slug, so the two cannot clash. */
export function footnoteId(number: number, ctx: PdfContext): string {
  return `${ctx.idPrefix}fn:${number}`;
}
