import { acceptedContent } from "../../model/critic-markup.ts";
import { dispatchDirective } from "../../model/directives.ts";
import type { HandlerTable } from "../handlers.ts";
import { unresolvedCite } from "../unresolved-cite.ts";
import { abbr } from "./abbr.ts";
import { bibEntry, bibliography } from "./bibliography.ts";
import { blockquote, code, heading, list, listItem, paragraphNode, thematicBreak } from "./blocks.ts";
import { crossReference } from "./captions.ts";
import { type DocxContext, type Piece, renderBlocks, renderInlines } from "./context.ts";
import { docxDirectives } from "./directives.ts";
import { image } from "./images.ts";
import {
  emphasis,
  footnoteReference,
  highlight,
  html,
  inlineCode,
  lineBreak,
  link,
  strikethrough,
  strong,
  subscript,
  superscript,
  text,
  textRun,
  underline,
} from "./inlines.ts";
import { table, tableCell, tableRow } from "./tables.ts";

/** Nodes that carry nothing to show in Word, listed by name so nothing is dropped implicitly. */
const ignore = (): Piece[] => [];

/**
 * The DOCX writer: one handler per mdast node type. `satisfies` makes a node type without a handler
 * a compile error; `dispatch` makes one from outside the types a build error.
 */
export const docxHandlers = {
  root: (node, context) => renderBlocks(node.children, context),
  paragraph: paragraphNode,
  heading,
  thematicBreak,
  blockquote,
  list,
  listItem,
  code,
  html,
  abbr,
  cite: (node, context) => unresolvedCite(node, context.state.file, "DOCX"),
  crossReference,
  bibliography,
  bibEntry: (node, context) => bibEntry(node, context),
  critic: (node, context) => renderInlines(acceptedContent(node), context),
  table,
  tableRow,
  tableCell,
  text,
  emphasis,
  strong,
  delete: strikethrough,
  superscript,
  subscript,
  underline,
  highlight,
  inlineCode,
  break: lineBreak,
  link,
  image,
  // References are resolved to links and images by the loader; these keep their content if one slips through.
  linkReference: (node, context) => renderInlines(node.children, context),
  imageReference: (node, context) => (node.alt ? [textRun(node.alt, context)] : []),
  footnoteReference,
  // Footnote bodies are written to footnotes.xml from `model.footnotes`, not where they are defined.
  footnoteDefinition: ignore,
  definition: ignore,
  yaml: ignore,
  containerDirective: (node, context) => dispatchDirective(docxDirectives, node, context),
  leafDirective: (node, context) => dispatchDirective(docxDirectives, node, context),
  textDirective: (node, context) => dispatchDirective(docxDirectives, node, context),
} satisfies HandlerTable<DocxContext, Piece[]>;
