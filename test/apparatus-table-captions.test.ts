// pandoc's table captions in every position pandoc reads them (issue 24), including the line right
// under the table, which GFM alone would read as the table's last row: never a caption printed as a row.
import type { Table } from "mdast";
import { toString as nodeText } from "mdast-util-to-string";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { plainText } from "../src/model/plain-text.ts";
import type { ReportModel } from "../src/model/types.ts";
import { parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadReport, renderHtml } from "./support/render.ts";

const flat = (s: string) => s.replace(/[\s\u00a0]+/g, " ").trim();

function load(body: string): { model: ReportModel; file: VFile } {
  const file = new VFile({ path: "captions.md" });
  const model = loadReport("test/fixtures/apparatus/captions.md", {
    text: `---\ntitle: Captions\n---\n\n${body}`,
    file,
  });
  return { model, file };
}

/** Each table of the model: its rows' text and its caption's label, number and text. */
function tables(model: ReportModel) {
  return model.apparatus.tables.map(({ table, caption }) => ({
    rows: (table as Table).children.map((row) => row.children.map((cell) => plainText(cell)).join("|")),
    label: caption.label,
    number: caption.number,
    caption: flat(nodeText({ type: "paragraph", children: caption.children })),
  }));
}

const table = "| Wells | Systems |\n|---|---:|\n| 1 | 412 |";

describe("a table caption on the line right under the table (no blank line)", () => {
  it("`Table: …` is the caption, labelled and numbered, not a row", () => {
    const { model } = load(`${table}\nTable: Systems by wells {#tbl-wells}\n\nSee @tbl-wells.\n`);
    expect(tables(model)).toEqual([
      { rows: ["Wells|Systems", "1|412"], label: "tbl-wells", number: "1", caption: "Systems by wells" },
    ]);
    expect(flat(plainText(model.tree))).toContain("See Table 1.");
  });

  it("`: …` is the caption too, and a line under it continues it (pandoc's caption is a paragraph)", () => {
    const { model } = load(`${table}\n: Systems by wells,\nall of them {#tbl-wells}\n`);
    expect(tables(model)).toEqual([
      {
        rows: ["Wells|Systems", "1|412"],
        label: "tbl-wells",
        number: "1",
        caption: "Systems by wells, all of them",
      },
    ]);
  });

  it("keeps a `|` written in the caption", () => {
    const { model } = load(`${table}\nTable: Wells | systems\n`);
    expect(tables(model)[0]?.caption).toBe("Wells | systems");
    expect(tables(model)[0]?.rows).toEqual(["Wells|Systems", "1|412"]);
  });

  it("HTML: a <caption>, and no row holds the caption's words", async () => {
    const { model } = load(`${table}\nTable: Systems by wells {#tbl-wells}\n`);
    const html = parsePage(await renderHtml(model));
    expect(selectAll("table > caption", html).map((c) => flat(visibleText(c)))).toEqual([
      "Table 1: Systems by wells",
    ]);
    expect(selectAll("tr", html).map((tr) => flat(visibleText(tr)))).toEqual(["Wells Systems", "1 412"]);
  });

  it("a caption-like row with rows written after it stays a row, with a warning at its line", () => {
    const { model, file } = load(`${table}\nTable: not a caption\n| 2 | 80 |\n`);
    expect(tables(model)).toEqual([]);
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toContain("8:1 table-caption");
  });
});

describe("a caption before or after the table, pandoc's other forms", () => {
  it("`: …` right above the table (no blank line), and `Table: …` after a blank line", () => {
    const { model } = load(
      `: Systems by wells {#tbl-above}\n${table}\n\nText.\n\n${table}\n\nTable: Under, after a blank {#tbl-under}\n`,
    );
    expect(tables(model).map((t) => [t.label, t.number, t.caption, t.rows.length])).toEqual([
      ["tbl-above", "1", "Systems by wells", 2],
      ["tbl-under", "2", "Under, after a blank", 2],
    ]);
  });
});
