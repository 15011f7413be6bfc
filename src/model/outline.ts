import GithubSlugger from "github-slugger";
import type { Root } from "mdast";
import type {} from "mdast-util-to-hast";
import type { VFile } from "vfile";
import { foldSpace, readerText } from "./sentences.ts";
import type { OutlineEntry } from "./types.ts";
import { visit } from "./visit.ts";

/**
 * Gives every heading a unique id (`data.id`, also `data.hProperties.id` for HTML) and returns
 * the outline. The same ids serve as HTML anchors, PDF destinations and DOCX bookmarks.
 */
export function buildOutline(tree: Root, reserved: Iterable<string> = []): OutlineEntry[] {
  const slugger = new GithubSlugger();
  for (const id of reserved) slugger.slug(id);
  const outline: OutlineEntry[] = [];
  visit(tree, "heading", (heading) => {
    // What a reader sees of the heading: raw HTML tags (`<a name="x"></a>`) are not its text.
    const text = foldSpace(readerText(heading));
    // A heading labelled `{#sec-x}` keeps its label as its id (reserved by the caller).
    const id = heading.data?.label ?? slugger.slug(text || "section");
    heading.data = { ...heading.data, id, hProperties: { ...heading.data?.hProperties, id } };
    outline.push({ depth: heading.depth, text, id });
  });
  return outline;
}

/**
 * Warns at each heading that skips a level (`#` then `###`): a screen reader's list of headings
 * and every format's contents nest by level, so a jump reads as a missing section. The title
 * block's title counts as level 1.
 */
export function checkHeadingLevels(tree: Root, file: VFile): void {
  let previous = 1;
  visit(tree, "heading", (heading) => {
    if (heading.depth > previous + 1) {
      const marks = (n: number) => "#".repeat(n);
      file.message(
        `Heading level jumps from ${previous} to ${heading.depth} (\`${marks(previous)}\` then \`${marks(heading.depth)}\`): use \`${marks(previous + 1)}\` here, or add the level between`,
        { place: heading.position, ruleId: "heading-level", source: "folio" },
      );
    }
    previous = heading.depth;
  });
}

/**
 * Each heading's structure level, 1 for the body's top depth, never more than one below the heading
 * before it (so a source that skips a level, `##` then `####`, gives 1 then 2): what an assistive
 * technology's list of headings shows. The PDF edition tags the same rule one level down (`H2`…,
 * the cover's title is the `H1`: structureLevel in src/render/pdf/blocks.ts); the DOCX writes it
 * as Word's Heading 1…6. Not the contents' `level`, which follows the outline's nesting.
 */
export function structureLevels(outline: readonly OutlineEntry[]): Map<string, number> {
  const top = Math.min(6, ...outline.map((entry) => entry.depth));
  const levels = new Map<string, number>();
  let previous = 0;
  for (const entry of outline) {
    const level = Math.max(1, Math.min(5, entry.depth - top + 1, previous + 1));
    levels.set(entry.id, level);
    previous = level;
  }
  return levels;
}
