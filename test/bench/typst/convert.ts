// A small converter of Folio's document model to Typst markup, for the cold-PDF benchmark: the
// same report, the same faces, page size and margins, a title page with the contents, a running
// header and "Page N of M", so Typst's compiler does comparable work. Not a Folio format.
import type { Nodes, Root } from "mdast";
import type { Assets } from "../../../src/assets/types.ts";
import type { ReportModel } from "../../../src/model/types.ts";

const typstText = (text: string) => text.replace(/[\\#*_`$<>@[\]=~\-+/"]/g, (c) => `\\${c}`);
const str = (text: string) => JSON.stringify(text);

function inline(node: Nodes): string {
  switch (node.type) {
    case "text":
      return typstText(node.value);
    case "emphasis":
      return `#emph[${children(node)}]`;
    case "strong":
      return `#strong[${children(node)}]`;
    case "delete":
      return `#strike[${children(node)}]`;
    case "inlineCode":
      return `#raw(${str(node.value)})`;
    case "break":
      return " \\\n";
    case "link":
      return `#link(${str(node.url)})[${children(node)}]`;
    case "image":
      return typstText(node.alt ?? "");
    case "footnoteReference":
      return "";
    case "html":
      return "";
    default:
      return "children" in node ? children(node) : "";
  }
}

function children(node: Nodes): string {
  return "children" in node ? (node.children as Nodes[]).map((c) => inline(c)).join("") : "";
}

function block(node: Nodes, indent = ""): string {
  switch (node.type) {
    case "heading":
      return `${"=".repeat(Math.max(1, node.depth - 1))} ${children(node)}\n\n`;
    case "paragraph":
      return `${indent}${children(node)}\n\n`;
    case "list":
      return node.children
        .map((item) => {
          const [first, ...rest] = item.children;
          const marker = node.ordered ? "+" : "-";
          const head = first ? block(first, "").trim() : "";
          return `${indent}${marker} ${head}\n${rest.map((r) => block(r, `${indent}  `)).join("")}`;
        })
        .join("")
        .concat("\n");
    case "blockquote":
      return `#quote(block: true)[${node.children.map((c) => block(c)).join("")}]\n\n`;
    case "code":
      return `#raw(block: true, ${str(node.value)})\n\n`;
    case "thematicBreak":
      return "#line(length: 100%)\n\n";
    case "table":
      return `#table(columns: ${node.children[0]?.children.length ?? 1}, ${node.children
        .flatMap((row) => row.children.map((cell) => `[${children(cell)}]`))
        .join(", ")})\n\n`;
    case "containerDirective":
    case "leafDirective":
      return node.children.map((c) => block(c as Nodes, indent)).join("");
    default:
      return "";
  }
}

/** The report as one Typst document. */
export function toTypst(model: ReportModel, assets: Assets): string {
  const { theme } = assets;
  const page = theme.page[model.meta.paper];
  const m = theme.page.margins;
  const body = (model.tree as Root).children.map((n) => block(n as Nodes)).join("");
  return `#set document(title: ${str(model.fullTitle)}, author: ${str(model.credits.names || model.meta.publisher || "")})
#set text(font: ${str(theme.fonts.body.family)}, size: ${theme.sizes.body}pt, lang: ${str(model.meta.lang.slice(0, 2))})
#set par(leading: ${(theme.spacing.lineHeight - 1).toFixed(2)}em, justify: false)
#show heading: set text(font: ${str(theme.fonts.heading.family)}, fill: rgb(${str(theme.colors.accent)}))
#set page(width: ${page.width}pt, height: ${page.height}pt, margin: (top: ${m.top}pt, right: ${m.right}pt, bottom: ${m.bottom}pt, left: ${m.left}pt),
  header: context { if counter(page).get().first() > 1 [#text(size: ${theme.sizes.small}pt)[${typstText(model.parts.header.map((p) => (typeof p === "string" ? p : "")).join(""))}]] },
  footer: context { if counter(page).get().first() > 1 [#align(right)[#text(size: ${theme.sizes.small}pt)[Page #counter(page).display() of #counter(page).final().first()]]] })
#text(size: ${theme.sizes.title}pt, font: ${str(theme.fonts.heading.family)}, weight: "bold")[${typstText(model.meta.title)}]

#outline(title: ${str(model.labels.text("contents"))})
#pagebreak()
${body}`;
}
