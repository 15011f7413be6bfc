import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { launchChromium, openFile } from "./support/browser.ts";
import { loadReport, renderWith } from "./support/render.ts";

// A full page, never a cut title (issue 26): each sheet is built once, and its PDF and Chromium's
// print of its HTML are read back with pdfjs (every text item with its place and size).

interface Built {
  model: ReportModel;
  pdf: Uint8Array;
  html: string;
  /** Chromium's print of the HTML sheet. */
  printed: Uint8Array;
}

const dir = mkdtempSync(join(tmpdir(), "folio-full-page-"));
let browser: Browser;

async function build(path: string, paper: "a4" | "letter"): Promise<Built> {
  const model = loadReport(path);
  const { artifacts } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0, paper });
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const htmlPath = join(dir, `${model.name}-${paper}.factsheet.html`);
  writeFileSync(htmlPath, html);
  const { page } = await openFile(browser, htmlPath);
  const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  await page.close();
  return { model, pdf, html, printed };
}

interface Placed {
  text: string;
  x: number;
  /** The baseline, from the page's top. */
  y: number;
  size: number;
}

interface PlacedPage {
  pages: number;
  width: number;
  height: number;
  items: Placed[];
}

/** The page count, the first page's size, and every text item of it with its place and size. */
async function placedText(bytes: Uint8Array): Promise<PlacedPage> {
  const doc = await getDocument({ data: bytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const [, , width = 0, height = 0] = page.view;
  const content = await page.getTextContent();
  const items = content.items
    .filter((item) => "str" in item && item.str.trim() !== "")
    .map((item) => {
      const { str, transform } = item as { str: string; transform: number[] };
      return {
        text: str,
        x: transform[4] ?? 0,
        y: height - (transform[5] ?? 0),
        size: Math.hypot(transform[2] ?? 0, transform[3] ?? 0),
      };
    });
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, width, height, items };
}

const letters = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, "");

/** The band's height and title size as the sheet states them (its HTML, in points). */
function bandOf(html: string): { height: number; titleSize: number } {
  return {
    height: Number(/\.band \{[^}]*?height: ([\d.]+)pt/.exec(html)?.[1]),
    titleSize: Number(/h1 \{[^}]*?font: 700 ([\d.]+)pt/.exec(html)?.[1]),
  };
}

/** The title's lines in a print: the band's text items set in the title's size, grouped by baseline. */
function titleLines(placed: PlacedPage, band: { height: number; titleSize: number }): string[] {
  const lines = new Map<number, Placed[]>();
  for (const item of placed.items) {
    if (item.y > band.height || Math.abs(item.size - band.titleSize) > 0.5) continue;
    const key = [...lines.keys()].find((y) => Math.abs(y - item.y) < 2) ?? item.y;
    lines.set(key, [...(lines.get(key) ?? []), item]);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, items]) =>
      items
        .sort((a, b) => a.x - b.x)
        .map((i) => i.text)
        .join(" "),
    );
}

const longTitle: Partial<Record<"a4" | "letter", Built>> = {};
beforeAll(async () => {
  browser = await launchChromium();
  // One after another: the machine's cores are shared.
  for (const paper of ["letter", "a4"] as const)
    longTitle[paper] = await build("test/fixtures/sheet/long-title-200.md", paper);
}, 300_000);
afterAll(async () => {
  await browser?.close();
});

describe("a 200-character title", () => {
  it.each([
    ["Letter", "letter"],
    ["A4", "a4"],
  ] as const)(
    "stands whole in three lines at most, stepped down, in the PDF and the HTML's print: %s",
    async (_, paper) => {
      const built = longTitle[paper] as Built;
      const title = built.model.meta.title;
      expect(title.length).toBeGreaterThanOrEqual(200);
      const band = bandOf(built.html);
      expect(band.titleSize).toBeLessThan(18);
      for (const print of [built.pdf, built.printed]) {
        const placed = await placedText(print);
        expect(placed.pages).toBe(1);
        const lines = titleLines(placed, band);
        expect(lines.length).toBeGreaterThanOrEqual(2);
        expect(lines.length).toBeLessThanOrEqual(3);
        expect(letters(lines.join(""))).toBe(letters(title));
        // The credits still stand on the band, under the title.
        const bandText = letters(
          placed.items
            .filter((i) => i.y < band.height)
            .map((i) => i.text)
            .join(""),
        );
        for (const credit of ["Rural Water Research Office", "Ada Lindqvist", "Tomás Okafor"])
          expect(bandText).toContain(letters(credit));
      }
    },
  );
});
