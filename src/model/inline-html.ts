import type { Nodes, Root } from "mdast";

/** Elements the sanitiser removes together with their content (see sanitize-schema.ts `strip`). */
const strippedWithContent = new Set(["script", "style", "template", "noscript", "iframe", "object", "embed"]);

/**
 * Inline raw HTML arrives as separate nodes: `<script>`, the text `alert(1)`, `</script>`. The HTML
 * edition reassembles and strips them, but every other reader of the tree (PDF, DOCX, the sentence
 * list) would see the script's body as prose. Removes the nodes between such an opening tag and its
 * closing tag (or the end of the paragraph), so every format drops the same text.
 */
export function dropStrippedInlineContent(tree: Root): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!("children" in node)) continue;
    const kept: Nodes[] = [];
    let open: string | undefined;
    for (const child of node.children as Nodes[]) {
      if (open) {
        // The closing tag stays, so the HTML edition still sees a closed element.
        if (child.type === "html" && new RegExp(`</${open}\\s*>`, "i").test(child.value)) {
          open = undefined;
          kept.push(child);
        }
        continue;
      }
      if (child.type === "html") {
        const name = /^<([a-z]+)[\s/>]/i.exec(child.value)?.[1]?.toLowerCase();
        if (name && strippedWithContent.has(name) && !new RegExp(`</${name}\\s*>`, "i").test(child.value)) {
          if (!/\/>\s*$/.test(child.value)) open = name;
        }
      }
      kept.push(child);
      stack.push(child);
    }
    if (kept.length !== node.children.length) (node as { children: Nodes[] }).children = kept;
  }
}

/** Whether inline HTML is a raw `<br>` (any spelling CommonMark passes through). */
export function isRawBreak(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

/**
 * A raw `<br>` becomes Markdown's own hard line break, decided once here: every format then draws
 * the line break it draws for `\` at a line's end (the Word brief used to drop a raw one, joining
 * "Burwell<br />Director" into one word).
 */
export function rawBreaksToBreaks(tree: Root): void {
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    for (const [i, child] of children.entries()) {
      if (child.type === "html" && isRawBreak(child.value)) {
        children[i] = { type: "break", position: child.position };
      } else stack.push(child);
    }
  }
}
