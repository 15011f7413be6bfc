import type { Root } from "mdast";
import remarkDirective from "remark-directive";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { installEngine } from "../engine/install.ts";

/** The one Markdown parser of Folio: CommonMark + GFM + YAML front matter + directives. */
const parser = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ["yaml"])
  .use(remarkDirective);

/** Parses Markdown text into mdast. Every source and every shared partial goes through here once. */
export function parseMarkdown(text: string): Root {
  installEngine();
  return parser.runSync(parser.parse(text)) as Root;
}
