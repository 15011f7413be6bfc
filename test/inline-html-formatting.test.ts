// Inline HTML formatting (`H<sub>2</sub>O`, `21<sup>st</sup>`, `<strong>note:</strong>`, `<b>`, `<i>`,
// `<del>`, `<u>`, `<ins>`, `<a href>`, `<code>`, `<kbd>`, `<samp>`, `<var>`, `<mark>`) reaches every format, decided once in the model (src/model/inline-html-formatting.ts):
// the PDF and the Word brief used to print the text plain. Unbalanced tags are warnings.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import type { Nodes } from "mdast";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportModel } from "../src/model/types.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { loadReport, renderWith } from "./support/render.ts";

const scratch = mkdtempSync(join(tmpdir(), "folio-inline-html-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const source = [
  "---",
  "title: Inline HTML",
  "---",
  "",
  "Water is H<sub>2</sub>O in the 21<sup>st</sup> century: <strong>note:</strong> <b>bold</b>, <i>slanted</i>, <del>struck</del>.",
  "",
  "The Act is amended by <u>inserting</u> and <ins>adding</ins>.",
  "",
  'Read <a href="https://example.org/plan.pdf" title="The plan">the plan</a> at the <a id="here">anchor</a>.',
  "",
  'Run <code>make "all"</code> now.',
  "",
  "Press <kbd>Ctrl</kbd> until <samp>ready</samp> shows for <var>count</var>; <mark>look here</mark> and <small>fine print</small>.",
  "",
  "A <sup>2</sub> typo and a stray </b> tag.",
  "",
  "| Gas | Share |",
  "|---|---|",
  "| CO<sub>2</sub> | 80% |",
  "",
].join("\n");

let model: ReportModel;
beforeAll(() => {
  const path = join(scratch, "inline.md");
  writeFileSync(path, source);
  model = loadReport(path);
});

const bytesOf = async (format: typeof htmlFormat) =>
  (await renderWith(format, model, { sourceDateEpoch: 0 })).artifacts[0]?.bytes as Uint8Array;

describe("inline HTML formatting in the model", () => {
  it("becomes Markdown's nodes, or superscript and subscript, and no tag is left as raw HTML", () => {
    const types: string[] = [];
    const html: string[] = [];
    const walk = (node: Nodes) => {
      types.push(node.type);
      if (node.type === "html") html.push(node.value);
      if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
    };
    walk(model.tree);
    expect(types.filter((t) => t === "subscript")).toHaveLength(2);
    expect(types.filter((t) => t === "superscript")).toHaveLength(2);
    expect(types.filter((t) => t === "strong")).toHaveLength(2);
    expect(types).toContain("emphasis");
    expect(types).toContain("delete");
    expect(types.filter((t) => t === "underline")).toHaveLength(2);
    expect(types.filter((t) => t === "link")).toHaveLength(1);
    expect(types.filter((t) => t === "inlineCode")).toHaveLength(3);
    expect(types.filter((t) => t === "highlight")).toHaveLength(1);
    // The anchor without an address stays HTML, for the HTML edition; its `</a>` is no stray.
    expect(html).toEqual(['<a id="here">', "</a>", "<small>", "</small>", "</sub>", "</b>"]);
  });

  it("makes `<a href>` around its own address one link, not a link in a link", () => {
    const path = join(scratch, "address.md");
    writeFileSync(
      path,
      "---\ntitle: A\n---\n\nSee <a href=https://example.org/a/b>https://example.org/a/b</a>.\n",
    );
    const links: Array<{ url: string; inner: string[] }> = [];
    const walk = (node: Nodes) => {
      if (node.type === "link")
        links.push({ url: node.url, inner: node.children.map((child) => child.type) });
      if ("children" in node) for (const child of node.children as Nodes[]) walk(child);
    };
    walk(loadReport(path).tree);
    expect(links).toEqual([{ url: "https://example.org/a/b", inner: ["text"] }]);
  });

  it("warns at an unclosed tag and at a closing tag with no opening one", () => {
    const messages = model.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
    expect(messages).toEqual([
      "15:3 `<sup>` is not closed in its paragraph: the rest of it is superscript, as a browser reads it (close it with `</sup>`)",
      "15:9 `</sub>` closes no `<sub>` opened before it in its paragraph: it is left out",
      "15:33 `</b>` closes no `<b>` opened before it in its paragraph: it is left out",
      "13:103 `<small>` formats its text only in a browser: the PDF and the Word brief print it plain (use Markdown's marks, or leave the tag out)",
    ]);
  });
});

describe("every format shows it", () => {
  it("HTML: <sub>, <sup>, <strong>, <em>, <del>", async () => {
    const page = new TextDecoder().decode(await bytesOf(htmlFormat));
    expect(page).toContain("Water is H<sub>2</sub>O in the 21<sup>st</sup> century: <strong>note:</strong>");
    expect(page).toContain("<strong>bold</strong>, <em>slanted</em>, <del>struck</del>.");
    expect(page).toContain("The Act is amended by <u>inserting</u> and <ins>adding</ins>.");
    expect(page).toContain(
      'Read <a href="https://example.org/plan.pdf" title="The plan">the plan</a> at the <a id="here">anchor</a>.',
    );
    // Code as typed: its quotes stay straight where the prose's are curled.
    expect(page).toContain('Run <code>make "all"</code> now.');
    expect(page).toContain(
      "Press <kbd>Ctrl</kbd> until <samp>ready</samp> shows for <var>count</var>; <mark>look here</mark>",
    );
    expect(page).toContain("<td");
    expect(page).toMatch(/CO<sub>2<\/sub><\/td>/);
  });

  it("PDF: the raised and lowered text set smaller, above and below the line's baseline", async () => {
    const doc = await getDocument({ data: (await bytesOf(pdfFormat)).slice(), verbosity: 0 }).promise;
    const items: Array<{ str: string; size: number; y: number }> = [];
    for (let n = 1; n <= doc.numPages; n++)
      for (const item of (await (await doc.getPage(n)).getTextContent()).items)
        if ("str" in item && item.str.trim())
          items.push({
            str: item.str,
            size: Math.hypot(item.transform[0], item.transform[1]),
            y: item.transform[5],
          });
    const at = (text: string) => {
      const found = items.find((item) => item.str.includes(text));
      expect(found, text).toBeDefined();
      return found as (typeof items)[number];
    };
    const line = at("Water is H");
    const raised = items.find((item) => item.str === "st") as (typeof items)[number];
    const lowered = items.find(
      (item) => item.str === "2" && Math.abs(item.y - line.y) < line.size,
    ) as (typeof items)[number];
    expect(raised.size).toBeLessThan(line.size * 0.8);
    expect(raised.y).toBeGreaterThan(line.y);
    expect(lowered.size).toBeLessThan(line.size * 0.8);
    expect(lowered.y).toBeLessThan(line.y);
  });

  it("PDF: `<kbd>` and `<samp>` in the code face, `<mark>` on the highlight colour", async () => {
    const doc = await getDocument({ data: (await bytesOf(pdfFormat)).slice(), verbosity: 0 }).promise;
    const fonts = new Map<string, string>();
    let page: Awaited<ReturnType<typeof doc.getPage>> | undefined;
    for (let n = 1; n <= doc.numPages; n++) {
      const candidate = await doc.getPage(n);
      for (const item of (await candidate.getTextContent()).items)
        if ("str" in item && item.str.trim()) {
          fonts.set(item.str.trim(), item.fontName);
          if (item.str.includes("look")) page = candidate;
        }
    }
    const code = fonts.get("make");
    expect(code).toBeDefined();
    expect(fonts.get("Ctrl")).toBe(code);
    expect(fonts.get("ready")).toBe(code);
    expect(fonts.get("Press")).not.toBe(code);
    // The highlight is a rectangle filled in the theme's colour (#fff1a8) behind its words.
    const operators = await (page as NonNullable<typeof page>).getOperatorList();
    const fills = operators.argsArray
      .map((args) => JSON.stringify(args))
      .filter((args) => /fff1a8|255,241,168/i.test(args));
    expect(fills.length).toBeGreaterThan(0);
  });

  it("PDF: an `<a href>` is a link annotation to its address", async () => {
    const doc = await getDocument({ data: (await bytesOf(pdfFormat)).slice(), verbosity: 0 }).promise;
    const urls: string[] = [];
    for (let n = 1; n <= doc.numPages; n++)
      for (const annotation of await (await doc.getPage(n)).getAnnotations())
        if (annotation.url) urls.push(annotation.url);
    expect(urls).toEqual(["https://example.org/plan.pdf"]);
    const text = [];
    for (let n = 1; n <= doc.numPages; n++)
      for (const item of (await (await doc.getPage(n)).getTextContent()).items)
        if ("str" in item) text.push(item.str);
    expect(text.join("")).toContain('make "all"');
  });

  it("DOCX: runs with vertAlign superscript and subscript, bold and italic; a hyperlink", async () => {
    const zip = await JSZip.loadAsync(await bytesOf(docxFormat));
    const xml = await zip.file("word/document.xml")?.async("string");
    const rels = (await zip.file("word/_rels/document.xml.rels")?.async("string")) ?? "";
    const id = /Id="([^"]+)"[^>]*Target="https:\/\/example\.org\/plan\.pdf"/.exec(rels)?.[1];
    expect(id).toBeDefined();
    expect(xml).toMatch(new RegExp(`<w:hyperlink [^>]*r:id="${id}"[^>]*>.*?the plan.*?</w:hyperlink>`));
    const run = (text: string) =>
      new RegExp(`<w:r><w:rPr>((?:(?!</w:rPr>).)*)</w:rPr><w:t[^>]*>${text}</w:t></w:r>`).exec(
        xml ?? "",
      )?.[1];
    expect(run("st")).toContain('<w:vertAlign w:val="superscript"/>');
    expect(run("2")).toContain('<w:vertAlign w:val="subscript"/>');
    expect(run("bold")).toContain("<w:b/>");
    expect(run("slanted")).toContain("<w:i/>");
    expect(run("struck")).toContain("<w:strike/>");
    expect(run("inserting")).toContain('<w:u w:val="single"/>');
    expect(run("adding")).toContain('<w:u w:val="single"/>');
    expect(run("make &quot;all&quot;")).toContain('<w:rStyle w:val="VerbatimChar"/>');
    expect(run("Ctrl")).toContain('<w:rStyle w:val="VerbatimChar"/>');
    expect(run("ready")).toContain('<w:rStyle w:val="VerbatimChar"/>');
    expect(run("count")).toContain("<w:i/>");
    expect(run("look here")).toContain('<w:shd w:fill="FFF1A8" w:color="auto" w:val="clear"/>');
  });
});
