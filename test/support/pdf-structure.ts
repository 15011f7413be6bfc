import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A structure element as pdf.js reads it, with the text of its marked content. */
export interface StructureNode {
  role: string;
  text: string;
  children: StructureNode[];
}

interface JsStructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: JsStructNode[];
}

/** Every page's structure tree (elements only), each element with the text it holds. */
export async function structureNodes(bytes: Uint8Array): Promise<StructureNode[]> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const out: StructureNode[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const text = new Map<string, string>();
    const open: string[] = [];
    for (const item of content.items as Array<{ type?: string; id?: string; str?: string }>) {
      if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent")
        open.push(item.id ?? "");
      else if (item.type === "endMarkedContent") open.pop();
      else if (item.str !== undefined && open.at(-1))
        text.set(open.at(-1) as string, (text.get(open.at(-1) as string) ?? "") + item.str);
    }
    const convert = (node: JsStructNode): StructureNode | string => {
      if (node.type === "content") return text.get(node.id ?? "") ?? "";
      const kids = (node.children ?? []).map(convert);
      return {
        role: node.role ?? "",
        text: kids.map((k) => (typeof k === "string" ? k : k.text)).join(""),
        children: kids.filter((k): k is StructureNode => typeof k !== "string"),
      };
    };
    const tree = (await page.getStructTree()) as JsStructNode | null;
    const root = tree ? convert(tree) : undefined;
    if (root && typeof root !== "string") out.push(root);
    page.cleanup();
  }
  await doc.destroy();
  return out;
}

/** Every element of the trees with this role, in document order. */
export function elementsWithRole(trees: StructureNode[], role: string): StructureNode[] {
  const found: StructureNode[] = [];
  const walk = (node: StructureNode) => {
    if (node.role === role) found.push(node);
    node.children.forEach(walk);
  };
  trees.forEach(walk);
  return found;
}
