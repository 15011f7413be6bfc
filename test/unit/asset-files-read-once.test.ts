// The theme and the label files are parsed once per text (src/assets/theme.ts, labels.ts): the same
// file again gives the same object, an edited one is parsed again, and one that fails fails every
// time, at its line.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AssetError } from "../../src/assets/errors.ts";
import { loadLabels } from "../../src/assets/labels.ts";
import { loadTheme } from "../../src/assets/theme.ts";

/** A copy of Folio's theme and labels in a folder of its own. */
function templatesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-assets-once-"));
  cpSync("templates/theme.json", join(dir, "theme.json"));
  cpSync("templates/labels", join(dir, "labels"), { recursive: true });
  return dir;
}

/** The AssetError `run` throws (its file, line and reason), or undefined. */
function failure(run: () => unknown): { line?: number; reason: string } | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AssetError) return { line: error.line, reason: error.message };
    throw error;
  }
  return undefined;
}

describe("the theme and labels, parsed once per text", () => {
  it("gives the same theme for the same text, a new one for an edit, the same places", () => {
    const dir = templatesCopy();
    const first = loadTheme(dir);
    expect(loadTheme(dir)).toBe(first);
    const text = readFileSync(join(dir, "theme.json"), "utf8");
    writeFileSync(join(dir, "theme.json"), text.replace('"Merriweather"', '"Merriweather" '));
    const edited = loadTheme(dir);
    expect(edited).not.toBe(first);
    expect(edited.theme).toEqual(first.theme);
    expect(edited.placeOf(["fonts", "body", "family"])).toEqual(first.placeOf(["fonts", "body", "family"]));
    // Another folder with the same text is another file (messages name it).
    expect(loadTheme(templatesCopy())).not.toBe(first);
  });

  it("fails on a bad theme every time, at its line", () => {
    const dir = templatesCopy();
    const text = readFileSync(join(dir, "theme.json"), "utf8");
    writeFileSync(join(dir, "theme.json"), text.replace('"family": "Merriweather"', '"family": 5'));
    const once = failure(() => loadTheme(dir));
    expect(once?.reason).toMatch(/Theme field `fonts\.body\.family`/);
    expect(once?.line).toBe(4);
    expect(failure(() => loadTheme(dir))).toEqual(once);
    writeFileSync(join(dir, "theme.json"), `${text.slice(0, 40)}`);
    const syntax = failure(() => loadTheme(dir));
    expect(syntax?.reason).toMatch(/Not valid JSON/);
    expect(failure(() => loadTheme(dir))).toEqual(syntax);
  });

  it("gives the same label sets for the same files, and fails on an unknown label every time", () => {
    const dir = templatesCopy();
    const first = loadLabels(dir);
    const again = loadLabels(dir);
    expect(again.get("en")).toBe(first.get("en"));
    expect(again.get("fr")).toBe(first.get("fr"));
    const fr = readFileSync(join(dir, "labels", "fr.yaml"), "utf8");
    writeFileSync(join(dir, "labels", "fr.yaml"), `${fr}\ncontentz: Sommaire\n`);
    const line = fr.split("\n").length + 1;
    for (let i = 0; i < 2; i++) {
      const bad = failure(() => loadLabels(dir));
      expect(bad?.reason).toMatch(/Unknown label `contentz`/);
      expect(bad?.line).toBe(line);
    }
    writeFileSync(join(dir, "labels", "fr.yaml"), fr);
    expect(loadLabels(dir).get("fr")).toBe(first.get("fr"));
    expect(loadLabels(dir).get("en")).toBe(first.get("en"));
  });
});
