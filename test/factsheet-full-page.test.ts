import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportFacts } from "../src/model/facts/report-facts.ts";
import { briefReserve } from "../src/model/facts/reserve.ts";
import type { ReportModel } from "../src/model/types.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { type ChromiumSession, chromiumSession, type FileLoader, fileLoader } from "./support/browser.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadReport, optionsFor, sharedRender, testAssets } from "./support/render.ts";

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
let browser: ChromiumSession;
/** One page prints every sheet, one after another. */
let pages: FileLoader;

async function build(path: string, paper: "a4" | "letter"): Promise<Built> {
  const model = loadReport(path);
  // Built once per run (sharedRender): the memo's and Nigeria's sheets are factsheet-brief's
  // too, keyed without the paper where it is the one the report would get.
  const paperOption = optionsFor(model).paper === paper ? {} : { paper };
  const { artifacts } = await sharedRender(factsheetFormat, model, { sourceDateEpoch: 0, ...paperOption });
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const htmlPath = join(dir, `${model.name}-${paper}.factsheet.html`);
  writeFileSync(htmlPath, html);
  const { page } = await pages.open(htmlPath);
  const printed = new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
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

/**
 * Each real report's sheet, and what fills its page: `full` (its lowest line in the page's bottom
 * fifth) or `exhausted` (it shows every sentence and finding it has, in type as large as fits),
 * with why.
 */
const reals: Record<string, "full" | "exhausted"> = {
  "18f-state-software-budgeting": "full",
  // An excerpt of the release: its lead and one section's opening, all on the sheet.
  "bls-jolts-august-2010": "exhausted",
  "ca-auditor-2018-501-sexual-assault-kits": "full",
  "crs-foreign-holdings-federal-debt": "full",
  "crs-ssa-staffing-by-state": "full",
  "etalab-algorithmes-publics": "full",
  // A profile of `label: value` lines (its one paragraph of prose is raw HTML): no summary, no
  // finding; its groups and its contents are all its right column has.
  "factbook-nigeria": "exhausted",
  "nist-sp-800-63b-aal": "full",
  "omb-m-13-13": "full",
  "think-tank-child-credit-brief": "full",
  "water-utility-brief": "full",
};
const realSheets = new Map<string, Built>();

const longTitle: Partial<Record<"a4" | "letter", Built>> = {};
beforeAll(async () => {
  browser = await chromiumSession();
  pages = await fileLoader(browser);
  // One after another: the machine's cores are shared.
  for (const paper of ["letter", "a4"] as const)
    longTitle[paper] = await build("test/fixtures/sheet/long-title-200.md", paper);
  for (const name of Object.keys(reals))
    realSheets.set(name, await build(`test/fixtures/real/${name}.md`, "letter"));
}, 600_000);
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

/** The text items of the sheet's two columns: below the band and the key figures, above the footer. */
function columnItems(placed: PlacedPage, html: string): { left: Placed[]; right: Placed[] } {
  // The columns start at their first section heading (the key figures have no visible one).
  const headings = selectAll(".columns h2", parsePage(html)).map((h) =>
    letters(visibleText(h)).toUpperCase(),
  );
  const top = Math.min(
    ...placed.items.filter((i) => headings.includes(letters(i.text).toUpperCase())).map((i) => i.y),
  );
  const footer = placed.height - 46;
  const inColumns = placed.items.filter((i) => i.y >= top - 1 && i.y < footer);
  return {
    left: inColumns.filter((i) => i.x < placed.width / 2),
    right: inColumns.filter((i) => i.x >= placed.width / 2),
  };
}

/** Whether the sheet shows every sentence and finding it has in reserve (src/model/facts/reserve.ts). */
function shownAll(built: Built): boolean {
  const facts = reportFacts(built.model, testAssets().gazetteer);
  const reserve = briefReserve(built.model, facts);
  const page = parsePage(built.html);
  const findings = selectAll("ol.brief li", page).length;
  const summary = visibleText(selectAll("p.brief", page)[0] ?? page);
  const lastSentence = reserve.summary.at(-1);
  return (
    findings >= Math.min(5, facts.findings.length + reserve.findings.length) &&
    (lastSentence === undefined || summary.includes(lastSentence))
  );
}

describe("a full page", () => {
  it.each(Object.entries(reals))("%s: %s, in the PDF and in the HTML's print", async (name, claim) => {
    const built = realSheets.get(name) as Built;
    const lowest: number[] = [];
    const tops: number[] = [];
    for (const print of [built.pdf, built.printed]) {
      const placed = await placedText(print);
      expect(placed.pages).toBe(1);
      const { left, right } = columnItems(placed, built.html);
      // No column stands empty beside the other.
      expect(left.length).toBeGreaterThan(0);
      expect(right.length).toBeGreaterThan(0);
      const bottom = Math.max(...[...left, ...right].map((i) => i.y));
      const top = Math.min(...[...left, ...right].map((i) => i.y));
      lowest.push(bottom - top);
      tops.push(top);
      if (claim === "full") expect(bottom / placed.height).toBeGreaterThan(0.8);
    }
    if (claim === "exhausted") expect(shownAll(built)).toBe(true);
    // The columns of the HTML's print end where the PDF's do, measured from the columns' top,
    // within two lines of the summary's type: Chromium and pdfkit break a line or two differently.
    const line = Number(/\.brief \{[^}]*?line-height: ([\d.]+)pt/.exec(built.html)?.[1] ?? 14);
    expect(Math.abs((lowest[0] as number) - (lowest[1] as number))).toBeLessThanOrEqual(2 * line);
    // And they start where the PDF's do: the key figures above them take the same room (a value
    // stands on one line in both, its number stepped down to fit; a label may break a line apart).
    expect(Math.abs((tops[0] as number) - (tops[1] as number))).toBeLessThanOrEqual(2 * line);
  });

  it("sets Nigeria's contents under its groups, and no field list as its summary", async () => {
    const built = realSheets.get("factbook-nigeria") as Built;
    const page = parsePage(built.html);
    const [, right] = selectAll(".columns > .column", page);
    const headings = selectAll("h2", right as never).map((h) => visibleText(h));
    expect(headings[0]).toBe("Who and with whom");
    expect(headings).toContain("In this report");
    expect(headings).not.toContain("Summary");
    expect(visibleText(page as never)).not.toMatch(/agricultural land:|chief of mission:/);
    for (const print of [built.pdf, built.printed]) {
      const placed = await placedText(print);
      const { right: items } = columnItems(placed, built.html);
      expect(Math.max(...items.map((i) => i.y)) / placed.height).toBeGreaterThan(0.6);
    }
  });
});
