import type { Nodes, Root } from "mdast";
import type { VFile } from "vfile";
import { placeAfter } from "./source-place.ts";
import { SKIP, visit } from "./visit.ts";

/** A link or image whose address has a space: `[text](my plan.pdf)`, which Markdown leaves as text. */
const spacedAddress = /(!?)\[([^[\]\n]*)\]\(([^()\s<>]+(?:[ \t]+[^()\s<>"']+)+)\)/g;

/** A link with a space between its text and its address: `[the plan] (https://…)`, text to Markdown. */
const spacedLink =
  /(!?)\[([^[\]\n]+)\][ \t]+\(((?:https?:\/\/|mailto:|www\.|#|\.{0,2}\/)[^()\s]*|[^()\s/]+\.(?:pdf|html?|md|docx?|xlsx?|csv|png|jpe?g|gif|svg|webp))\)/g;

/** A link or image whose title's quote is not closed: `[the plan](plan.pdf "The plan)`, text to Markdown. */
const unclosedTitle = /(!?)\[([^[\]\n]*)\]\(\s*(<[^<>\n]*>|[^\s()<>]+)[ \t]+(["'])((?:(?!\4)[^\n])*)\)/g;

/**
 * An address in angle brackets without its scheme: `<www.example.org>`. Angle brackets make an
 * autolink only round an address with its scheme, so the address is linked (as any `www.` is) and
 * the brackets printed around it.
 */
const bracketedAddress = /<(www\.[^\s<>]+)>/g;

/** A paragraph that starts as a heading would, but with no space after its `#`s: `##Findings`. */
const unspacedHeading = /^(#{2,6})(?=[^\s#\d])/;

/**
 * Warns at Markdown a hurried editor typed that Markdown reads as plain text, so every format prints
 * it as typed: a link or image whose address has a space, or with a space before its `(` (an image
 * is then not shown at all), a link whose title's quote is not closed, an address in angle brackets
 * without its scheme, and a heading with no space after its `#`s. Read in each block's source
 * (an address in the text may have become a link of its own: `[the plan] (https://…)`), leaving out
 * code spans, raw HTML and escaped brackets.
 */
export function checkTypedAsText(tree: Root, file: VFile, source: string): void {
  visit(tree, (node) => {
    if (node.type === "code" || node.type === "html") return SKIP;
    if (node.type !== "paragraph" && node.type !== "heading" && node.type !== "tableCell") return undefined;
    const start = node.position?.start;
    const end = node.position?.end.offset;
    if (start?.offset === undefined || end === undefined) return SKIP;
    if (node.type === "paragraph" && node.children[0]?.type === "text") {
      const hashes = unspacedHeading.exec(source.slice(start.offset, start.offset + 7))?.[1];
      if (hashes)
        file.message(
          `\`${source.slice(start.offset).split("\n")[0]?.slice(0, 40)}\` is printed as typed, not as a heading: put a space after the \`${hashes}\``,
          {
            place: { line: start.line, column: start.column },
            ruleId: "heading-without-space",
            source: "folio",
          },
        );
    }
    const blockStart = start.offset;
    const text = source.slice(blockStart, end);
    // Every pattern starts at a `[` or at `<www.`: a block with neither (most of a data table's cells) has none.
    if (!text.includes("[") && !text.includes("<www.")) return SKIP;
    const literal = rangesOf(node, "inlineCode", "html");
    // Whether text at an offset of the block was typed as it stands: not escaped, not in code or HTML.
    const asTyped = (at: number, length: number) => {
      const offset = blockStart + at;
      return (
        source[offset - 1] !== "\\" && !literal.some(([from, to]) => offset < to && offset + length > from)
      );
    };
    for (const match of text.matchAll(bracketedAddress)) {
      if (!asTyped(match.index, match[0].length)) continue;
      file.message(
        `\`${match[0]}\` is printed with its angle brackets: they make a link only round an address with its scheme (write \`<https://${match[1]}>\`)`,
        {
          place: placeAfter(source, start, blockStart + match.index),
          ruleId: "bracketed-address",
          source: "folio",
        },
      );
    }
    const report = (at: number, typed: string, bang: string, why: string, fixed: string) => {
      const offset = blockStart + at;
      if (!asTyped(at, typed.length)) return;
      file.message(
        `\`${typed}\` is printed as typed, not as ${bang ? "an image: it is not shown" : "a link"}, because ${why}: write ${fixed}`,
        {
          place: placeAfter(source, start, offset),
          ruleId: bang ? "image-as-text" : "link-as-text",
          source: "folio",
        },
      );
    };
    for (const match of text.matchAll(spacedLink)) {
      const [typed, bang] = match as unknown as [string, string];
      report(
        match.index,
        typed,
        bang,
        "of the space between `]` and `(`",
        `\`${typed.replace(/\][ \t]+\(/, "](")}\``,
      );
    }
    // A title that holds a `)` in a link Markdown did read is no mistake: only where it stayed text.
    let links: Array<[number, number]> | undefined;
    for (const match of text.matchAll(unclosedTitle)) {
      const [typed, bang, , , quote, title] = match as unknown as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      links ??= rangesOf(node, "link", "image");
      if (links.some(([from, to]) => blockStart + match.index >= from && blockStart + match.index < to))
        continue;
      report(
        match.index,
        typed,
        bang,
        `its title's \`${quote}\` is not closed`,
        `\`${typed.replace(`${quote}${title})`, `${quote}${title}${quote})`)}\``,
      );
    }
    for (const match of text.matchAll(spacedAddress)) {
      const [typed, bang, , address] = match as unknown as [string, string, string, string];
      report(
        match.index,
        typed,
        bang,
        "its address has a space",
        `\`${typed.replace(`(${address})`, `(<${address}>)`)}\` or \`${address.replace(/[ \t]+/g, "%20")}\``,
      );
    }
    return SKIP;
  });
}

/** The source ranges of the outermost nodes of two types in a block. */
function rangesOf(block: Nodes, one: Nodes["type"], other: Nodes["type"]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(block as Root, (node) => {
    if (node.type !== one && node.type !== other) return undefined;
    const { start, end } = node.position ?? {};
    if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset]);
    return SKIP;
  });
  return ranges;
}
