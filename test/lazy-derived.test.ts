// The fact sheet's data (drafting, provenance checks, gazetteer) is derived only when the fact
// sheet is built: a build of the HTML alone runs none of it, and its HTML is the same bytes as the
// HTML of a build that makes the fact sheet too.
import { basename } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { installPdfEngine } from "../src/engine/install-pdf.ts";
import { loadFacts } from "../src/model/facts/check.ts";
import { draftFacts } from "../src/model/facts/draft/index.ts";
import { type RenderedReport, renderReport } from "../src/pipeline/build.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import type { Format } from "../src/render/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { testAssets } from "./support/render.ts";

// The drafter and the fact checker, counted (each still does its work).
vi.mock("../src/model/facts/draft/index.ts", async (original) => {
  const real = await original<typeof import("../src/model/facts/draft/index.ts")>();
  return { ...real, draftFacts: vi.fn(real.draftFacts) };
});
vi.mock("../src/model/facts/check.ts", async (original) => {
  const real = await original<typeof import("../src/model/facts/check.ts")>();
  return { ...real, loadFacts: vi.fn(real.loadFacts) };
});
// The PDF layer's install (pdfmake's and pdfkit's patches), counted: only a PDF printer calls it.
vi.mock("../src/engine/install-pdf.ts", async (original) => {
  const real = await original<typeof import("../src/engine/install-pdf.ts")>();
  return { ...real, installPdfEngine: vi.fn(real.installPdfEngine) };
});

interface Build {
  rendered: RenderedReport;
  /** Calls of the drafter and of the fact checker during this build. */
  drafted: number;
  checked: number;
  /** Calls of the PDF layer's install. */
  pdfEngine: number;
  html: string;
  sheet?: string;
}

async function build(path: string, formats: Format[]): Promise<Build> {
  vi.mocked(draftFacts).mockClear();
  vi.mocked(loadFacts).mockClear();
  vi.mocked(installPdfEngine).mockClear();
  const rendered = await renderReport(path, formats, testAssets(), {
    outDir: "/nonexistent",
    formats: formats.map((f) => f.id),
    sourceDateEpoch: 0,
  });
  const text = (suffix: string) => {
    const file = rendered.pending.find((f) => f.path.endsWith(suffix));
    return file && new TextDecoder().decode(file.bytes);
  };
  return {
    rendered,
    drafted: vi.mocked(draftFacts).mock.calls.length,
    checked: vi.mocked(loadFacts).mock.calls.length,
    pdfEngine: vi.mocked(installPdfEngine).mock.calls.length,
    html: text(`/${basename(path, ".md")}.html`) ?? "",
    sheet: text(".factsheet.html"),
  };
}

const ids = (html: string) => new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));

describe("fact sheet data only for the fact sheet", () => {
  const niger = "test/fixtures/reports/niger-2021.md";
  const mali = "source/mali-2021.md";
  let nigerHtml: Build;
  let nigerBoth: Build;
  let maliHtml: Build;
  let maliBoth: Build;
  beforeAll(async () => {
    nigerHtml = await build(niger, [htmlFormat]);
    // The fact sheet first: its facts are derived before the HTML renders.
    nigerBoth = await build(niger, [factsheetFormat, htmlFormat]);
    maliHtml = await build(mali, [htmlFormat]);
    maliBoth = await build(mali, [factsheetFormat, htmlFormat]);
  }, 120_000);

  it("drafts and checks nothing for a build of the HTML alone", () => {
    expect(nigerHtml.rendered.ok).toBe(true);
    expect(nigerHtml.drafted).toBe(0);
    expect(nigerHtml.checked).toBe(0);
    expect(maliHtml.checked).toBe(0);
  });

  it("parses and renders the HTML without installing the PDF layer's patches", () => {
    expect(nigerHtml.pdfEngine).toBe(0);
    expect(maliHtml.pdfEngine).toBe(0);
    // The fact sheet prints a PDF: its printer installs them (once per process; called per printer).
    expect(nigerBoth.pdfEngine).toBeGreaterThan(0);
  });

  it("drafts once, and checks once, for a build with the fact sheet", () => {
    expect(nigerBoth.rendered.ok).toBe(true);
    expect(nigerBoth.drafted).toBe(1);
    expect(nigerBoth.checked).toBe(1);
    // Mali's front matter states every fact, checked once; the drafter still runs once for what no
    // front matter states (the sheet's kind, summary and findings).
    expect(maliBoth.checked).toBe(1);
    expect(maliBoth.drafted).toBe(1);
    expect(maliHtml.drafted).toBe(0);
  });

  it("gives the HTML the same bytes whether or not the fact sheet is built", () => {
    expect(nigerHtml.html).toContain("<main");
    expect(nigerBoth.html).toBe(nigerHtml.html);
    expect(maliHtml.html).toContain("<main");
    expect(maliBoth.html).toBe(maliHtml.html);
  });

  it("links the fact sheet to ids the HTML has, for declared and drafted facts", () => {
    for (const [both, name] of [
      [maliBoth, "mali-2021"],
      [nigerBoth, "niger-2021"],
    ] as const) {
      const links = [...(both.sheet ?? "").matchAll(new RegExp(`href="${name}\\.html#([^"]+)"`, "g"))].map(
        (m) => m[1],
      );
      expect(links.length).toBeGreaterThan(2);
      const present = ids(both.html);
      for (const id of links) expect(present, id).toContain(id);
    }
  });

  it("reports the drafter's warnings at their lines only when the fact sheet is built", () => {
    const drafted = (b: Build) => b.rendered.file.messages.filter((m) => m.ruleId === "facts-drafted");
    expect(drafted(nigerHtml)).toEqual([]);
    expect(drafted(nigerBoth).length).toBeGreaterThan(0);
    for (const message of drafted(nigerBoth)) expect(message.line).toBeGreaterThan(0);
  });

  it("fails a fact not in the body at its quote's line only when the fact sheet is built", async () => {
    const path = "test/fixtures/lazy/bad-quote.md";
    const html = await build(path, [htmlFormat]);
    expect(html.rendered.ok).toBe(true);
    expect(html.rendered.file.messages.filter((m) => m.fatal)).toEqual([]);
    const both = await build(path, [htmlFormat, factsheetFormat]);
    expect(both.rendered.ok).toBe(false);
    expect(both.rendered.pending).toEqual([]);
    const errors = both.rendered.file.messages.filter((m) => m.fatal);
    expect(errors.map((m) => [m.line, m.ruleId])).toEqual([[7, "fact-provenance"]]);
    expect(errors[0]?.reason).toMatch(/not found word for word/);
  });
});
