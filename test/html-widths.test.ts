import { globSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReports } from "../src/pipeline/build.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import type { Artifact } from "../src/render/format.ts";
import { type ChromiumSession, chromiumSession } from "./support/browser.ts";
import { loadReport, sharedRender, testAssets } from "./support/render.ts";

// No web page of any source or fixture scrolls sideways on a desktop or a phone: a long URL,
// identifier or word breaks, a code block and a wide table scroll inside themselves; a fact sheet
// reflows to a narrow screen (its print stays the PDF's page).
const viewports = [
  { width: 1200, height: 800 },
  { width: 390, height: 844 },
];
const sources = [
  ...globSync("source/*.md"),
  ...globSync("test/fixtures/**/*.md").filter((path) => !path.endsWith("README.md")),
].sort();

/** Sources whose fact sheet page is measured too (a report's sheet: country chapters, briefs, memos). */
const withSheets = new Set(
  [...globSync("source/*.md"), ...globSync("test/fixtures/{reports,real}/*.md")].filter(
    (path) => !path.endsWith("README.md"),
  ),
);

const out = mkdtempSync(join(tmpdir(), "folio-widths-"));
const pages: string[] = [];
let browser: ChromiumSession;

beforeAll(async () => {
  const assets = testAssets();
  for (const [i, source] of sources.entries()) {
    // Each source in a folder of its own: fixtures in different folders share names.
    const outDir = join(out, String(i));
    const result = await buildReports([source], { outDir, formats: ["html"], sourceDateEpoch: 0, assets });
    const written = result.written.filter((path) => path.endsWith(".html"));
    // A fixture that is meant to fail (bad input) builds no page: it must say why, never vanish.
    const failed = result.files.some((file) => file.messages.some((m) => m.fatal));
    expect(written.length > 0 || failed, source).toBe(true);
    pages.push(...written);
    if (written.length > 0 && withSheets.has(source)) {
      // The sheet as the run renders it once (sharedRender): the fact sheet tests read the same one.
      const model = loadReport(source);
      const { artifacts } = await sharedRender(factsheetFormat, model, { sourceDateEpoch: 0 });
      const sheet = artifacts.find((a) => a.suffix === ".factsheet.html") as Artifact;
      const path = join(outDir, `${model.name}.factsheet.html`);
      writeFileSync(path, sheet.bytes);
      pages.push(path);
    }
  }
  browser = await chromiumSession();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

/**
 * How far the open page scrolls sideways (0: it does not), and what sticks out past the window
 * (looked for only on a page that scrolls: every element's box of a long page costs the renderer).
 */
function sidewaysScroll(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    if (overflow <= 0) return { overflow, wide: [] };
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}: ${(e.textContent ?? "").trim().slice(0, 60)}`);
    return { overflow, wide: wide.slice(0, 5) };
  });
}

/**
 * The problems of every page at each viewport's width. Each page is loaded once and measured at
 * every viewport by resizing the window (the pages have no script, so the layout after a resize
 * is the layout of a fresh load at that size): a third of the browser's work of loading it anew.
 * A page is loaded at the size the one before it was left at, and measured at that size first:
 * no resize, and so no layout, that measures nothing.
 * Each page's HTML is written into the one page (`setContent`) rather than navigated to: a
 * navigation cost Chromium about 0.12 CPU-s more a page, and the pages (inline styles, fonts and
 * images only) lay out the same: every page's scroll width and height, at both widths, was equal
 * either way (2026-12-06).
 */
async function measureEveryPage(): Promise<Map<number, string[]>> {
  const problems = new Map(viewports.map((v) => [v.width, [] as string[]]));
  const context = await browser.newContext({ viewport: viewports[0] });
  // Nothing a page asks for leaves this machine (it would fail anyway: its CSP allows data: only).
  await context.route(
    (url) => url.protocol !== "data:",
    (route) => route.abort("blockedbyclient"),
  );
  const page = await context.newPage();
  let size = viewports[0] as (typeof viewports)[number];
  for (const path of pages) {
    await page.setContent(readFileSync(path, "utf8"), { waitUntil: "load" });
    for (const viewport of [size, ...viewports.filter((v) => v !== size)]) {
      if (viewport !== size) await page.setViewportSize(viewport);
      size = viewport;
      const { overflow, wide } = await sidewaysScroll(page);
      if (overflow > 0)
        problems.get(viewport.width)?.push(`${path}: ${overflow} px too wide (${wide.join(" | ")})`);
    }
  }
  await context.close();
  return problems;
}
let measured: Promise<Map<number, string[]>> | undefined;

describe.each(viewports)("every web page at $width px", (viewport) => {
  it("builds a page of every source and fixture that builds, and the fact sheets", () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(pages.filter((path) => path.endsWith(".factsheet.html")).length).toBeGreaterThanOrEqual(10);
  });

  it("never scrolls sideways", async () => {
    measured ??= measureEveryPage();
    expect((await measured).get(viewport.width)).toEqual([]);
  }, 300_000);
});
