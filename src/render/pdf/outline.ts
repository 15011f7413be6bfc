import type { PdfKitDocument, PdfKitOutline } from "../../engine/pdfmake/printer.ts";
import type { OutlineEntry } from "../../model/types.ts";

/**
 * Adds the PDF outline (bookmarks): every heading, nested by level. Each entry opens the named
 * destination pdfmake wrote at the heading (its `id`), so it lands on the heading itself; pdfmake's
 * own `outline` option points at the page's top-right corner instead (pdfkit computes `left` wrongly).
 */
export function addOutline(
  doc: PdfKitDocument,
  entries: readonly OutlineEntry[],
  placed: ReadonlySet<string>,
): void {
  const open: Array<{ depth: number; item: PdfKitOutline }> = [];
  for (const entry of entries) {
    if (!placed.has(entry.id)) continue;
    while ((open.at(-1)?.depth ?? 0) >= entry.depth) open.pop();
    const parent = open.at(-1)?.item ?? doc.outline;
    const item = parent.addItem(entry.text, { expanded: entry.depth <= 2 });
    // A String object: pdfkit writes it as a PDF string, the key of the named destination.
    item.outlineData.Dest = new String(entry.id);
    open.push({ depth: entry.depth, item });
  }
}
