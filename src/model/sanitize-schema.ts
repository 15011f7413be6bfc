import { defaultSchema, type Schema } from "hast-util-sanitize";

/**
 * GitHub's sanitising rules (no script, no event handler, no `javascript:` or `data:` URL, no
 * iframe or style), widened only for the markup Folio itself generates: classes, roles, ARIA
 * attributes and unprefixed ids so the contents, footnotes and anchors keep working.
 */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: "",
  clobber: [],
  // Removed with their content: a stylesheet's text is not prose, and could hide prose.
  strip: ["script", "style", "template", "noscript", "iframe", "object", "embed"],
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    "header",
    "footer",
    "nav",
    "aside",
    "section",
    "figure",
    "figcaption",
    // A table's caption (pandoc's `Table: …`), numbered by the model.
    "caption",
    // An abbreviation keeps its expansion (`title`, which GitHub's rules allow on every element).
    "abbr",
    // CriticMarkup's highlight (src/model/critic-markup.ts).
    "mark",
    // Underlined text (`<u>` in the source: src/model/inline-html-formatting.ts), which the PDF and
    // the Word brief underline too; an element with no attributes of its own.
    "u",
  ],
  attributes: {
    ...defaultSchema.attributes,
    "*": [
      ...(defaultSchema.attributes?.["*"] ?? []),
      "className",
      "role",
      "ariaLabel",
      "ariaLabelledBy",
      "ariaHidden",
      "ariaDescribedBy",
      "dataFootnoteRef",
      "dataFootnoteBackref",
      "dataFootnotes",
    ],
  },
};
