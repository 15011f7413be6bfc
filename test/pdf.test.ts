import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Nodes, Root } from "mdast";
import { toString as plainText } from "mdast-util-to-string";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { type OutlineItem, pdfOutline, pdfPages } from "./pdf-text.ts";
import { loadReport, renderPdf, sharedBytes } from "./support/render.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-pdf-"));
const epoch = 1_700_000_000;

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const tool = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });

/** Every sentence of the body's text blocks (paragraphs, headings, list items, cells), in order. */
function sentences(tree: Root): string[] {
  const blocks: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
      blocks.push(plainText(node));
      return;
    }
    if ("children" in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return blocks
    .flatMap((b) =>
      b
        .replace(/\s+/g, " ")
        .trim()
        .split(/(?<=[.!?])\s+(?=[A-Z“"])/),
    )
    .filter(Boolean);
}

/**
 * The reading text of a PDF from `pdftotext -layout`: running header and footer lines removed,
 * lines joined (after a line-end hyphen without a space, as the hyphen was a break point).
 */
function readingText(path: string, header: string): string {
  const pages = tool("pdftotext", "-layout", path, "-").split("\f");
  return pages
    .map((page) =>
      page
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== header && !/^Page \d+ of \d+$/.test(line))
        .join("\n"),
    )
    .join("\n")
    .replace(/-\n\s*/g, "-")
    .replace(/\s+/g, " ");
}

function titles(items: OutlineItem[]): string[] {
  return items.flatMap((i) => [i.title, ...titles(i.items)]);
}

describe("PDF edition of the Mali report", () => {
  let model: ReportModel;
  let bytes: Uint8Array;
  let path: string;
  beforeAll(async () => {
    model = loadReport("source/mali-2021.md");
    // The build pdfua and docx-layout read too (sharedRender); rendered afresh below to compare.
    bytes = await sharedBytes(pdfFormat, model, { sourceDateEpoch: epoch });
    path = save("mali-2021.pdf", bytes);
  });

  it("passes qpdf --check", () => {
    expect(tool("qpdf", "--check", path)).toMatch(/No syntax or stream encoding errors found/);
  });

  it("embeds every font, and only the theme's faces (no standard-14 font)", () => {
    const rows = tool("pdffonts", path).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row).toMatch(
        /^[A-Z]{6}\+(Merriweather|PublicSans|RobotoMono)-\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/,
      );
    }
    expect(tool("pdffonts", path)).not.toMatch(/Helvetica|Times|Courier|Symbol|ZapfDingbats|Roboto-/);
  });

  it("is US Letter, 612 × 792 pt, on every page", async () => {
    const pages = await pdfPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect([page.width, page.height]).toEqual([612, 792]);
  });

  it("holds every sentence and heading of the source, in order", () => {
    const text = readingText(path, "Country Reports on Terrorism 2021 · Mali");
    const all = sentences(model.tree);
    expect(all.length).toBeGreaterThan(40);
    let at = 0;
    for (const sentence of all) {
      const found = text.indexOf(sentence, at);
      expect(found, `sentence not found in order: “${sentence}”`).toBeGreaterThanOrEqual(0);
      at = found + sentence.length;
    }
  });

  it("has an outline with all six section headings, each landing on its heading", async () => {
    const outline = await pdfOutline(bytes);
    expect(outline.map((i) => i.title)).toEqual([
      "Overview",
      "2021 Terrorist Incidents",
      "Legislation, Law Enforcement, and Border Security",
      "Countering the Financing of Terrorism",
      "Countering Violent Extremism",
      "International and Regional Cooperation",
    ]);
    expect(outline.map((i) => i.dest)).toEqual(model.outline.map((e) => e.id));
  });

  it("shows the title block and colophon on the cover, and “Page N of M” and the header on every later page", async () => {
    const pages = await pdfPages(bytes);
    const cover = pages[0]?.text ?? "";
    expect(cover).toContain("Country Reports on Terrorism 2021");
    expect(cover).toContain("Mali");
    expect(cover).toContain("Contents");
    expect(cover).toMatch(/Typeset by Folio \d+\.\d+\.\d+ from mali-2021\.md/);
    expect(cover).not.toMatch(/Page \d+ of/);
    pages.slice(1).forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 2} of ${pages.length}`);
      expect(page.text).toContain("Country Reports on Terrorism 2021 · Mali");
    });
  });

  it("lists the sections with page numbers in its contents", async () => {
    const cover = (await pdfPages(bytes))[0]?.text.replace(/\s+/g, " ") ?? "";
    expect(cover).toMatch(
      /Overview 2 2021 Terrorist Incidents 2 Legislation, Law Enforcement, and Border Security \d/,
    );
  });

  it("records the document information, dated from SOURCE_DATE_EPOCH", () => {
    const info = tool("pdfinfo", "-isodates", path);
    expect(info).toMatch(/Title:\s+Country Reports on Terrorism 2021: Mali/);
    expect(info).toMatch(/Author:\s+Bureau of Counterterrorism, U\.S\. Department of State/);
    expect(info).toMatch(/Subject:\s+The transition government/);
    expect(info).toMatch(/Keywords:\s+terrorism, counterterrorism, Mali, Sahel, JNIM, ISIS-GS/);
    expect(info).toMatch(/Creator:\s+Folio \d+\.\d+\.\d+/);
    expect(info).toMatch(/CreationDate:\s+2023-11-14T22:13:20Z/);
    expect(info).toMatch(/ModDate:\s+2023-11-14T22:13:20Z/);
  });

  it("is byte-for-byte reproducible with SOURCE_DATE_EPOCH", async () => {
    const again = await renderPdf(loadReport("source/mali-2021.md"), { sourceDateEpoch: epoch });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it("prints on A4 when asked by the option or the front matter", async () => {
    for (const a4 of [
      await renderPdf(model, { paper: "a4" }),
      await renderPdf(
        loadReport("a4.md", { text: "---\ntitle: A4 report\npaper: a4\n---\n\nText.\n", baseDir: "." }),
        {},
      ),
    ]) {
      const pages = await pdfPages(a4);
      for (const page of pages) {
        expect(page.width).toBeCloseTo(595.28, 1);
        expect(page.height).toBeCloseTo(841.89, 1);
      }
    }
  });
});

describe("PDF edition of the feature sampler", () => {
  let bytes: Uint8Array;
  let path: string;
  let text: string;
  beforeAll(async () => {
    const model = loadReport("test/fixtures/pdf-features/features.md");
    bytes = await renderPdf(model, { sourceDateEpoch: 0 });
    path = save("features.pdf", bytes);
    text = (await pdfPages(bytes))
      .map((p) => p.text)
      .join("\n")
      .replace(/\s+/g, " ");
  });

  it("sets inline formatting, breaks and links as text", () => {
    expect(text).toContain(
      "Plain text with emphasis, strong words, struck text, inline code, a web link and an internal link.",
    );
    expect(text).toContain("A soft line break joins this sentence.");
    expect(text).toMatch(/A hard break starts this line\. A footnote follows\.\s?1/);
  });

  it("renders lists with their numbers, nesting and task boxes, quotes, code, tables, raw HTML and notes", () => {
    // pdfmake draws list markers after their item, so read the page as laid out (pdftotext -layout).
    const text = readingText(path, "Folio Test Series · Testland");
    const order = [
      "A quoted passage stays indented.",
      "1. First ordered",
      "2. Second ordered",
      "Nested bullet",
      "Deeper bullet",
      "5. Starts at five",
      "6. Then six",
      "Open task",
      "Done task",
      "Sub Section",
      "const answer = 42;",
      "Left Centre Right",
      "apple banana 3",
      "cherry date 14",
      "The state seal",
      "A vector seal",
      "Raw inline html text",
      "A note in a box.",
      "Second Section",
      "Notes",
      "1. The first note text.",
      "2. The second note text.",
    ];
    let at = 0;
    for (const piece of order) {
      const found = text.indexOf(piece, at);
      expect(found, `“${piece}” not found in order`).toBeGreaterThanOrEqual(0);
      at = found + piece.length;
    }
    // The task boxes are drawn (the faces have no ☐/☑); their state is the item's Lbl, as text
    // drawn invisibly where the box is (PDF/UA: a list label is text), so it reads as "[x] Done task".
    expect(text).not.toMatch(/[☐☑]/);
    expect(text).toContain("[ ] Open task");
    expect(text).toContain("[x] Done task");
  });

  it("embeds the local images", () => {
    const list = tool("pdfimages", "-list", path);
    expect(list).toMatch(/\s120\s+60\s+rgb/);
  });

  it("nests the outline by heading level", async () => {
    const outline = await pdfOutline(bytes);
    expect(outline.map((i) => i.title)).toEqual(["First Section", "Second Section"]);
    expect(outline[0]?.items.map((i) => i.title)).toEqual(["Sub Section"]);
    expect(titles(outline)).not.toContain("Feature Sampler");
  });

  it("makes internal links and footnote references clickable destinations", () => {
    // Link annotations and the actions they point to (qpdf JSON: strings are prefixed "u:").
    const dicts: Array<Record<string, unknown>> = [];
    const collect = (value: unknown) => {
      if (!value || typeof value !== "object") return;
      const dict = value as Record<string, unknown>;
      dicts.push(dict);
      for (const child of Object.values(dict)) collect(child);
    };
    collect(JSON.parse(tool("qpdf", "--json", path)));
    expect(dicts.filter((d) => d["/Subtype"] === "/Link").length).toBeGreaterThanOrEqual(4);
    const destinations = dicts.filter((d) => d["/S"] === "/GoTo").map((d) => d["/D"]);
    expect(destinations).toContain("u:second-section");
    expect(destinations).toContain("u:fn:1");
    expect(destinations).toContain("u:fn:2");
    const uris = dicts.filter((d) => d["/S"] === "/URI").map((d) => d["/URI"]);
    expect(uris).toContain("u:https://example.org");
  });
});

describe("PDF: a link whose fragment is not valid percent-encoding", () => {
  it("keeps its text, without a link, instead of failing the build", async () => {
    // `#%E0%A4` is no UTF-8: decodeURIComponent throws on it. The link goes to no id of the
    // report (the model warns at it), so the PDF prints its text, as for any unknown `#id`.
    const text =
      "---\ntitle: Fragments\n---\n\n# Intro\n\nSee [the broken part](#%E0%A4) and [the intro](#intro).\n";
    const model = loadReport(join(dir, "fragments.md"), { text });
    const pages = await pdfPages(await renderPdf(model));
    const words = pages.map((page) => page.text).join(" ");
    expect(words).toContain("See the broken part and the intro.");
  });
});
