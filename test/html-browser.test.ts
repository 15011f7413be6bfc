import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, launchChromium, openFile } from "./support/browser.ts";
import { loadReport, renderHtml } from "./support/render.ts";
import { nuCheck } from "./support/vnu.ts";

const dir = mkdtempSync(join(tmpdir(), "folio-html-"));
const pages = {
  mali: join(dir, "mali-2021.html"),
  hostile: join(dir, "hostile.html"),
  callouts: join(dir, "callouts.html"),
};
writeFileSync(pages.mali, await renderHtml(loadReport("source/mali-2021.md")));
writeFileSync(pages.hostile, await renderHtml(loadReport("test/fixtures/hostile.md")));
// Notes with titles, GitHub's alerts in their colours (contrast) and <abbr title>.
writeFileSync(pages.callouts, await renderHtml(loadReport("test/fixtures/callouts/callouts.md")));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(Object.entries(pages))("%s.html in headless Chromium", (_name, path) => {
  it("makes no request to any other host or file", async () => {
    const { page, requests } = await openFile(browser, path);
    await page.close();
    expect(requests).toEqual([]);
  });

  it("has no WCAG 2.2 AA violation according to axe-core", async () => {
    const { page } = await openFile(browser, path);
    const violations = await axeViolations(page);
    await page.close();
    expect(violations).toEqual([]);
  });

  it("shows its fonts from the embedded faces, not the system's", async () => {
    const { page } = await openFile(browser, path);
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, ""));
    });
    await page.close();
    expect(new Set(loaded)).toEqual(new Set(["Merriweather", "Public Sans"]));
  });
});

describe("Nu HTML Checker", () => {
  it("reports no error on the generated pages", () => {
    const messages = nuCheck(Object.values(pages));
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
  });
});

describe("the checkers themselves", () => {
  const bad = join(dir, "bad.html");
  writeFileSync(
    bad,
    '<!DOCTYPE html><html><head><title>x</title></head><body><p style="color:#eee">low contrast</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><span><div>bad nesting</div></span><img src="https://example.com/x.png" alt="remote"></body></html>',
  );

  it("catch violations, requests and markup errors on a bad page (so the checks above can fail)", async () => {
    const { page, requests } = await openFile(browser, bad);
    const ids = (await axeViolations(page)).map((v) => v.id);
    await page.close();
    expect(ids).toEqual(expect.arrayContaining(["html-has-lang", "image-alt", "color-contrast"]));
    expect(requests).toContain("https://example.com/x.png");
    expect(nuCheck([bad]).some((m) => m.type === "error")).toBe(true);
  });
});
