import type { Root } from "mdast";
import { describe, expect, it } from "vitest";
import { checkParity } from "../src/check/parity.ts";
import { treeSentences } from "../src/model/sentences.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import type { Format } from "../src/render/format.ts";
import { pdfFormat } from "../src/render/pdf/format.ts";
import { artifactsOf, loadReport, renderHtml } from "./support/render.ts";

const model = loadReport("source/mali-2021.md");
const sentences = treeSentences(model.tree);
const dropped = "Mali receives INTERPOL notices, but the INTERPOL database is unavailable outside of Bamako.";

/** The same model with the paragraph that starts with `dropped` taken out of the body. */
function withoutParagraph(): typeof model {
  const tree: Root = {
    ...model.tree,
    children: model.tree.children.filter(
      (n) =>
        !(
          n.type === "paragraph" &&
          n.children[0]?.type === "text" &&
          n.children[0].value.startsWith("Mali receives")
        ),
    ),
  };
  expect(tree.children.length).toBe(model.tree.children.length - 1);
  return { ...model, tree };
}

async function render(format: Format, m: typeof model): Promise<Uint8Array> {
  const [artifact] = await artifactsOf(format, m, { sourceDateEpoch: 0 });
  if (!artifact) throw new Error("no artifact");
  return artifact.bytes;
}

describe("cross-format parity check", () => {
  it("passes on complete artifacts of every format", async () => {
    const html = new TextEncoder().encode(await renderHtml(model));
    for (const [name, bytes] of [
      ["x.html", html],
      ["x.pdf", await render(pdfFormat, model)],
      ["x.docx", await render(docxFormat, model)],
    ] as const) {
      const result = await checkParity(name, sentences, bytes);
      expect(result.missing, name).toBeUndefined();
      expect(result.found).toBe(sentences.length);
    }
  });

  it("names the first missing sentence when a paragraph is cut from the HTML", async () => {
    const html = await renderHtml(model);
    // The paragraph carries the id a fact could link to (src/model/anchors.ts).
    const start = html.search(/<p(?: id="[^"]+")?>Mali receives INTERPOL/);
    expect(start).toBeGreaterThan(0);
    const cut = html.slice(0, start) + html.slice(html.indexOf("</p>", start) + 4);
    const result = await checkParity("cut.html", sentences, new TextEncoder().encode(cut));
    expect(result.missing).toBe(dropped);
    expect(result.artifact).toBe("cut.html");
  });

  it.each([
    ["pdf", pdfFormat],
    ["docx", docxFormat],
  ] as const)(
    "names the first missing sentence when a paragraph is missing from the %s",
    async (ext, format) => {
      const bytes = await render(format, withoutParagraph());
      const result = await checkParity(`cut.${ext}`, sentences, bytes);
      expect(result.missing).toBe(dropped);
      expect(result.found).toBe(sentences.indexOf(dropped));
    },
  );
});
