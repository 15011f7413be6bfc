import type { Heading, Nodes, Paragraph, PhrasingContent } from "mdast";
import type { StructureType } from "../../engine/pdfkit/structure.ts";
import { dispatchDirective } from "../../model/directives.ts";
import { rawHtmlText } from "../../model/plain-text.ts";
import { dispatch, type HandlerTable } from "../handlers.ts";
import { bibEntryToPdf, bibliographyToPdf } from "./bibliography.ts";
import { box, rule } from "./boxes.ts";
import type { PdfText } from "./content-types.ts";
import { nested, type PdfBlock, type PdfContext } from "./context.ts";
import { pdfDirectives } from "./directives.ts";
import { figure } from "./figures.ts";
import { inlinesToPdf, textRuns } from "./inline.ts";
import { listToPdf } from "./lists.ts";
import { tableToPdf } from "./tables.ts";

/** Marks a body paragraph for widow/orphan control (pdfmake passes `style` to `pageBreakBefore`). */
export const bodyParagraphStyle = "bodyParagraph";

/** Renders block content to pdfmake nodes: the entry point for the body, the shared parts and a fact sheet. */
export function blocksToPdf(nodes: readonly Nodes[], ctx: PdfContext): PdfBlock[] {
  return nodes.flatMap((node) => dispatch(blockHandlers, node, ctx, ctx.file, "PDF"));
}

/** Space after a paragraph-like block in this context. */
function after(ctx: PdfContext): number {
  return ctx.tight ? 2 : ctx.theme.spacing.paragraphAfter;
}

/** A paragraph; images in it become figures of their own, since pdfmake cannot set them in a line. */
function paragraph(node: Paragraph, ctx: PdfContext): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    const inlines = inlinesToPdf(run, ctx);
    run = [];
    if (!inlines.some(hasText)) return;
    blocks.push({
      text: inlines,
      tag: { type: "P" },
      margin: [0, 0, 0, after(ctx)],
      // Lines kept together at a page break (src/engine/pdfmake/keep-lines.ts).
      ...ctx.theme.pagination,
      ...(ctx.topLevel ? { style: bodyParagraphStyle } : {}),
    });
  };
  // A figure is the model's decision (src/model/apparatus/figures.ts); any other local image still
  // leaves the line (pdfmake cannot set a picture in one), without a caption.
  const decided = node.data?.figure;
  if (decided) return figure(decided.image, ctx, decided);
  for (const child of node.children) {
    if (child.type === "image" && ctx.images.has(child.url)) {
      flush();
      blocks.push(...figure(child, ctx));
    } else run.push(child);
  }
  flush();
  return blocks;
}

function hasText(inline: { text: string }): boolean {
  return inline.text !== "";
}

/** A heading: a PDF destination (for links, the outline and the contents) kept with what follows. */
function heading(node: Heading, ctx: PdfContext): PdfBlock[] {
  const runs = inlinesToPdf(node.children, nested(ctx, { role: "heading" }));
  // A heading with no visible text (`##` alone, a comment) still needs a line: the contents and
  // the outline point at its position, and pdfmake fails on a reference with none.
  const visible = runs.some((run) => (typeof run === "string" ? run : run.text) !== "");
  const text = visible ? runs : "\u00a0";
  if (ctx.inTitleBlock && node.depth === 1)
    return [{ text, style: "title", tag: { type: "H1" }, margin: [0, 0, 0, 10] }];
  const id = node.data?.id ? ctx.idPrefix + node.data.id : undefined;
  if (id) ctx.collected.placedIds.add(id);
  const { headingBefore, headingAfter } = ctx.theme.spacing;
  const before = node.depth <= 2 ? headingBefore : headingBefore * 0.75;
  const block: PdfText = {
    text,
    style: `h${node.depth}`,
    tag: { type: headingType(1 + (ctx.structureLevels.get(node.data?.id ?? "") ?? 1)) },
    headlineLevel: node.depth,
    margin: [0, before, 0, headingAfter],
    ...(id ? { id } : {}),
    ...(id && ctx.tocLevels.has(id)
      ? {
          tocItem: true,
          tocMargin: [
            ((ctx.tocLevels.get(id) as number) - 1) * ctx.theme.layout.contentsLevelIndent,
            0,
            0,
            2,
          ],
        }
      : {}),
  };
  // A book's part or chapter: it starts a page, and the running header follows it.
  const start = node.data?.id ? ctx.pageStarts?.byId.get(node.data.id) : undefined;
  if (start) {
    if (start.pageBreak) block.pageBreak = start.pageBreak;
    ctx.collected.startBlocks.push({ start: start.start, block });
  }
  return [block];
}

/** The tag of a heading one level under `level`'s section (H1 is the cover's title): H2 … H6, deeper ones H6. */
function headingType(level: number): StructureType {
  return headingTypes[Math.min(level, headingTypes.length) - 1] ?? "H6";
}
const headingTypes = ["H1", "H2", "H3", "H4", "H5", "H6"] as const;

function code(value: string, ctx: PdfContext, node: Nodes): PdfBlock[] {
  // Tabs to spaces: the mono face has no tab glyph and pdfmake no tab stops.
  const text = value.replace(/\t/g, "    ") || " ";
  return [
    {
      ...box(
        [
          {
            text: textRuns(text, nested(ctx, { role: "mono" }), node),
            style: "code",
            tag: { type: "Code" },
            preserveLeadingSpaces: true,
          },
        ],
        {
          fill: ctx.theme.colors.codeBackground,
          padding: 6,
          paddingLeft: 8,
        },
      ),
      margin: [0, 0, 0, after(ctx) + 2],
    },
  ];
}

/** The layout directives, by name. */
const directives = pdfDirectives(blocksToPdf);

/** One handler per mdast node type in block position. */
export const blockHandlers = {
  root: (node, ctx) => blocksToPdf(node.children, ctx),
  paragraph,
  heading,
  thematicBreak: (_node, ctx) => [{ ...rule(ctx.theme, ctx.theme.spacing.paragraphAfter), artifact: true }],
  blockquote: (node, ctx) => {
    const inner = nested(ctx, { width: ctx.width - 14, tight: false });
    return [
      {
        ...box(blocksToPdf(node.children, inner), {
          rule: ctx.theme.colors.rule,
          padding: 0,
          paddingLeft: 12,
        }),
        color: ctx.theme.colors.muted,
        tag: { type: "BlockQuote" },
        margin: [0, 0, 0, after(ctx)],
      },
    ];
  },
  list: (node, ctx) => listToPdf(node, ctx, blocksToPdf),
  listItem: (node, ctx) => blocksToPdf(node.children, nested(ctx, {})),
  code: (node, ctx) => code(node.value, ctx, node),
  html: (node, ctx) => {
    const text = rawHtmlText(node.value).trim();
    return text
      ? [{ text: textRuns(text, ctx, node), tag: { type: "P" }, margin: [0, 0, 0, after(ctx)] }]
      : [];
  },
  table: (node, ctx) => tableToPdf(node, ctx),
  tableRow: (node, ctx) => blocksToPdf(node.children, ctx),
  tableCell: (node, ctx) => [{ text: inlinesToPdf(node.children, ctx) }],
  // Listed by name so nothing is dropped implicitly: definitions were resolved at load, notes are
  // printed at the end of the document, front matter became metadata.
  definition: () => [],
  footnoteDefinition: () => [],
  yaml: () => [],
  containerDirective: (node, ctx) => dispatchDirective(directives, node, ctx),
  leafDirective: (node, ctx) => dispatchDirective(directives, node, ctx),
  // Phrasing content directly in a block container (a directive label, a stray inline): a paragraph.
  text: (node, ctx) => asParagraph(node, ctx),
  emphasis: (node, ctx) => asParagraph(node, ctx),
  strong: (node, ctx) => asParagraph(node, ctx),
  delete: (node, ctx) => asParagraph(node, ctx),
  inlineCode: (node, ctx) => asParagraph(node, ctx),
  break: () => [],
  link: (node, ctx) => asParagraph(node, ctx),
  linkReference: (node, ctx) => asParagraph(node, ctx),
  image: (node, ctx) => (ctx.images.has(node.url) ? figure(node, ctx) : asParagraph(node, ctx)),
  imageReference: (node, ctx) => asParagraph(node, ctx),
  footnoteReference: (node, ctx) => asParagraph(node, ctx),
  textDirective: (node, ctx) => asParagraph(node, ctx),
  abbr: (node, ctx) => asParagraph(node, ctx),
  superscript: (node, ctx) => asParagraph(node, ctx),
  subscript: (node, ctx) => asParagraph(node, ctx),
  underline: (node, ctx) => asParagraph(node, ctx),
  highlight: (node, ctx) => asParagraph(node, ctx),
  cite: (node, ctx) => asParagraph(node, ctx),
  crossReference: (node, ctx) => asParagraph(node, ctx),
  bibliography: (node, ctx) => bibliographyToPdf(node, ctx),
  bibEntry: (node, ctx) => bibEntryToPdf(node, ctx),
  critic: (node, ctx) => asParagraph(node, ctx),
} satisfies HandlerTable<PdfContext, PdfBlock[]>;

function asParagraph(node: PhrasingContent, ctx: PdfContext): PdfBlock[] {
  return paragraph({ type: "paragraph", children: [node] }, ctx);
}
