import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { installParserEngine } from "../engine/install-parser.ts";
import { remarkHtmlOpenTagsWithSlashes } from "../engine/micromark/html-open-tag.ts";
import { remarkScopedAutolinkLiterals, scopedAutolinks } from "./autolink-scope.ts";
import { parseKept } from "./parse-keep.ts";
import { remarkUnambiguousDirectives } from "./text-directives.ts";

/**
 * The one Markdown parser of Folio: CommonMark + GFM + YAML front matter + directives (a text
 * directive only with a label or attributes: a bare `:word` in prose is text).
 */
const parser = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkScopedAutolinkLiterals)
  // `<a href=https://x.gov/a>`: HTML as CommonMark reads it, which micromark 4 does not.
  .use(remarkHtmlOpenTagsWithSlashes)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkUnambiguousDirectives);

const parseWhole = (text: string) => parser.runSync(parser.parse(text)) as Root;

/**
 * Parses Markdown text into mdast. Every source and every shared partial goes through here once.
 * A source's path as `slot` lets a later parse of its edited text parse again only the block the
 * edit falls in, where that gives the same tree (parse-keep.ts): a watch rebuild's.
 */
export function parseMarkdown(text: string, slot?: string): Root {
  installParserEngine();
  return slot === undefined ? parseWhole(text) : parseKept(text, slot, parseWhole);
}

/** Whether the parser runs GFM's autolink literal transform only where a block needs it (for tests). */
export function parserScopesAutolinks(): boolean {
  return scopedAutolinks(parser.freeze() as never);
}
