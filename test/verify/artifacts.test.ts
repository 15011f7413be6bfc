/**
 * Release checks on whatever `make` left in out/ (run by `make verify`, not by `make test`):
 * the real validators a printer, Word, a browser and a screen reader user stand in for.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openFile } from "../support/browser.ts";
import { docxToPdf } from "../support/libreoffice.ts";
import { checkPdfUa } from "../support/pdfua.ts";
import { nuCheck } from "../support/vnu.ts";

const out = resolve(process.env.FOLIO_OUT ?? "out");
const files = readdirSync(out).sort();
const pick = (test: (name: string) => boolean) => files.filter(test).map((n) => join(out, n));
const pdfs = pick((n) => n.endsWith(".pdf"));
const docxs = pick((n) => n.endsWith(".docx"));
const htmls = pick((n) => n.endsWith(".html"));
const factsheetHtmls = pick((n) => n.endsWith(".factsheet.html"));

describe("artifacts in out/", () => {
  it("exist for every format", () => {
    expect(pdfs.length).toBeGreaterThan(0);
    expect(docxs.length).toBeGreaterThan(0);
    expect(htmls.length).toBeGreaterThan(0);
    expect(factsheetHtmls.length).toBeGreaterThan(0);
  });
});

describe.each(pdfs)("%s", (pdf) => {
  it("passes qpdf --check", () => {
    const result = spawnSync("qpdf", ["--check", pdf], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("embeds every font (pdffonts)", () => {
    const lines = execFileSync("pdffonts", [pdf], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.split(/\s+/).at(-5), line).toBe("yes");
  });

  it("is tagged PDF/UA-1: no Matterhorn failure test/support/pdfua.ts can find", () => {
    expect(checkPdfUa(new Uint8Array(readFileSync(pdf)))).toEqual([]);
  });

  it.runIf(pdf.endsWith(".factsheet.pdf"))("is exactly one page", () => {
    expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/^Pages:\s+1$/m);
  });
});

describe("Word documents", () => {
  it("convert to PDF in LibreOffice without error", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-lo-"));
    // Throws, with LibreOffice's stderr, when the conversion fails.
    docxToPdf(docxs, dir, { profile: join(dir, "profile"), timeout: 300_000 });
    for (const docx of docxs) {
      const pdf = join(
        dir,
        docx
          .split("/")
          .at(-1)
          ?.replace(/\.docx$/, ".pdf") ?? "",
      );
      expect(execFileSync("pdfinfo", [pdf], { encoding: "utf8" })).toMatch(/^Pages:\s+[1-9]/m);
      expect(readFileSync(pdf).byteLength).toBeGreaterThan(1000);
    }
  }, 300_000);
});

describe("HTML pages", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("have no error in the Nu HTML Checker", () => {
    expect(nuCheck(htmls).filter((m) => m.type === "error")).toEqual([]);
  });

  it.each(htmls)("%s: no WCAG 2.2 AA violation (axe-core) and no request to another host", async (html) => {
    const { page, requests } = await openFile(browser, html);
    const violations = await axeViolations(page);
    await page.close();
    expect(violations).toEqual([]);
    expect(requests).toEqual([]);
  });

  it.each(factsheetHtmls)("%s prints to exactly one page in Chromium", async (html) => {
    const { page } = await openFile(browser, html);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.close();
    const pages =
      Buffer.from(pdf)
        .toString("latin1")
        .match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
  });
});
