import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AssetError } from "../src/assets/errors.ts";
import { woffToSfnt } from "../src/assets/woff.ts";
import { assetsForSource } from "../src/brand/choose.ts";
import { BrandError } from "../src/brand/errors.ts";
import { brandWarnings, loadBrand } from "../src/brand/load.ts";
import { readProjectFile } from "../src/brand/project.ts";
import { contrastRatio } from "../src/theme/contrast.ts";
import { watchReport } from "../src/watch/watch.ts";
import { runFolio } from "./support/cli.ts";
import { testAssets } from "./support/render.ts";

/** A brand folder in a temporary project (with a folio.yaml, so its brands/ is found first). */
function project(brandYaml: string, files: Record<string, Uint8Array | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-brand-"));
  writeFileSync(join(dir, "folio.yaml"), "# a project\n");
  const brand = join(dir, "brands", "house");
  mkdirSync(join(brand, "fonts"), { recursive: true });
  writeFileSync(join(brand, "brand.yaml"), brandYaml);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(brand, name), bytes);
  return dir;
}

/** Every message of a brand that fails to load, as `line:column reason`. */
function brandErrors(dir: string): string[] {
  try {
    loadBrand("house", join(dir, "brands", "house"), testAssets().theme, "brands/house/brand.yaml");
  } catch (error) {
    if (!(error instanceof BrandError)) throw error;
    return error.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
  }
  return [];
}

const serif = readFileSync("brands/meridian/fonts/source-serif-4-latin-400-normal.woff");

/** A TrueType file whose OS/2 fsType is `bits` (the OS/2 table found through the table directory). */
function withFsType(bits: number): Uint8Array {
  const sfnt = woffToSfnt(new Uint8Array(serif)).slice();
  const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  for (let i = 0; i < view.getUint16(4); i++) {
    const entry = 12 + 16 * i;
    if (String.fromCharCode(...sfnt.subarray(entry, entry + 4)) === "OS/2")
      view.setUint16(view.getUint32(entry + 8) + 8, bits);
  }
  return sfnt;
}

describe("brand errors, at brand.yaml's lines", () => {
  it("reports every problem together: unknown keys with did-you-mean, bad colours, bad fonts, low contrast", () => {
    const dir = project(
      [
        "colours:",
        '  accent: "#112e51"',
        "colors:",
        '  accnet: "#112e51"',
        "  link: blue",
        '  muted: "#b0b0b0"',
        "fonts:",
        "  body:",
        "    family: Broken Serif",
        "    files: [fonts/broken.ttf, fonts/missing.woff2]",
        "logo:",
        "  file: logo.svg",
        "  alt: House",
        "",
      ].join("\n"),
      {
        "fonts/broken.ttf": new Uint8Array([0, 1, 0, 0, 9, 9, 9, 9]),
        "logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
      },
    );
    const ratio = contrastRatio("#b0b0b0", "#ffffff").toFixed(2);
    expect(brandErrors(dir)).toEqual([
      "1:1 Unknown brand key `colours`: did you mean `colors`?",
      "4:3 Unknown colors key `colors.accnet`: did you mean `accent`?",
      '5:9 `colors.link`: `blue` is not a colour (write it as #rrggbb, quoted: "#112e51")',
      expect.stringMatching(/^10:13 Font file `fonts\/broken.ttf`: the font does not parse/),
      "10:31 No font file `fonts/missing.woff2` in brands/house/",
      `6:10 Contrast of colors.muted #b0b0b0 on colors.paper #ffffff is ${ratio}:1, below WCAG AA's 4.5:1 for captions and bylines`,
    ]);
  });

  it("holds large text to 3:1 and body text to 4.5:1", () => {
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThan(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    // #4a90d9 on white is about 3.3:1: enough for the title and headings, not for the 11 pt eyebrow.
    expect(
      brandErrors(project('colors:\n  accent: "#4a90d9"\n  onAccent: "#000000"\n  accentLight: "#000000"\n')),
    ).toEqual([
      expect.stringMatching(
        /^2:11 Contrast of colors.accent #4a90d9 on colors.paper #ffffff is 3\.\d\d:1, below WCAG AA's 4.5:1 for the title, the eyebrow and top headings$/,
      ),
    ]);
    // With the eyebrow set large (14 pt bold), every use of the accent is large text: 3:1 is enough.
    expect(
      brandErrors(
        project(
          'sizes:\n  eyebrow: 14\ncolors:\n  accent: "#4a90d9"\n  onAccent: "#000000"\n  accentLight: "#000000"\n',
        ),
      ),
    ).toEqual([]);
  });

  it("does not embed a face whose licence forbids it, and says which face", () => {
    const dir = project("fonts:\n  body:\n    family: Source Serif 4\n    files: [fonts/restricted.ttf]\n", {
      "fonts/restricted.ttf": withFsType(0x0002),
    });
    const brand = loadBrand(
      "house",
      join(dir, "brands", "house"),
      testAssets().theme,
      "brands/house/brand.yaml",
    );
    expect(brand.theme.fonts.body.family).toBe("Merriweather");
    expect(brand.faces.body).toBeUndefined();
    expect(brandWarnings.get(brand)?.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
      "4:12 The face “Source Serif 4 Regular” (fonts/restricted.ttf) is not embedded: its licence (OS/2 fsType) forbids embedding it in a document; body text is set in Merriweather instead",
    ]);
    // Preview & print and editable faces are embedded.
    for (const bits of [0x0004, 0x0008, 0x0000]) {
      const ok = project("fonts:\n  body:\n    family: Source Serif 4\n    files: [fonts/f.ttf]\n", {
        "fonts/f.ttf": withFsType(bits),
      });
      const loaded = loadBrand("house", join(ok, "brands", "house"), testAssets().theme, "b");
      expect(loaded.theme.fonts.body.family).toBe("Source Serif 4");
      expect(loaded.faces.body?.map((f) => [f.format, f.weight, f.style])).toEqual([["ttf", 400, "normal"]]);
    }
  });

  it("does not embed a face whose licence forbids subsetting (fsType 0x0100), and says which face", () => {
    // Alone, and with the preview-and-print bit that would otherwise allow it.
    for (const bits of [0x0100, 0x0104]) {
      const dir = project("fonts:\n  body:\n    family: Source Serif 4\n    files: [fonts/whole.ttf]\n", {
        "fonts/whole.ttf": withFsType(bits),
      });
      const brand = loadBrand("house", join(dir, "brands", "house"), testAssets().theme, "b");
      expect(brand.theme.fonts.body.family).toBe("Merriweather");
      expect(brand.faces.body).toBeUndefined();
      expect(brandWarnings.get(brand)?.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
        "4:12 The face “Source Serif 4 Regular” (fonts/whole.ttf) is not embedded: its licence (OS/2 fsType) forbids subsetting it, and the PDF embeds only the glyphs it uses; body text is set in Merriweather instead",
      ]);
    }
  });

  it("names a brand's unknown label at its line, with did-you-mean", () => {
    const dir = project("name: House\n");
    mkdirSync(join(dir, "brands", "house", "labels"));
    writeFileSync(join(dir, "brands", "house", "labels", "fr.yaml"), "contents: Sommaire\ncontnets: Table\n");
    let messages: string[] = [];
    try {
      loadBrand("house", join(dir, "brands", "house"), testAssets().theme, "b");
    } catch (error) {
      if (!(error instanceof BrandError)) throw error;
      messages = error.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
    }
    expect(messages).toEqual(["2:1 Unknown label `contnets`: did you mean `contents`?"]);
  });

  it("names an unknown brand at the front matter's line, with did-you-mean", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-brand-name-"));
    const source = join(dir, "r.md");
    writeFileSync(source, "---\ntitle: A brief\nbrand: meridain\n---\n\nText.\n");
    let thrown: { line?: number; column?: number; reason?: string } | undefined;
    try {
      assetsForSource(source, testAssets());
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown?.line).toBe(3);
    expect(thrown?.column).toBe(8);
    expect(thrown?.reason).toMatch(/^No brand `meridain` .*: did you mean `meridian`\?$/);
  });

  it("names a typeface's npm package that is not installed at brand.yaml's line and column", () => {
    const places: string[] = [];
    for (const fonts of [
      "fonts:\n  heading:\n    family: Nowhere Sans\n",
      'fonts:\n  heading:\n    family: Nowhere Sans\n    package: "@fontsource/nowhere-at-all"\n',
    ]) {
      const dir = project(`name: House\n${fonts}`);
      const source = join(dir, "r.md");
      writeFileSync(source, "---\ntitle: A brief\nbrand: house\n---\n\nText.\n");
      try {
        assetsForSource(source, testAssets());
      } catch (error) {
        if (!(error instanceof AssetError)) throw error;
        expect(error.assetPath).toMatch(/brands\/house\/brand\.yaml$/);
        places.push(`${error.line}:${error.column} ${error.message}`);
      }
    }
    expect(places).toEqual([
      expect.stringMatching(
        /^4:13 .*“Nowhere Sans” comes from the npm package @fontsource\/nowhere-sans, which is not installed/,
      ),
      expect.stringMatching(/^5:14 .*@fontsource\/nowhere-at-all, which is not installed/),
    ]);
  });

  it("checks folio.yaml's keys and values at their lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-project-"));
    writeFileSync(join(dir, "folio.yaml"), "brand: meridian\npapper: a4\nformats: [pdf, dcox]\n");
    let messages: string[] = [];
    try {
      readProjectFile(join(dir, "folio.yaml"));
    } catch (error) {
      if (!(error instanceof BrandError)) throw error;
      messages = error.file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`);
    }
    expect(messages).toEqual([
      "2:1 Unknown folio.yaml key `papper`: did you mean `paper`?",
      "3:10 `formats` lists pdf, docx, html, factsheet, not `dcox`: did you mean `docx`?",
    ]);
  });
});

describe("a brand's warnings with the worker pool", () => {
  it("reports a brand's warning once, though two workers load the brand", () => {
    const dir = project("fonts:\n  body:\n    family: Source Serif 4\n    files: [fonts/restricted.ttf]\n", {
      "fonts/restricted.ttf": withFsType(0x0002),
    });
    for (const n of ["a", "b"])
      writeFileSync(join(dir, `${n}.md`), `---\ntitle: Report ${n}\nbrand: house\n---\n\nText ${n}.\n`);
    const run = runFolio(
      ["build", "a.md", "b.md", "--jobs", "2", "--formats", "html", "--out", join(dir, "out")],
      dir,
    );
    const warnings = run.stderr.split("\n").filter((line) => line.includes(": warning: "));
    expect(warnings).toEqual([
      expect.stringMatching(
        /brands\/house\/brand\.yaml:4:12: warning: The face “Source Serif 4 Regular” \(fonts\/restricted\.ttf\) is not embedded/,
      ),
    ]);
    expect(readdirSync(join(dir, "out")).sort()).toEqual(["a.html", "b.html", "manifest.json"]);
  });
});

describe("folio watch and brands", () => {
  it("rebuilds when a file of the report's brand changes, with no reinstall", async () => {
    const dir = project('colors:\n  accent: "#7a2631"\n');
    cpSync("brands/meridian/logo.svg", join(dir, "brands", "house", "logo.svg"));
    const source = join(dir, "r.md");
    writeFileSync(source, "---\ntitle: Watched\nbrand: house\n---\n\n## Part\n\nText.\n");
    const session = await watchReport(source, {
      outDir: join(dir, "out"),
      formats: ["html"],
      port: 0,
      log: () => {},
    });
    try {
      expect(readFileSync(join(dir, "out", "r.html"), "utf8")).toContain("#7a2631");
      const next = session.nextRebuild();
      writeFileSync(
        join(dir, "brands", "house", "brand.yaml"),
        'colors:\n  accent: "#1f5c3a"\nlogo:\n  file: logo.svg\n  alt: House logo\n',
      );
      expect((await next).ok).toBe(true);
      const html = readFileSync(join(dir, "out", "r.html"), "utf8");
      expect(html).toContain("#1f5c3a");
      expect(html).not.toContain("#7a2631");
      expect(html).toMatch(/<p class="logo"><img src="data:image\/svg\+xml;base64,[^"]+" alt="House logo"/);
    } finally {
      await session.close();
    }
  }, 60_000);
});

describe("folio build in a project folder", () => {
  it("builds folio.yaml's sources into its output folder, in its formats and brand", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-project-build-"));
    writeFileSync(
      join(dir, "folio.yaml"),
      "brand: sahel-fr\nout: built\nsources: [notes/*.md]\nformats: [html]\n",
    );
    mkdirSync(join(dir, "notes"));
    cpSync("test/fixtures/brands/project/note-sahel.md", join(dir, "notes", "note-sahel.md"));
    const result = runFolio(["build"], dir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(readdirSync(join(dir, "built")).sort()).toEqual(["manifest.json", "note-sahel.html"]);
    const html = readFileSync(join(dir, "built", "note-sahel.html"), "utf8");
    expect(html).toMatch(/<html lang="fr"/);
    expect(html).toContain("Observatoire du Sahel : reproduction autorisée");
  }, 120_000);
});
