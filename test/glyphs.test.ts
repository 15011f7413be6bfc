// Every format draws the same characters in the same faces, and says alike what none can draw:
// the theme's other subsets (latin-ext) and its fallback faces reach the PDF and the web edition,
// and a character no face has is one warning per place in each format, never a silent box.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AssetError } from "../src/assets/errors.ts";
import { loadAssets } from "../src/assets/load.ts";
import type { Assets } from "../src/assets/types.ts";
import { loadReport } from "../src/model/load.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import type { Format } from "../src/render/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { renderWith, testAssets } from "./support/render.ts";

const report = (body: string) =>
  `---\ntitle: Glyphs\nlang: en\n---\n\n## One\n\nThe city of Łódź on the Ner.\n\n## Two\n\n${body}\n`;

/** A copy of Folio's templates whose theme has Noto Sans Symbols 2 as its one fallback face. */
function themeWith(fallbacks: unknown[]): string {
  const dir = join(mkdtempSync(join(tmpdir(), "folio-glyphs-")), "templates");
  cpSync("templates", dir, { recursive: true });
  const path = join(dir, "theme.json");
  const json = JSON.parse(readFileSync(path, "utf8")) as { fonts: Record<string, unknown> };
  json.fonts.fallbacks = fallbacks;
  writeFileSync(path, JSON.stringify(json, null, 2));
  return dir;
}

const symbols = { family: "Noto Sans Symbols 2", package: "@fontsource/noto-sans-symbols-2" };

async function build(format: Format, text: string, assets: Assets = testAssets()) {
  const model = loadReport("source/glyphs.md", assets, { text, baseDir: "source" });
  const { artifacts, messages } = await renderWith(format, model, {}, assets);
  return { bytes: (artifacts[0] as { bytes: Uint8Array }).bytes, messages };
}

function pdfTool(tool: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "folio-glyphs-")), "x.pdf");
  writeFileSync(path, bytes);
  return execFileSync(tool, [path, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
}

const fontFaces = (html: string) => html.match(/@font-face\{[^}]*\}/g) ?? [];
const rangeCovers = (rule: string, cp: number) =>
  (/unicode-range:([^;}]*)/.exec(rule)?.[1] ?? "").split(",").some((part) => {
    const [from, to] = part.trim().replace("U+", "").split("-");
    return cp >= Number.parseInt(from as string, 16) && cp <= Number.parseInt(to ?? (from as string), 16);
  });

describe("a character beyond the latin faces", () => {
  it("is drawn in the theme's latin-ext face in the PDF and the web edition, and the DOCX says Word substitutes", async () => {
    const text = report("Nothing else.");
    const pdf = await build(pdfFormat, text);
    expect(pdfTool("pdftotext", pdf.bytes)).toContain("Łódź");
    expect(pdfTool("pdffonts", pdf.bytes)).toMatch(/Merriweather/);
    expect(pdf.messages.filter((m) => m.ruleId === "missing-glyph")).toEqual([]);

    const html = new TextDecoder().decode((await build(htmlFormat, text)).bytes);
    const ext = fontFaces(html).filter((rule) => rule.includes('"Merriweather"') && rangeCovers(rule, 0x141));
    expect(ext.length).toBe(4); // regular, italic, bold, bold italic of the body's latin-ext face
    expect(
      fontFaces(html)
        .filter((rule) => rule.includes("unicode-range"))
        .every((r) => !rangeCovers(r, 0x61)),
    ).toBe(true);

    const docx = await build(docxFormat, text);
    const unembedded = docx.messages.filter((m) => m.ruleId === "docx-unembedded-glyph");
    expect(unembedded.map((m) => m.line)).toEqual([8]);
    expect(unembedded[0]?.reason).toContain("“Ł” (U+0141)");
  });

  it("costs the Mali web edition nothing: its text is all latin, so only the latin faces are inlined", async () => {
    const mali = loadReport("source/mali-2021.md", testAssets());
    const html = new TextDecoder().decode(
      ((await renderWith(htmlFormat, mali)).artifacts[0] as { bytes: Uint8Array }).bytes,
    );
    expect(fontFaces(html).length).toBe(7);
    expect(html).not.toContain("unicode-range");
  });
});

describe("a character no face of the theme has", () => {
  it("is one warning per place in every format, at the line it is on", async () => {
    const text = report("The king ♔ and the rook ♖.");
    for (const format of [htmlFormat, pdfFormat, docxFormat]) {
      const { messages } = await build(format, text);
      const missing = messages.filter((m) => m.ruleId === "missing-glyph");
      expect(
        missing.map((m) => [m.line, m.reason.slice(0, 60)]),
        format.id,
      ).toEqual([[12, "No embedded font has a glyph for “♔”, “♖” (U+2654, U+2656): "]]);
    }
  });

  it("is drawn by a fallback face the theme names, in the PDF and the web edition, with no warning", async () => {
    const assets = loadAssets(themeWith([symbols]));
    const text = report("The king ♔ and the rook ♖.");
    const pdf = await build(pdfFormat, text, assets);
    expect(pdf.messages.filter((m) => m.ruleId === "missing-glyph")).toEqual([]);
    expect(pdfTool("pdffonts", pdf.bytes)).toMatch(/NotoSansSymbols2/);
    expect(pdfTool("pdftotext", pdf.bytes)).toContain("♔ and the rook ♖");

    const html = new TextDecoder().decode((await build(htmlFormat, text, assets)).bytes);
    const symbolsFace = `url(data:font/woff2;base64,${Buffer.from(assets.fonts.face("fallback-0", 400, "normal", "woff2", "symbols")).toString("base64")})`;
    const rules = fontFaces(html).filter((rule) => rule.includes(symbolsFace));
    // Under the body's family (every weight and style it is set in, the one face drawing them all),
    // for exactly the code points the theme's own faces lack.
    expect(rules.filter((rule) => rule.includes('"Merriweather"')).length).toBe(4);
    expect(rules.every((rule) => rangeCovers(rule, 0x2654) && !rangeCovers(rule, 0x61))).toBe(true);
  });

  it("from a fallback package that is not installed is an error at the theme field", () => {
    const dir = themeWith([{ family: "Noto Sans Arabic" }]);
    let error: unknown;
    try {
      loadAssets(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AssetError);
    expect(String((error as Error).message)).toContain("Theme field `fonts.fallbacks.0`");
    expect(String((error as Error).message)).toContain("npm install @fontsource/noto-sans-arabic");
  });
});
