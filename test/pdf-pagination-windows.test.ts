// Oracle for the windowed layout (src/engine/pdfmake/windowed-layout.ts): every PDF must be byte for byte the
// one pdfmake's own loop makes (lay out the whole document again after each break). pdfmake's
// loop is reached by handing it a `pageBreakBefore` that is not marked `decidesOnWindows`.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NodeInfo, NodeQueries } from "../src/engine/pdfmake/break-scan.ts";
import { decidesOnWindows, lastLayout } from "../src/engine/pdfmake/windowed-layout.ts";
import { loadDocument } from "../src/model/book/load.ts";
import type { ReportModel } from "../src/model/types.ts";
import { bodyParagraphStyle } from "../src/render/pdf/blocks.ts";
import { pdfDocument } from "../src/render/pdf/document.ts";
import { pdfFonts } from "../src/render/pdf/fonts.ts";
import { addOutline } from "../src/render/pdf/outline.ts";
import { runningStyle } from "../src/render/pdf/styles.ts";
import { loadModel, optionsFor, testAssets } from "./support/render.ts";

type Callback = (node: NodeInfo, queries: NodeQueries) => boolean;

/** A node as the callback sees it, page numbers counted from `base` (a window numbers its own). */
function seenNode(node: NodeInfo, base: number) {
  const text = node.text;
  return {
    text: Array.isArray(text) ? text.map((t) => (typeof t === "string" ? t : t.text)).join("") : text,
    style: node.style,
    level: node.headlineLevel,
    pages: node.pageNumbers.map((p) => p - base),
    top: node.startPosition.verticalRatio,
  };
}
const inFlow = (node: NodeInfo) => node.style !== runningStyle;

/**
 * The PDF of a model, laid out with windows or with pdfmake's loop; the layout work done; and
 * what the callback was shown for every heading and body paragraph it decided on.
 */
async function render(model: ReportModel, loop: "windows" | "pdfmake") {
  const plan = pdfDocument(
    model,
    testAssets(),
    optionsFor(model, { sourceDateEpoch: 1_700_000_000 }),
    model.file,
  );
  const definition = plan.definition as unknown as { pageBreakBefore: Callback };
  const decide = definition.pageBreakBefore;
  const seen: unknown[] = [];
  const recording: Callback = (node, queries) => {
    const moves = decide(node, queries);
    if (node.headlineLevel || node.style === bodyParagraphStyle) {
      const base = node.pageNumbers[0] as number;
      seen.push({
        node: seenNode(node, base),
        moves,
        following: queries
          .getFollowingNodesOnPage()
          .filter(inFlow)
          .map((n) => seenNode(n, base)),
        nextPage: queries
          .getNodesOnNextPage()
          .filter(inFlow)
          .map((n) => seenNode(n, base)),
      });
    }
    return moves;
  };
  // A callback without the mark is laid out by pdfmake's own loop.
  definition.pageBreakBefore = loop === "windows" ? decidesOnWindows(recording) : recording;
  const bytes = await pdfFonts(testAssets().fonts)
    .printer()
    .render(plan.definition, plan.resources, (doc) => {
      addOutline(doc, model.outline, plan.placedIds);
    });
  return { bytes: Buffer.from(bytes), layout: { ...lastLayout }, seen };
}

const model = (name: string, text: string) => loadModel(`/virtual/${name}.md`, { text, baseDir: "/virtual" });

/** A seeded generator of report bodies: the blocks Folio's pagination reacts to, at varied sizes. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const vocabulary =
  "the report notes that security forces in the region remained under strain while courts moved slowly on terrorism cases and border posts".split(
    " ",
  );
function sentence(r: () => number, words: number): string {
  const ws = Array.from({ length: words }, () => vocabulary[Math.floor(r() * vocabulary.length)]);
  return `${ws.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
}
function paragraph(r: () => number, lines: number): string {
  return Array.from({ length: Math.max(1, Math.round(lines * 1.3)) }, () =>
    sentence(r, 6 + Math.floor(r() * 6)),
  ).join(" ");
}

/** One block of Markdown of a kind picked by `r`, `n` counting blocks (for unique headings and notes). */
function block(r: () => number, n: number, kinds: string): string {
  const kind = kinds[Math.floor(r() * kinds.length)];
  switch (kind) {
    case "h":
      return `${r() < 0.7 ? "##" : "###"} Heading ${n} ${sentence(r, 1 + Math.floor(r() * 5))}`;
    case "p":
      return paragraph(r, r() < 0.5 ? 1 + Math.floor(r() * 3) : 4 + Math.floor(r() * 14));
    case "l":
      return Array.from({ length: 2 + Math.floor(r() * 5) }, (_, i) =>
        i === 1 && r() < 0.4 ? `- ## Listed heading ${n}` : `- ${paragraph(r, 1 + Math.floor(r() * 4))}`,
      ).join("\n");
    case "o":
      return Array.from(
        { length: 2 + Math.floor(r() * 4) },
        (_, i) => `${i + 1}. ${paragraph(r, 1 + Math.floor(r() * 3))}`,
      ).join("\n");
    case "q":
      return `> ${r() < 0.4 ? `### Quoted heading ${n}\n>\n> ` : ""}${paragraph(r, 2 + Math.floor(r() * 8))}`;
    case "t": {
      const rows = Array.from(
        { length: 2 + Math.floor(r() * 14) },
        (_, i) => `| row ${i} | ${sentence(r, 3)} | ${sentence(r, 1 + Math.floor(r() * 12))} |`,
      );
      return ["| Key | Value | Note |", "| --- | --- | --- |", ...rows].join("\n");
    }
    case "f":
      return `${paragraph(r, 2 + Math.floor(r() * 4))}[^n${n}]\n\n[^n${n}]: ${paragraph(r, 1 + Math.floor(r() * 3))}`;
    case "c":
      return `\`\`\`\n${Array.from({ length: 2 + Math.floor(r() * 25) }, (_, i) => `line ${i} = ${i * 7}`).join("\n")}\n\`\`\``;
    case "n":
      return `:::note\n#### Boxed heading ${n}\n\n${paragraph(r, 1 + Math.floor(r() * 5))}\n:::`;
    case "b":
      return "::pagebreak";
    case "k":
      return `:::keep-together\n${paragraph(r, 3)}\n\n${paragraph(r, 3)}\n:::`;
    default:
      return "---";
  }
}

function report(seed: number, blocks: number, kinds: string, extra = ""): string {
  const r = rng(seed);
  const body = Array.from({ length: blocks }, (_, n) => block(r, n, kinds)).join("\n\n");
  return `---\ntitle: Generated report ${seed}\n---\n\n${extra}${body}\n`;
}

async function expectSameAsPdfmake(name: string, text: string) {
  // One model for both layouts: a renderer changes nothing in it (architecture/pure-renderers).
  const report = model(name, text);
  const windowed = await render(report, "windows");
  const pdfmake = await render(report, "pdfmake");
  // Every decision made on the same view of the page as in pdfmake's loop, then the same bytes.
  expect(windowed.seen, `${name}: what the callback saw`).toEqual(pdfmake.seen);
  expect(windowed.bytes.equals(pdfmake.bytes), `${name}: windowed PDF differs from pdfmake's loop`).toBe(
    true,
  );
  return windowed.layout;
}

describe("windowed page-break decisions", () => {
  it("give pdfmake's own PDF for reports with headings, paragraphs, lists, quotes, tables, notes", async () => {
    const cases: [string, string][] = [
      ["headings-and-prose", report(1, 150, "hhpppp")],
      ["everything", report(2, 200, "hpplloqtfcnkx")],
      ["short-paragraphs", report(3, 250, "hppp")],
      ["tables-and-code", report(4, 120, "hhtcpp")],
      ["nested-headings", report(5, 150, "hlqnp")],
      ["page-breaks-and-toc", report(6, 150, "hpbplq", "::toc\n\n")],
      [
        "contents-mid-report",
        `${report(7, 60, "hpppp")}\n::toc\n\n${report(8, 150, "hpplq").split("---\n").at(-1)}`,
      ],
    ];
    const work = { windows: 0, breaks: 0, nestedBreaks: 0 };
    for (const [name, text] of cases) {
      const layout = await expectSameAsPdfmake(name, text);
      for (const key of Object.keys(work) as (keyof typeof work)[]) work[key] += layout[key];
    }
    // The reports exercise what the windows must get right: many breaks, some inside a list or quote.
    // (The callback moves headings only: a paragraph's lines are kept together by the layout itself.)
    expect(work.breaks).toBeGreaterThan(20);
    expect(work.nestedBreaks).toBeGreaterThan(0);
    expect(work.windows).toBeGreaterThan(work.breaks);
  }, 300_000);

  it("give pdfmake's own PDF for random reports (fast-check, pinned seed)", async () => {
    const kind = fc.constantFrom(..."hhpppplloqtfcnkbx");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(kind, fc.integer({ min: 1, max: 1e9 })), { minLength: 60, maxLength: 160 }),
        async (spec) => {
          const body = spec.map(([k, seed], n) => block(rng(seed), n, k)).join("\n\n");
          await expectSameAsPdfmake("random", `---\ntitle: Random report\n---\n\n${body}\n`);
        },
      ),
      { numRuns: 6, seed: Number(process.env.FOLIO_SEED ?? 20_240_607) },
    );
  }, 300_000);

  it("give pdfmake's own PDF for books, their parts and chapters breaking to right-hand pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-windows-book-"));
    const names = Array.from({ length: 7 }, (_, i) => `chapter-${i + 1}`);
    names.forEach((name, i) => {
      writeFileSync(join(dir, `${name}.md`), report(40 + i, 25 + 9 * i, i % 2 ? "hhpppplq" : "hpptfpo"));
    });
    const parts = `parts:\n  - title: First\n    chapters: [${names.slice(0, 3).join(".md, ")}.md]\n  - title: Second\n    chapters: [${names.slice(3).join(".md, ")}.md]\n`;
    const work = { windows: 0, breaks: 0 };
    for (const sided of [false, true]) {
      const path = join(dir, `book-${sided}.md`);
      writeFileSync(path, `---\ntitle: Book\n${parts}two-sided: ${sided}\n---\n\n${paragraph(rng(3), 4)}\n`);
      const book = loadDocument(path, testAssets());
      const windowed = await render(book, "windows");
      const pdfmake = await render(book, "pdfmake");
      expect(windowed.seen, `two-sided ${sided}: what the callback saw`).toEqual(pdfmake.seen);
      expect(windowed.bytes.equals(pdfmake.bytes), `two-sided ${sided}: windowed PDF differs`).toBe(true);
      work.windows += windowed.layout.windows;
      work.breaks += windowed.layout.breaks;
    }
    expect(work.breaks).toBeGreaterThan(5);
    expect(work.windows).toBeGreaterThan(work.breaks);
  }, 300_000);

  it("lays out a report that needs no break once, as pdfmake does", async () => {
    const text = `---\ntitle: Short\n---\n\n## One\n\n${paragraph(rng(9), 3)}\n`;
    const layout = await expectSameAsPdfmake("short", text);
    expect(layout).toMatchObject({ fullPasses: 1, windows: 0 });
  });
});
