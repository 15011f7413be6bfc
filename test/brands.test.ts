import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assetsForSource } from "../src/brand/choose.ts";
import { buildReports } from "../src/pipeline/build.ts";
import type { BuildResult } from "../src/pipeline/output.ts";
import { openDocx } from "./docx-package.ts";
import { chromiumSession, openFile } from "./support/browser.ts";
import { parsePage, visibleText } from "./support/html.ts";
import { checkPdfUa, PdfObjects, pdfString, readStructure } from "./support/pdfua.ts";
import { testAssets } from "./support/render.ts";

// The two example brands of brands/, built in one build of one process: meridian (its own serif
// from font files, an SVG logo with alt text, also in the running header) named by the report's
// front matter, sahel-fr (A4, French, its own labels and colophon, a decorative PNG) named by the
// folio.yaml of the report's folder. Assertions are on the artifacts' content.
const meridian = "test/fixtures/brands/meridian-brief.md";
interface Face {
  characterSet: number[];
  hasGlyphForCodePoint(code: number): boolean;
  "OS/2"?: { usWeightClass: number };
}
const fontkit = createRequire(import.meta.url)("fontkit") as { create(bytes: Uint8Array): Face };
const sahel = "test/fixtures/brands/project/note-sahel.md";
const out = mkdtempSync(join(tmpdir(), "folio-brands-"));
let result: BuildResult;
const file = (name: string) => readFileSync(join(out, name));

beforeAll(async () => {
  result = await buildReports([meridian, sahel], {
    outDir: out,
    formats: ["pdf", "docx", "html", "factsheet"],
    sourceDateEpoch: 0,
    assets: testAssets(),
  });
}, 120_000);

/** The structure elements of a PDF of one type, with their /Alt. */
function figures(bytes: Buffer): string[] {
  const { elements } = readStructure(new PdfObjects(bytes));
  return elements.filter((e) => e.type === "Figure").map((e) => pdfString(e.dict["/Alt"]) ?? "");
}

/** pdffonts' font names (subset prefix dropped) and whether each is embedded. */
function pdfFonts(path: string): Array<{ name: string; embedded: boolean }> {
  const lines = execFileSync("pdffonts", [path], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  return lines.map((line) => {
    const [name = "", ...rest] = line.trim().split(/\s+/);
    return { name: name.replace(/^[A-Z]{6}\+/, ""), embedded: rest.at(-5) === "yes" };
  });
}

function pageSize(path: string): string {
  return (
    /Page size:\s+([\d.]+ x [\d.]+)/.exec(execFileSync("pdfinfo", [path], { encoding: "utf8" }))?.[1] ?? ""
  );
}

describe("two brands in one build", () => {
  it("builds both reports without an error", () => {
    const errors = result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map(String));
    expect(errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("sets meridian's PDF in its own serif from the brand's font files, embedded and subset", () => {
    const fonts = pdfFonts(join(out, "meridian-brief.pdf"));
    const names = fonts.map((f) => f.name);
    expect(names).toContain("SourceSerif4-Regular");
    expect(names).toContain("SourceSerif4-Bold");
    expect(names).toContain("SourceSerif4-Italic");
    expect(names).not.toContain("Merriweather-Regular");
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const raw = execFileSync("pdffonts", [join(out, "meridian-brief.pdf")], { encoding: "utf8" });
    expect(raw).toMatch(/[A-Z]{6}\+SourceSerif4-Regular/);
    expect(pageSize(join(out, "meridian-brief.pdf"))).toBe("612 x 792");
  });

  it("puts meridian's logo on the PDF cover as a Figure with brand.yaml's alt text, PDF/UA clean", () => {
    const pdf = file("meridian-brief.pdf");
    expect(figures(pdf)).toEqual(["Meridian Institute"]);
    expect(checkPdfUa(pdf)).toEqual([]);
  });

  it("prints sahel-fr's PDF on A4, in French, its decorative logo an artifact", () => {
    const path = join(out, "note-sahel.pdf");
    expect(pageSize(path)).toBe("595.28 x 841.89");
    const pdf = file("note-sahel.pdf");
    expect(figures(pdf)).toEqual([]);
    expect(pdf.toString("latin1")).toMatch(/\/Lang \(fr\)/);
    expect(checkPdfUa(pdf)).toEqual([]);
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    // The brand's own colophon partial, and Folio's French words.
    expect(text).toContain("Observatoire du Sahel : reproduction autorisée avec mention de la source.");
    expect(text).toContain("Composé par Folio");
    // Folio's default look is untouched by it: Merriweather for the body.
    expect(pdfFonts(path).map((f) => f.name)).toContain("Merriweather-Regular");
  });

  it("embeds meridian's serif whole in the DOCX and draws its logo with a description", async () => {
    const pkg = await openDocx(file("meridian-brief.docx"));
    const fontTable = await pkg.part("word/fontTable.xml");
    expect(fontTable).toMatch(/<w:font w:name="Source Serif 4">[\s\S]*?<w:embedRegular /);
    expect(fontTable).toMatch(/<w:font w:name="Source Serif 4">[\s\S]*?<w:embedBold /);
    expect(pkg.names.filter((n) => n.startsWith("word/fonts/")).length).toBeGreaterThanOrEqual(4);
    const document = await pkg.part("word/document.xml");
    expect(/<wp:docPr [^>]*descr="Meridian Institute"/.test(document)).toBe(true);
    expect((await pkg.part("word/styles.xml")).includes('w:ascii="Source Serif 4"')).toBe(true);
    // And in the running header (brand.yaml's `header: true`): floating at the right, decorative.
    const headers = await Promise.all(
      pkg.names.filter((n) => /^word\/header\d+\.xml$/.test(n)).map(pkg.part),
    );
    const withLogo = headers.filter((xml) => xml.includes('name="logo.svg"'));
    expect(withLogo).toHaveLength(1);
    expect(
      /<wp:anchor [^>]*>[\s\S]*?<wp:align>right<\/wp:align>[\s\S]*?<adec:decorative [^>]*val="1"/.test(
        withLogo[0] ?? "",
      ),
    ).toBe(true);
  });

  it("marks sahel-fr's logo decorative in the DOCX, in French", async () => {
    const pkg = await openDocx(file("note-sahel.docx"));
    const document = await pkg.part("word/document.xml");
    expect(
      /<wp:docPr [^>]*name="bandeau.png"><a:extLst[\s\S]*?<adec:decorative [^>]*val="1"/.test(document),
    ).toBe(true);
    expect(/descr="[^"]+"/.test(document)).toBe(false);
    expect(/<w:lang w:val="fr"/.test(await pkg.part("word/styles.xml"))).toBe(true);
  });

  it("declares meridian's faces in HTML with @font-face and shows the logo with its alt", () => {
    const html = file("meridian-brief.html").toString("utf8");
    expect(html).toMatch(
      /@font-face\{font-family:"Source Serif 4";font-style:normal;font-weight:400;[^}]*format\("woff2"\)/,
    );
    expect(html).toMatch(/@font-face\{font-family:"Source Serif 4";font-style:italic;font-weight:700;/);
    expect(html).toMatch(
      /<header class="title-block">\s*<p class="logo"><img src="data:image\/svg\+xml;base64,[^"]+" alt="Meridian Institute" width="200" height="53"><\/p>/,
    );
    const sahelHtml = file("note-sahel.html").toString("utf8");
    expect(sahelHtml).toMatch(/<html lang="fr"/);
    expect(sahelHtml).toMatch(/<p class="logo"><img src="data:image\/png;base64,[^"]+" alt=""/);
  });

  it("subsets meridian's own faces in HTML to the page's characters, as WOFF2 with a cmap and OS/2", () => {
    const html = file("meridian-brief.html").toString("utf8");
    const text = visibleText(parsePage(html));
    for (const [style, weight, source] of [
      ["normal", 400, "source-serif-4-latin-400-normal.woff2"],
      ["italic", 400, "source-serif-4-latin-400-italic.woff2"],
      ["normal", 700, "source-serif-4-latin-700-normal.woff2"],
    ] as const) {
      const rule = new RegExp(
        `@font-face\\{font-family:"Source Serif 4";font-style:${style};font-weight:${weight};[^}]*src:url\\(data:font/woff2;base64,([^)]+)\\) format\\("woff2"\\)`,
      ).exec(html);
      const bytes = Buffer.from(rule?.[1] ?? "", "base64");
      const whole = readFileSync(join("brands/meridian/fonts", source));
      expect(bytes.subarray(0, 4).toString("latin1")).toBe("wOF2");
      expect(bytes.length).toBeLessThan(whole.length * 0.75);
      const subset = fontkit.create(bytes);
      const full = fontkit.create(whole);
      expect(subset["OS/2"]?.usWeightClass).toBe(weight);
      // Every character of the page the whole face draws, the subset's cmap maps; it holds far fewer.
      const drawn = [...new Set(text)].filter((ch) => full.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
      expect(drawn.length).toBeGreaterThan(40);
      expect(drawn.filter((ch) => !subset.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0))).toEqual([]);
      expect(subset.characterSet.length).toBeLessThan(full.characterSet.length * 0.75);
    }
  });

  it("has Chromium load every subset face of meridian's page (a face without cmap or OS/2 fails)", async () => {
    const browser = await chromiumSession();
    try {
      const { page } = await openFile(browser, join(out, "meridian-brief.html"));
      const faces = await page.evaluate(async () => {
        await Promise.all([...document.fonts].map((face) => face.load().catch(() => undefined)));
        return [...document.fonts]
          .filter((face) => face.family.replace(/"/g, "") === "Source Serif 4")
          .map((face) => `${face.weight} ${face.style} ${face.status}`);
      });
      expect(faces.sort()).toEqual([
        "400 italic loaded",
        "400 normal loaded",
        "700 italic loaded",
        "700 normal loaded",
      ]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it("puts the logo on the fact sheet's band in HTML and PDF", () => {
    const html = file("meridian-brief.factsheet.html").toString("utf8");
    expect(html).toMatch(
      /<header class="band">[\s\S]*<img class="band-logo" src="data:image\/svg\+xml;base64,[^"]+" alt="Meridian Institute"/,
    );
    const pdf = file("meridian-brief.factsheet.pdf");
    expect(figures(pdf)).toContain("Meridian Institute");
    expect(checkPdfUa(pdf)).toEqual([]);
    const sahelSheet = file("note-sahel.factsheet.pdf");
    expect(figures(sahelSheet)).not.toContain("");
    expect(checkPdfUa(sahelSheet)).toEqual([]);
  });

  it("overrides Folio's labels key by key", () => {
    const { assets } = assetsForSource(sahel, testAssets());
    expect(assets.labels.get("fr")?.contents).toBe("Table des matières");
    expect(assets.labels.get("fr")?.notes).toBe(testAssets().labels.get("fr")?.notes);
    expect(assets.defaults).toEqual({ paper: "a4", lang: "fr" });
    expect(assetsForSource("test/fixtures/reports/niger-2021.md", testAssets()).assets).toBe(testAssets());
  });
});
