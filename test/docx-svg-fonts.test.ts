import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { woffToSfnt } from "../src/assets/woff.ts";
import { wordFaces } from "../src/render/docx/faces.ts";
import { resvgFonts } from "../src/render/docx/images.ts";
import { folioCommand } from "./support/cli.ts";
import { testAssets } from "./support/render.ts";

/**
 * The DOCX's PNG fallback of an SVG is drawn with the theme's faces only (issue 28): the machine's
 * fonts (system folders, the user's ~/.fonts) never change an artifact's bytes.
 */
describe("resvg draws an SVG's text with the theme's faces only", () => {
  it("is given loadSystemFonts false and exactly the theme's faces", () => {
    const assets = testAssets();
    const faces = wordFaces(assets.theme, assets.fonts);
    const font = resvgFonts(faces);
    expect(font.loadSystemFonts).toBe(false);
    expect(font.defaultFontFamily).toBe(assets.theme.fonts.body.family);
    expect(font.monospaceFamily).toBe(assets.theme.fonts.mono.family);
    const theirs = faces.files.flatMap((face) => (face.bytes ? [Buffer.from(face.bytes)] : []));
    expect(theirs.length).toBeGreaterThan(0);
    const given = (font.fontFiles ?? []).map((path) => readFileSync(path));
    expect(given.length).toBe(new Set(theirs.map((b) => b.toString("base64"))).size);
    for (const bytes of given) expect(theirs.some((face) => face.equals(bytes))).toBe(true);
  });

  it("gives the same DOCX bytes whatever fonts the user has installed", () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-svg-fonts-"));
    mkdirSync(join(dir, "source"));
    // A face the theme does not have, installed for the user only on the second run.
    const home = join(dir, "home");
    mkdirSync(join(home, ".fonts"), { recursive: true });
    const woff = readFileSync(
      "node_modules/@fontsource/noto-sans-symbols-2/files/noto-sans-symbols-2-symbols-400-normal.woff",
    );
    writeFileSync(join(home, ".fonts", "symbols.ttf"), woffToSfnt(new Uint8Array(woff)));
    writeFileSync(
      join(dir, "source", "text.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><text x="10" y="30" font-family="Noto Sans Symbols 2" font-size="24">♔ ♕ Chess</text><text x="10" y="65" font-family="DejaVu Sans" font-size="20">Sans text</text></svg>`,
    );
    writeFileSync(
      join(dir, "source", "r.md"),
      "---\ntitle: Fonts\n---\n\n## S\n\nText.\n\n![Text](text.svg)\n",
    );
    const build = (out: string, env: Record<string, string>) => {
      execFileSync(folioCommand, ["build", "source/r.md", "--formats", "docx", "--out", out], {
        cwd: dir,
        env: { ...process.env, FOLIO_DEBUG: "", SOURCE_DATE_EPOCH: "0", ...env },
        stdio: "ignore",
        timeout: 60_000,
      });
      return readFileSync(join(dir, out, "r.docx"));
    };
    const plain = build("a", {});
    const withUserFonts = build("b", { HOME: home, XDG_DATA_HOME: join(home, ".local", "share") });
    expect(withUserFonts.equals(plain)).toBe(true);
  }, 120_000);
});
