// The fact sheet for any report and any country, drafted or hand-written: one page, no figure the
// body does not state, dates and numbers as the sentences write them, a map framed on the
// country's main territory whose labels never cover each other, a chart only when there is
// something to compare, and a summary instead of a blank page when there is nothing to show.
import type { Element, Root } from "hast";
import { fromHtml } from "hast-util-from-html";
import { selectAll } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { describe, expect, it } from "vitest";
import { bodyText } from "../src/model/facts/provenance.ts";
import type { ReportModel } from "../src/model/types.ts";
import { pdfPageCount } from "../src/pipeline/manifest.ts";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { estimateTextWidth } from "../src/render/factsheet/svg.ts";
import { loadReport, sharedRender } from "./support/render.ts";

interface Sheet {
  model: ReportModel;
  pages: number;
  page: Root;
  messages: string[];
}

async function sheet(path: string): Promise<Sheet> {
  const model = loadReport(path);
  // Rendered once per run (sharedRender): html-widths reads the same sheets.
  const { artifacts, messages } = await sharedRender(factsheetFormat, model, { sourceDateEpoch: 0 });
  const pdf = artifacts.find((a) => a.suffix === ".factsheet.pdf")?.bytes as Uint8Array;
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  return {
    model,
    pages: pdfPageCount(pdf) ?? 0,
    page: fromHtml(html),
    messages: messages.map((m) => m.reason),
  };
}
const texts = (page: Root, selector: string) => selectAll(selector, page).map((e) => toText(e).trim());

/** Every figure the sheet shows (key figures, timeline, chart values) stands in the body as written. */
function expectNoUnstatedFigure(s: Sheet): void {
  const body = bodyText(s.model.tree).text;
  const shown = [
    ...texts(s.page, ".figures .value"),
    ...texts(s.page, ".timeline p"),
    ...texts(s.page, ".chart tbody td:nth-child(3)"),
  ];
  for (const text of shown)
    for (const figure of text.match(/\d[\d,.]*\d|\d/g) ?? [])
      expect(body, `“${figure}” in “${text}”`).toContain(figure);
}

/** The boxes of a map's place labels (the halo's twins skipped) and its size. */
function labelBoxes(s: Sheet) {
  const svg = selectAll("section[aria-labelledby=where] svg", s.page)[0] as Element | undefined;
  if (!svg) return { boxes: [], width: 0, height: 0 };
  const [, , width, height] = String(svg.properties.viewBox).split(" ").map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const boxes = (selectAll("text[font-size='7.5']", svg) as Element[])
    .filter((t) => !t.properties.stroke)
    .map((t) => {
      const x = Number(t.properties.x);
      const y = Number(t.properties.y);
      const w = estimateTextWidth(toText(t), 7.5);
      const anchor = String(t.properties.textAnchor);
      const x0 = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
      return { text: toText(t), x0, y0: y - 6, x1: x0 + w, y1: y + 1.5 };
    });
  return { boxes, width, height };
}

function expectLabelsApart(s: Sheet): void {
  const { boxes, width, height } = labelBoxes(s);
  for (const [i, a] of boxes.entries()) {
    expect(a.x0 >= 0 && a.x1 <= width && a.y0 >= 0 && a.y1 <= height, `${a.text} inside the frame`).toBe(
      true,
    );
    for (const b of boxes.slice(i + 1))
      expect(a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0, `${a.text} over ${b.text}`).toBe(
        false,
      );
  }
}

describe("a fact sheet for any report", () => {
  it("Niger (drafted): one page, the map of Niger, the timeline and a chart of what the sentences state", async () => {
    const s = await sheet("test/fixtures/reports/niger-2021.md");
    expect(s.pages).toBe(1);
    expect(texts(s.page, "h2#incidents")).toEqual(["2021 incidents"]);
    expect(texts(s.page, ".timeline time")).toEqual(["Jan 2", "Mar 16", "Mar 21", "May 4", "Nov 2"]);
    expect(toText(selectAll("section[aria-labelledby=where] title", s.page)[0] as Element)).toBe(
      "Locator map of Niger and its neighbours",
    );
    // Hedges stay on the bars; numbers as written.
    expect(texts(s.page, ".chart tbody td:nth-child(3)")).toEqual(
      expect.arrayContaining(["101", "an estimated 64", "an estimated 177", "at least 69"]),
    );
    expect(texts(s.page, ".chart figcaption")[0]).toContain("~64 means “an estimated 64”");
    expectNoUnstatedFigure(s);
    expectLabelsApart(s);
  });

  it("the Netherlands: the main territory framed (overseas parts noted), years on every row, numbers as quoted, no chart for one count", async () => {
    const s = await sheet("test/fixtures/briefs/high-water.md");
    expect(s.pages).toBe(1);
    expect(texts(s.page, "section[aria-labelledby=where] figcaption")).toEqual([
      "Parts of Netherlands far from its main territory are not shown.",
    ]);
    const desc = texts(s.page, "section[aria-labelledby=where] desc")[0] ?? "";
    expect(desc).toContain("Marked: Rotterdam, Valkenburg and Middelburg");
    expect(texts(s.page, "h2#incidents")).toEqual(["Incidents"]);
    expect(texts(s.page, ".timeline time")).toEqual(["1 Feb 1953", "14 Jul 2021"]);
    expect(texts(s.page, ".figures .value")[0]).toBe("1,836");
    expect(selectAll("#chart-heading", s.page)).toHaveLength(0); // one incident with a count: nothing to compare
    expect(s.messages.join("\n")).not.toMatch(/left out/);
    expectNoUnstatedFigure(s);
    expectLabelsApart(s);
  });

  it("the Dutch flood report (drafted, day-month-year dates): figures with their hedges, a map of the main territory", async () => {
    const s = await sheet("test/fixtures/reports/netherlands-floods.md");
    expect(s.pages).toBe(1);
    expect(texts(s.page, ".figures .value")).toEqual(["About 26 percent", "59 percent", "Some 72,000", "13"]);
    expect(texts(s.page, ".timeline time")).toEqual(["1 Feb 1953", "14 Jul 2021", "15 Jul 2021"]); // en-GB
    expectNoUnstatedFigure(s);
    expectLabelsApart(s);
  });

  it("Bangladesh (another region) and Mozambique (incidents told in prose): one page each, what the body states", async () => {
    for (const name of ["bangladesh-2021", "mozambique-2021", "colombia-2021"]) {
      const s = await sheet(`test/fixtures/reports/${name}.md`);
      expect(s.pages, name).toBe(1);
      expectNoUnstatedFigure(s);
      expectLabelsApart(s);
    }
    const bangladesh = await sheet("test/fixtures/reports/bangladesh-2021.md");
    expect(texts(bangladesh.page, ".timeline time")).toEqual(["May 17", "Jul 11", "Sep 16"]);
  });

  it("a report with nothing to draft gets a one-page brief sheet, not a blank page", async () => {
    const s = await sheet("test/fixtures/reports/nothing-to-draft.md");
    expect(s.pages).toBe(1);
    expect(texts(s.page, "#sheet-summary + p")[0]).toMatch(/^The ministry reviewed its guidance/);
    expect(texts(s.page, "#in-this-report + ul li")).toEqual(["Overview", "Next steps"]);
    expect(selectAll(".figures, .timeline, #chart-heading", s.page)).toHaveLength(0);
  });

  it("Mali: the labels of its seven places stay apart and inside the frame", async () => {
    const s = await sheet("source/mali-2021.md");
    expect(labelBoxes(s).boxes.map((b) => b.text)).toEqual([
      "Bamako",
      "Gao",
      "Kidal",
      "Tessalit",
      "Timbuktu",
      "Sikasso",
      "Bandiagara",
    ]);
    expectLabelsApart(s);
  });
});
