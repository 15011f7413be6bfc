// src/engine/docx/compile.ts against docx 9.15.2's own Packer.toBuffer: the parts Folio takes from
// docx's compiler, to zip reproducibly itself, are the files docx's own package holds, text for text.
import { Document, Packer, Paragraph, TextRun } from "docx";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { packageParts } from "../../src/engine/docx/compile.ts";

const document = () =>
  new Document({
    creator: "Folio",
    title: "Mali 2021",
    sections: [
      { children: [new Paragraph({ children: [new TextRun({ text: "Bamako & Gao", bold: true })] })] },
    ],
  });

describe("docx-compile: packageParts against Packer.toBuffer", () => {
  // docx stamps the clock's time into docProps/core.xml: one time for both packages.
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2021-06-01T00:00:00Z"));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("gives every file of docx's own package, with the same content", async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(document()));
    const parts = packageParts(document());
    const files = Object.values(zip.files).filter((file) => !file.dir);
    expect([...parts.keys()].sort()).toEqual(files.map((file) => file.name).sort());
    for (const file of files) {
      const part = parts.get(file.name);
      if (typeof part === "string") expect(part, file.name).toBe(await file.async("string"));
      else expect(Buffer.from(part as Uint8Array), file.name).toEqual(await file.async("nodebuffer"));
    }
    expect(String(parts.get("word/document.xml"))).toContain("Bamako &amp; Gao");
  });
});
