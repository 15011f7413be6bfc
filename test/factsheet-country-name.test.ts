// A `country` the names do not know: a warning at its front-matter line, with the nearest names,
// where the fact sheet used to draw no map and draft no places without a word.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromHtml } from "hast-util-from-html";
import { select } from "hast-util-select";
import { toText } from "hast-util-to-text";
import { afterAll, describe, expect, it } from "vitest";
import { factsheetFormat } from "../src/render/factsheet/format.ts";
import { loadReport, renderWith } from "./support/render.ts";

const scratch = mkdtempSync(join(tmpdir(), "folio-country-name-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fact sheet of a short report with this front matter: its messages (`line:column: reason`) and its map's title. */
async function sheet(frontMatter: string) {
  const path = join(scratch, `r${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(
    path,
    `---\n${frontMatter}\n---\n\nFood prices rose across the region during the lean season.\n`,
  );
  const model = loadReport(path);
  const { artifacts, messages } = await renderWith(factsheetFormat, model, { sourceDateEpoch: 0 });
  const html = new TextDecoder().decode(artifacts.find((a) => a.suffix === ".factsheet.html")?.bytes);
  const mapTitle = select("section[aria-labelledby=where] svg title", fromHtml(html));
  return {
    messages: [...model.file.messages, ...messages].map((m) => `${m.line}:${m.column}: ${m.reason}`),
    map: mapTitle ? toText(mapTitle) : undefined,
  };
}

describe("the front matter's `country`", () => {
  it("misspelt, is a warning at its line with the nearest countries, and the sheet has no map", async () => {
    const { messages, map } = await sheet("title: Food Security\npublisher: Example Office\ncountry: Nigera");
    expect(messages).toContain(
      "4:1: No country named “Nigera” (ICU's and i18n-iso-countries' English names and aliases): the fact sheet has no map and finds no places; did you mean “Niger” or “Nigeria”?",
    );
    expect(map).toBeUndefined();
    const us = await sheet("title: Drinking Water\ncountry: Untied States");
    expect(us.messages).toContain(
      "3:1: No country named “Untied States” (ICU's and i18n-iso-countries' English names and aliases): the fact sheet has no map and finds no places; did you mean “United States”?",
    );
  });

  it("misspelt under a title that names the country, says that the map frames the title's", async () => {
    const { messages, map } = await sheet(
      'title: "Country Reports on Terrorism 2021: Niger"\ncountry: Nigre',
    );
    expect(messages).toContain(
      "3:1: No country named “Nigre” (ICU's and i18n-iso-countries' English names and aliases): the fact sheet's map frames Niger, named by the title; did you mean “Niger”?",
    );
    expect(map).toBe("Locator map of Niger and its neighbours");
  });

  it("shared by two countries, names both", async () => {
    const { messages } = await sheet("title: Rivers\ncountry: Congo");
    expect(messages).toContain(
      "3:1: “Congo” names 2 countries: the fact sheet has no map and finds no places; write “Congo - Brazzaville” or “Congo - Kinshasa” (or set `country-code`)",
    );
  });

  it("known, or only a name beside `country-code`, is no message", async () => {
    for (const frontMatter of [
      "title: Floods\ncountry: Netherlands",
      "title: Floods\ncountry: the Netherlands",
      "title: Water\ncountry: U.S.",
      "title: Floods\ncountry: Holland Provinces\ncountry-code: NL",
    ]) {
      const { messages, map } = await sheet(frontMatter);
      expect(
        messages.filter((m) => /country/i.test(m)),
        frontMatter,
      ).toEqual([]);
      expect(map, frontMatter).toBeDefined();
    }
  });
});
