import { describe, expect, it } from "vitest";
import { pdfText } from "../src/check/extract-pdf.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { artifactsOf, loadReport } from "./support/render.ts";

describe("PDF contents with headings that show no text", () => {
  it("renders, listing the real sections (pdfmake used to fail reading an empty heading's page)", async () => {
    const text =
      "---\ntitle: T\n---\n\n## <!-- a comment -->\n\n## Real\n\nText.\n\n##\n\nMore.\n\n## Four\n\n## Five\n";
    const model = loadReport("empty-headings.md", { text });
    const [pdf] = await artifactsOf(pdfFormat, model);
    const { text: extracted } = await pdfText(pdf?.bytes ?? new Uint8Array());
    expect(extracted).toMatch(/Real[\s\S]*Four[\s\S]*Five[\s\S]*Real[\s\S]*Text\.[\s\S]*More\./);
  });
});
