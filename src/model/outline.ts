import GithubSlugger from "github-slugger";
import type { Root } from "mdast";
import type {} from "mdast-util-to-hast";
import { toString as nodeText } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import type { OutlineEntry } from "./types.ts";

/**
 * Gives every heading a unique id (`data.id`, also `data.hProperties.id` for HTML) and returns
 * the outline. The same ids serve as HTML anchors, PDF destinations and DOCX bookmarks.
 */
export function buildOutline(tree: Root, reserved: Iterable<string> = []): OutlineEntry[] {
  const slugger = new GithubSlugger();
  for (const id of reserved) slugger.slug(id);
  const outline: OutlineEntry[] = [];
  visit(tree, "heading", (heading) => {
    const text = nodeText(heading).trim();
    const id = slugger.slug(text || "section");
    heading.data = { ...heading.data, id, hProperties: { ...heading.data?.hProperties, id } };
    outline.push({ depth: heading.depth, text, id });
  });
  return outline;
}
