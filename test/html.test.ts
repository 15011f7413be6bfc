import type { Element } from "hast";
import { beforeAll, describe, expect, it } from "vitest";
import { findInOrder, treeSentences } from "../src/model/sentences.ts";
import { htmlFormat } from "../src/render/html/format.ts";
import { attr, parsePage, selectAll, visibleText } from "./support/html.ts";
import { loadReport, renderHtml, renderWith } from "./support/render.ts";

describe("HTML edition of Mali", async () => {
  const model = loadReport("source/mali-2021.md");
  const html = await renderHtml(model);
  const page = parsePage(html);
  const one = (selector: string): Element | undefined => selectAll(selector, page)[0];

  it("holds every sentence and heading of the report, in order", () => {
    const sentences = treeSentences(model.tree);
    const result = findInOrder(visibleText(one("article") as Element), sentences);
    expect(result.missing).toBeUndefined();
    expect(result.found).toBe(sentences.length);
  });

  it("has the language, title and description from the metadata", () => {
    expect(attr(one("html"), "lang")).toBe("en-US");
    expect(visibleText(one("title") as Element)).toBe("Country Reports on Terrorism 2021: Mali");
    expect(attr(one('meta[name="description"]'), "content")).toMatch(/^The transition government, installed/);
  });

  it("has landmarks, a skip link to main and one h1", () => {
    expect(selectAll("header.masthead", page)).toHaveLength(1);
    expect(selectAll("main#main", page)).toHaveLength(1);
    expect(selectAll("footer", page).length).toBeGreaterThanOrEqual(1);
    expect(attr(one("a.skip-link"), "href")).toBe("#main");
    expect(selectAll("h1", page).map((h) => visibleText(h))).toEqual(["Mali"]);
  });

  it("has a table of contents linking to every section heading", () => {
    const links = selectAll("nav.toc a", page);
    expect(links.map((a) => visibleText(a))).toEqual(model.outline.map((e) => e.text));
    for (const a of links) {
      const id = attr(a, "href")?.slice(1) ?? "";
      expect(selectAll(`h2[id="${id}"]`, page)).toHaveLength(1);
    }
  });

  it("keeps heading levels in order (no level skipped on the way down)", () => {
    const levels = selectAll("h1, h2, h3, h4, h5, h6", page).map((h) => Number(h.tagName[1]));
    levels.forEach((level, i) => {
      if (i > 0) expect(level - (levels[i - 1] ?? 1)).toBeLessThanOrEqual(1);
    });
  });

  it("is self-contained: no script, no external stylesheet, no resource from another host", () => {
    expect(selectAll("script, link[rel=stylesheet], iframe", page)).toHaveLength(0);
    const resources = selectAll("[src]", page).map((e) => attr(e, "src") ?? "");
    expect(resources.every((src) => src.startsWith("data:"))).toBe(true);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(attr(one('meta[http-equiv="Content-Security-Policy"]'), "content")).toContain(
      "default-src 'none'",
    );
  });

  it("has a print stylesheet", () => {
    expect(html).toMatch(/@media print\s*\{[\s\S]*@page\s*\{\s*size:\s*letter/);
  });
});

describe("HTML sanitising and images", () => {
  let html = "";
  let text = "";
  let messages: string[] = [];
  beforeAll(async () => {
    const model = loadReport("test/fixtures/hostile.md");
    const rendered = await renderWith(htmlFormat, model);
    html = new TextDecoder().decode(rendered.artifacts[0]?.bytes);
    text = visibleText(parsePage(html));
    messages = [...model.file.messages, ...rendered.messages].map((m) => m.reason);
  });

  it("removes scripts, event handlers, iframes and styles but keeps the prose", () => {
    expect(html).not.toMatch(/<script|<iframe|onerror|onclick|alert\(/i);
    expect(html).not.toMatch(/<style>\.report p/);
    for (const words of [
      "Before the script.",
      "After the script.",
      "Clickable paragraph text.",
      "Image with handler.",
    ]) {
      expect(text).toContain(words);
    }
  });

  it("drops javascript: and data:text/html URLs from links", () => {
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/data:text\/html/i);
    expect(text).toContain("js link");
    expect(text).toContain("md js");
  });

  it("inlines a local image with its alt text and never requests a remote one", () => {
    const page = parsePage(html);
    const images = selectAll("img", page);
    expect(images).toHaveLength(1);
    expect(attr(images[0], "src")).toMatch(/^data:image\/png;base64,/);
    expect(attr(images[0], "alt")).toBe("A local seal");
    expect(text).toContain("[Image: A remote picture]");
    expect(messages.some((m) => /not local/.test(m))).toBe(true);
  });
});
