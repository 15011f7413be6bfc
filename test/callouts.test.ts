import { readFileSync } from "node:fs";
import type { Element } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { openDocx, partText } from "./docx-package.ts";
import { pdfPages } from "./pdf-text.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { elementsWithRole, type StructureNode, structureNodes } from "./support/pdf-structure.ts";
import { checkPdfUa } from "./support/pdfua.ts";
import { loadReport, renderDocx, renderHtml, renderPdf, testAssets } from "./support/render.ts";

const fixture = "test/fixtures/callouts/callouts.md";
const source = readFileSync(fixture, "utf8");
/** The 1-based line of the first source line that starts with `start`. */
const lineOf = (start: string): number => source.split("\n").findIndex((l) => l.startsWith(start)) + 1;

/** The notes' titles and first body sentences, in source order. */
const titled = [
  ["Survey method", "Samples were drawn"],
  ["Note", "Results are preliminary"],
  ["Tip", "Sign up for text alerts"],
  ["Important", "Systems under an advisory"],
  ["Warning", "Boiling water does not remove lead"],
  ["Caution", "Do not use water under"],
  ["Tip", "A note with a kind and no title"],
] as const;

describe("call-outs: a note's title and GitHub's alerts", () => {
  let model: ReportModel;
  beforeAll(() => {
    model = loadReport(fixture);
  });

  it("warns at the line of each quote that looks like an alert and is not one", () => {
    const warnings = model.file.messages.filter((m) => m.ruleId === "callout");
    expect(warnings.map((m) => [m.line, m.column])).toEqual([
      [lineOf("> [!FOO]"), 3],
      [lineOf("> [!NOTE] Text"), 3],
    ]);
    expect(warnings[0]?.reason).toMatch(/Unknown alert `\[!FOO\]`.*\[!NOTE\].*kept as a quote/);
    expect(warnings[1]?.reason).toMatch(/alone on the quote's first line/);
  });

  it("HTML: each call-out is an aside with the note role, named by its title paragraph", async () => {
    const page = parsePage(await renderHtml(model));
    const asides = selectAll("article aside.note", page);
    expect(asides).toHaveLength(titled.length + 1);
    titled.forEach(([title, body], i) => {
      const aside = asides[i] as Element;
      const heading = aside.children.find((c): c is Element => c.type === "element") as Element;
      expect(attr(aside, "role")).toBe("note");
      expect(attr(heading, "className")).toBe("note-title");
      expect(visibleText(heading)).toBe(title);
      expect(attr(aside, "ariaLabelledBy")).toBe(attr(heading, "id"));
      expect(visibleText(aside)).toContain(body);
      expect(visibleText(aside)).not.toMatch(/\[!/);
    });
    expect(attr(asides[4], "className")).toBe("note note-warning");
    expect(attr(asides[6], "className")).toBe("note note-tip");
    // The plain note without a title: named by the word "Note", no title paragraph.
    const plain = asides.at(-1) as Element;
    expect(attr(plain, "ariaLabel")).toBe("Note");
    expect(selectAll(".note-title", plain)).toHaveLength(0);
    const ids = selectAll("[id]", page).map((e) => attr(e, "id"));
    expect(new Set(ids).size).toBe(ids.length);
    // The three quotes that are not alerts stay quotes, marker and all.
    const quotes = selectAll("article blockquote", page).map((q) => visibleText(q));
    expect(quotes).toHaveLength(3);
    expect(quotes[0]).toContain("[!FOO]");
    expect(quotes[1]).toContain("[!NOTE] Text on the marker’s line");
  });

  it("HTML: each kind has the theme's colours", async () => {
    const html = await renderHtml(model);
    const { callouts } = testAssets().theme;
    for (const [kind, look] of Object.entries(callouts))
      expect(html).toContain(
        `.note-${kind} { background: ${look.background}; border-left-color: ${look.rule};`,
      );
  });

  describe("PDF", () => {
    let pdf: Uint8Array;
    let divs: StructureNode[];
    beforeAll(async () => {
      pdf = await renderPdf(model);
      divs = elementsWithRole(await structureNodes(pdf), "Div").filter(
        (d) => d.children[0]?.role === "Caption",
      );
    });

    it("prints each title before its note's text, the alert markers gone", async () => {
      const text = (await pdfPages(pdf)).map((p) => p.text).join("\n");
      let from = text.indexOf("Background");
      for (const [title, body] of titled) {
        const at = text.indexOf(title, from);
        expect(at, title).toBeGreaterThan(from);
        expect(text.indexOf(body, at), body).toBeGreaterThan(at);
        from = text.indexOf(body, at);
      }
      expect(text).not.toContain("[!NOTE]\n");
      expect(text).not.toMatch(/\[!(TIP|IMPORTANT|warning|CAUTION)\]/);
      expect(text).toContain("[!FOO]");
    });

    it("tags each call-out as a Div whose first element is its title, a Caption, then its paragraphs", () => {
      expect(divs.map((d) => d.children[0]?.text)).toEqual(titled.map(([title]) => title));
      divs.forEach((div, i) => {
        expect(div.children[1]?.role).toBe("P");
        expect(div.children[1]?.text).toContain(titled[i]?.[1]);
      });
    });

    it("stays PDF/UA clean (no heading added to the outline's levels)", () => {
      expect(checkPdfUa(pdf)).toEqual([]);
    });
  });

  it("DOCX: a title paragraph in its kind's title style, kept with the note's text in the kind's style", async () => {
    const pkg = await openDocx(await renderDocx(model));
    const document = await pkg.part("word/document.xml");
    const styles = await pkg.part("word/styles.xml");
    const paragraphs = document.match(/<w:p\b[^>]*>.*?<\/w:p>/gs) ?? [];
    const styleOf = (text: string) => {
      const p = paragraphs.find((x) => partText(x).trim() === text || partText(x).includes(text)) ?? "";
      return /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1];
    };
    /** The paragraph before the one holding `body`: its note's title. */
    const titleBefore = (body: string) => {
      const i = paragraphs.findIndex((x) => partText(x).includes(body));
      return paragraphs[i - 1] ?? "";
    };
    expect(styleOf("Survey method")).toBe("NoteTitle");
    expect(styleOf("Samples were drawn")).toBe("Note");
    expect(styleOf("Boiling water does not remove lead")).toBe("NoteWarning");
    const warningTitle = titleBefore("Boiling water does not remove lead");
    expect(partText(warningTitle).trim()).toBe("Warning");
    expect(warningTitle).toContain('<w:pStyle w:val="NoteWarningTitle"/>');
    expect(warningTitle).toContain("<w:keepNext/>");
    expect(styleOf("Do not use water under")).toBe("NoteCaution");
    const { callouts } = testAssets().theme;
    const style = /<w:style [^>]*w:styleId="NoteWarning".*?<\/w:style>/s.exec(styles)?.[0] ?? "";
    expect(style).toContain(`w:fill="${callouts.warning.background.slice(1).toUpperCase()}"`);
    const titleStyle = /<w:style [^>]*w:styleId="NoteWarningTitle".*?<\/w:style>/s.exec(styles)?.[0] ?? "";
    expect(titleStyle).toContain('<w:basedOn w:val="NoteWarning"/>');
    expect(titleStyle).toContain(`<w:color w:val="${callouts.warning.title.slice(1).toUpperCase()}"/>`);
    expect(partText(document)).not.toMatch(/\[!(NOTE|TIP|IMPORTANT|warning|CAUTION)\]\n/);
  });

  it("titles an alert in the report's language", () => {
    const fr = loadReport(fixture, { text: source.replace("lang: en", "lang: fr") });
    const titles: string[] = [];
    const walk = (node: { type: string; data?: { calloutTitle?: boolean }; children?: unknown[] }) => {
      if (node.data?.calloutTitle) titles.push(partTextOf(node));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(fr.tree);
    expect(titles).toEqual([
      "Survey method",
      "Note",
      "Astuce",
      "Important",
      "Avertissement",
      "Attention",
      "Astuce",
    ]);
  });
});

describe("quotes that look like alerts and notes of no known kind", () => {
  const path = "test/fixtures/callouts/not-alerts.md";
  const text = readFileSync(path, "utf8");
  const lineIn = (start: string) => text.split("\n").findIndex((l) => l.trimStart().startsWith(start)) + 1;

  it("warns at the line of each, in source order, and keeps an alert inside keep-together", async () => {
    const model = loadReport(path);
    const warnings = model.file.messages.filter((m) => m.ruleId === "callout");
    expect(warnings.map((m) => m.line)).toEqual([
      lineIn("> [!NOTE]"),
      lineIn("> [!WARNING]"),
      lineIn(":::note{kind=danger}"),
    ]);
    expect(warnings.map((m) => m.reason)).toEqual([
      expect.stringMatching(
        /inside another block: GitHub makes alerts only at the top level; kept as a quote/,
      ),
      expect.stringMatching(/has no text; kept as a quote/),
      expect.stringMatching(/Unknown note kind `danger`.*set as a plain note/),
    ]);
    const page = parsePage(await renderHtml(model));
    const asides = selectAll("article aside.note", page);
    expect(asides.map((a) => attr(a, "className"))).toEqual(["note", "note note-tip"]);
    expect(selectAll("article li blockquote", page)).toHaveLength(1);
  });
});

describe("PDF pagination of a titled call-out", () => {
  it("never ends a page with a note's title, its text overleaf", async () => {
    // Each page: k one-line paragraphs and j lines more, then a warning: the title falls at every
    // height near the page's foot.
    const pages: string[] = [];
    for (let k = 22; k < 28; k++)
      for (let j = 1; j < 4; j++) {
        const filler = Array.from({ length: k }, (_, i) => `Filler line ${k}-${i}.`).join("\n\n");
        const shift = Array.from({ length: j }, (_, x) => `Shift ${j} line ${x}`).join("  \n");
        const body = Array(8).fill("The body of the warning runs on for several lines.").join(" ");
        pages.push(`::pagebreak\n\n${filler}\n\n${shift}\n\n> [!WARNING]\n> ${body}`);
      }
    const text = `---\ntitle: Pagination of call-outs\nlang: en\n---\n\n${pages.join("\n\n")}\n`;
    const model = loadReport("test/fixtures/callouts/generated.md", { text });
    const lastLines = (await pdfPages(await renderPdf(model))).map((page) => {
      const lines = page.text
        .split("\n")
        .map((l) => l.trim())
        // The running header and footer are drawn last: not the text's last line.
        .filter((l) => l && l !== model.meta.title && !/^Page \d+ of \d+$/.test(l));
      return lines.at(-1);
    });
    expect(lastLines.filter((l) => l === "Warning")).toEqual([]);
    expect(lastLines.filter((l) => l?.startsWith("Shift")).length).toBeGreaterThan(0);
  });
});

function partTextOf(node: { value?: string; children?: unknown[] }): string {
  return node.value ?? (node.children ?? []).map((c) => partTextOf(c as typeof node)).join("");
}
