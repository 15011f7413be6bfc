// A renderer is render(model, assets, options) → { artifacts, messages }. These tests hold each
// format to it: no file is read while rendering (only the assets, handed in, may read theirs,
// lazily), nothing is added to the model, and the same inputs give the same bytes and messages.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { loadDocument } from "../../src/model/book/load.ts";
import { docxFormat } from "../../src/render/docx/format.ts";
import { factsheetFormat } from "../../src/render/factsheet/format.ts";
import type { Format } from "../../src/render/format.ts";
import { htmlFormat } from "../../src/render/html/format.ts";
import { pdfFormat } from "../../src/render/pdf/format.ts";
import { loadReport, renderWith, testAssets } from "../support/render.ts";

const formats: Format[] = [htmlFormat, pdfFormat, docxFormat, factsheetFormat];
const mali = "source/mali-2021.md";
const book = "test/fixtures/book/crt-2021.md";
interface Unread {
  selfCheck: string[];
  results: Record<string, { reads: string[]; artifacts: Record<string, number> }>;
}
let unread: Unread | undefined;
/**
 * Mali and a book rendered in every format with node:fs trapped, in one process of their own
 * (there node:fs can be trapped for ES imports too: vitest wraps built-ins); started once for both.
 */
function renderWithoutDisk(): Unread {
  if (unread) return unread;
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx/esm", fileURLToPath(new URL("render-without-disk.ts", import.meta.url)), mali, book],
    { encoding: "utf8", timeout: 180_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  unread = JSON.parse(run.stdout) as Unread;
  return unread;
}

describe("renderers are pure", () => {
  it("read no file while rendering Mali in every format (only the assets, handed in, read theirs)", () => {
    const { selfCheck, results } = renderWithoutDisk();
    expect(selfCheck).toContain("readFileSync(package.json)"); // the trap sees a read, so this can fail
    expect(results[mali]?.reads).toEqual([]);
    expect(results[mali]?.artifacts).toEqual({ html: 1, pdf: 1, docx: 1, factsheet: 2 });
  }, 180_000);

  it("read no file while rendering a book in every format (its chapters were read when it loaded)", () => {
    const { results } = renderWithoutDisk();
    expect(results[book]?.reads).toEqual([]);
    // The index and a page per chapter; no fact sheet of its own.
    expect(results[book]?.artifacts).toEqual({ html: 4, pdf: 1, docx: 1, factsheet: 0 });
  }, 180_000);

  it("add nothing to a book's model and give the same bytes for the same inputs", async () => {
    const model = loadDocument("test/fixtures/book/crt-2021.md", testAssets());
    const before = JSON.stringify(model.tree);
    for (const format of formats) {
      const a = await renderWith(format, model, { sourceDateEpoch: 0 });
      const b = await renderWith(format, model, { sourceDateEpoch: 0 });
      expect(b.artifacts.map((x) => Buffer.from(x.bytes).toString("base64"))).toEqual(
        a.artifacts.map((x) => Buffer.from(x.bytes).toString("base64")),
      );
    }
    expect(JSON.stringify(model.tree)).toBe(before);
  });

  it("add nothing to the model and give the same bytes and messages for the same inputs", async () => {
    const model = loadReport("source/mali-2021.md");
    const before = model.file.messages.length;
    for (const format of formats) {
      const a = await renderWith(format, model, { sourceDateEpoch: 0 });
      const b = await renderWith(format, model, { sourceDateEpoch: 0 });
      expect(model.file.messages.length, format.id).toBe(before);
      expect(b.artifacts.map((x) => Buffer.from(x.bytes).toString("base64"))).toEqual(
        a.artifacts.map((x) => Buffer.from(x.bytes).toString("base64")),
      );
      expect(b.messages.map(String)).toEqual(a.messages.map(String));
    }
  });

  it("read no clock: the options' date is the only date in the bytes", async () => {
    const model = loadReport("source/mali-2021.md");
    const date = new Date("2024-05-01T12:00:00Z");
    const at = async (now: string) => {
      vi.useFakeTimers({ toFake: ["Date"], now: new Date(now) });
      try {
        return await Promise.all(formats.map((format) => renderWith(format, model, { date })));
      } finally {
        vi.useRealTimers();
      }
    };
    const [early, late] = [await at("2001-01-01T00:00:00Z"), await at("2031-06-30T23:59:59Z")];
    for (const [i, format] of formats.entries()) {
      const bytes = (r: typeof early) => r[i]?.artifacts.map((x) => Buffer.from(x.bytes).toString("base64"));
      expect(bytes(late), format.id).toEqual(bytes(early));
    }
    // The date given is the one recorded (the PDF's info dictionary, the DOCX's core properties).
    const pdf = Buffer.from(early[1]?.artifacts[0]?.bytes as Uint8Array).toString("latin1");
    expect(pdf).toContain("(D:20240501120000Z)");
  });

  it("return their warnings as messages of the report's file, at their place", async () => {
    // Arabic in a Latin-only theme: the PDF says which character it cannot draw, and where.
    const text = "---\ntitle: Glyphs\n---\n\n## One\n\nThe word \u0645\u0631\u062d\u0628\u0627 is Arabic.\n";
    const model = loadReport("source/glyphs.md", { text, baseDir: "source" });
    const before = model.file.messages.length;
    const { messages } = await renderWith(pdfFormat, model);
    const missing = messages.filter((m) => m.ruleId === "missing-glyph");
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((m) => m.file === "source/glyphs.md" && m.line === 7)).toBe(true);
    expect(model.file.messages.length).toBe(before);
  });
});
