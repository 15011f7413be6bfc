import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  type ChromiumSession,
  chromiumSession,
  type FileLoader,
  fileLoader,
} from "./support/browser.ts";
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

let browser: ChromiumSession;
/** One page loads every file in turn: a context per file costs Chromium a renderer process each. */
let loader: FileLoader;
beforeAll(async () => {
  browser = await chromiumSession();
  loader = await fileLoader(browser);
});
afterAll(async () => {
  await browser?.close();
});

/** What one load of a page in Chromium shows: its requests, axe's violations, the fonts it drew with. */
interface Visit {
  requests: string[];
  violations: Awaited<ReturnType<typeof axeViolations>>;
  fonts: string[];
}
const visits = new Map<string, Promise<Visit>>();
/** The visit before: the loader's page is the last file's until the next load, so loads wait their turn. */
let lastVisit: Promise<unknown> = Promise.resolve();

/** Loads a page once for all the checks of it below (each reads what it asserts on). */
function visit(path: string): Promise<Visit> {
  let visited = visits.get(path);
  if (!visited) {
    visited = lastVisit.then(async () => {
      const { page, requests } = await loader.open(path);
      // The fonts first: axe's script, added to the page next, loads none.
      const fonts = await page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts]
          .filter((f) => f.status === "loaded")
          .map((f) => f.family.replace(/"/g, ""));
      });
      const violations = await axeViolations(page);
      return { requests: [...requests], violations, fonts };
    });
    lastVisit = visited.catch(() => undefined);
    visits.set(path, visited);
  }
  return visited;
}

const bad = join(dir, "bad.html");
writeFileSync(
  bad,
  '<!DOCTYPE html><html><head><title>x</title></head><body><p style="color:#eee">low contrast</p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><span><div>bad nesting</div></span><img src="https://example.com/x.png" alt="remote"></body></html>',
);
let checked: ReturnType<typeof nuCheck> | undefined;
/** The Nu HTML Checker's messages on the generated pages and the bad one: one Java run for all. */
const nuMessages = () => {
  checked ??= nuCheck([...Object.values(pages), bad]);
  return checked;
};
// vnu names a file `file:/tmp/…`: matched by its path.
const isBad = (m: { url?: string }) => m.url?.endsWith(bad) === true;

describe.each(Object.entries(pages))("%s.html in headless Chromium", (_name, path) => {
  it("makes no request to any other host or file", async () => {
    expect((await visit(path)).requests).toEqual([]);
  });

  it("has no WCAG 2.2 AA violation according to axe-core", async () => {
    expect((await visit(path)).violations).toEqual([]);
  });

  it("shows its fonts from the embedded faces, not the system's", async () => {
    expect(new Set((await visit(path)).fonts)).toEqual(new Set(["Merriweather", "Public Sans"]));
  });
});

describe("Nu HTML Checker", () => {
  it("reports no error on the generated pages", () => {
    const messages = nuMessages().filter((m) => !isBad(m));
    expect(messages.filter((m) => m.type === "error")).toEqual([]);
  });
});

describe("the checkers themselves", () => {
  it("catch violations, requests and markup errors on a bad page (so the checks above can fail)", async () => {
    const { violations, requests } = await visit(bad);
    expect(violations.map((v) => v.id)).toEqual(
      expect.arrayContaining(["html-has-lang", "image-alt", "color-contrast"]),
    );
    expect(requests).toContain("https://example.com/x.png");
    expect(nuMessages().some((m) => isBad(m) && m.type === "error")).toBe(true);
  });
});
