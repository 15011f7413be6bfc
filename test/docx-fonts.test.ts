import { estimatePageNumbersWith } from "docx/layout";
import { beforeAll, describe, expect, it } from "vitest";
import { AssetError } from "../src/assets/errors.ts";
import type { Assets, FontRole, FontStyle, FontWeight } from "../src/assets/types.ts";
import { measurableFace } from "../src/engine/docx/layout-fonts.ts";
import { fontKey, obfuscate } from "../src/render/docx/embedded-fonts.ts";
import { docxFormat } from "../src/render/docx/format.ts";
import { sfntFacts } from "../src/render/docx/sfnt.ts";
import { boldWeights } from "../src/theme/theme.ts";
import { type DocxPackage, openDocx } from "./docx-package.ts";
import { loadReport, renderDocx, renderWith, testAssets } from "./support/render.ts";

const epoch = 1_700_000_000;

interface Embedded {
  family: string;
  slot: string;
  id: string;
  key: string;
}

/** The font table's embedded faces: family, slot (embedRegular …), relationship id and key. */
function embeddedFaces(fontTable: string): Embedded[] {
  return [...fontTable.matchAll(/<w:font w:name="([^"]+)">(.*?)<\/w:font>/gs)].flatMap(([, family, body]) =>
    [...(body ?? "").matchAll(/<w:(embed\w+) r:id="([^"]+)" w:fontKey="([^"]+)"\/>/g)].map((m) => ({
      family: family as string,
      slot: m[1] as string,
      id: m[2] as string,
      key: m[3] as string,
    })),
  );
}

/** Every face of the theme Word could embed (the Latin subset of each role's four). */
function themeFaces(): Uint8Array[] {
  const { fonts } = testAssets();
  return (["body", "heading", "mono"] as const).flatMap((role) =>
    ([400, boldWeights[role]] as const).flatMap((weight) =>
      (["normal", "italic"] as const).map((style) => fonts.face(role, weight, style, "sfnt", "latin")),
    ),
  );
}

/**
 * Folio's assets with one face changed: `change` returns its new bytes, or throws as the assets do
 * for a face the package does not ship.
 */
function assetsWith(
  role: FontRole,
  weight: FontWeight,
  style: FontStyle,
  change: (bytes: Uint8Array) => Uint8Array,
): Assets {
  const assets = testAssets();
  const { fonts } = assets;
  return {
    ...assets,
    fonts: {
      subsets: (r) => fonts.subsets(r),
      fallbacks: fonts.fallbacks,
      shipped: fonts.shipped,
      face: (r, w, s, format, subset) => {
        const bytes = fonts.face(r, w, s, format, subset);
        return r === role && w === weight && s === style ? change(bytes) : bytes;
      },
    },
  };
}

/** Renders Mali's brief with these assets: its package and the render's messages. */
async function maliWith(assets: Assets): Promise<{ pkg: DocxPackage; messages: string[] }> {
  const model = loadReport("source/mali-2021.md");
  const result = await renderWith(docxFormat, model, { sourceDateEpoch: epoch }, assets);
  const bytes = result.artifacts[0]?.bytes as Uint8Array;
  return { pkg: await openDocx(bytes), messages: result.messages.map(String) };
}

/** A copy of a face whose OS/2 fsType says `fsType`. */
function withFsType(bytes: Uint8Array, fsType: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + i * 16;
    if (String.fromCharCode(...copy.subarray(at, at + 4)) === "OS/2")
      view.setUint16(view.getUint32(at + 8) + 8, fsType);
  }
  return copy;
}

describe("DOCX fonts travel with the document", () => {
  let mali: { pkg: DocxPackage; bytes: Uint8Array; fontTable: string };
  beforeAll(async () => {
    const bytes = await renderDocx(loadReport("source/mali-2021.md"), { sourceDateEpoch: epoch });
    const pkg = await openDocx(bytes);
    mali = { pkg, bytes, fontTable: await pkg.part("word/fontTable.xml") };
  });

  it("embeds exactly the faces Mali's text uses, as Word names them", () => {
    const faces = embeddedFaces(mali.fontTable).map((f) => `${f.family} ${f.slot}`);
    // Body text and the bold colophon title; headings in the semi-bold file (its own family in
    // Word's terms); running header, byline and contents in Public Sans. No italics, no code.
    expect(faces).toEqual([
      "Merriweather embedRegular",
      "Merriweather embedBold",
      "Public Sans embedRegular",
      "Public Sans SemiBold embedRegular",
    ]);
    expect(mali.fontTable).not.toContain("Roboto Mono");
    expect(mali.fontTable).toContain('<w:altName w:val="Georgia"/>');
    expect(mali.fontTable).toMatch(
      /<w:font w:name="Merriweather"><w:altName [^>]*\/><w:panose1 w:val="[0-9A-F]{20}"\/><w:charset w:val="00"\/><w:family w:val="roman"\/><w:pitch w:val="variable"\/><w:sig /,
    );
  });

  it("obfuscates each face with a key derived from its bytes, as ECMA-376 §17.8.1 says", async () => {
    const rels = await mali.pkg.part("word/_rels/fontTable.xml.rels");
    const files = themeFaces();
    for (const face of embeddedFaces(mali.fontTable)) {
      const target = new RegExp(`Id="${face.id}" Type="[^"]+/font" Target="([^"]+)"`).exec(rels)?.[1];
      expect(target, face.family).toMatch(/^fonts\/font\d+\.odttf$/);
      const stored = await mali.pkg.zip.file(`word/${target}`)?.async("uint8array");
      if (!stored) throw new Error(`no part for ${face.family}`);
      const font = obfuscate(stored, face.key); // XOR undoes itself
      const original = files.find((f) => Buffer.from(f).equals(Buffer.from(font)));
      expect(original, `${face.family} ${face.slot} is one of the theme's files`).toBeDefined();
      expect(face.key).toBe(fontKey(font));
      expect(Buffer.from(stored.subarray(0, 32)).equals(Buffer.from(font.subarray(0, 32)))).toBe(false);
      expect(Buffer.from(stored.subarray(32)).equals(Buffer.from(font.subarray(32)))).toBe(true);
      expect(sfntFacts(font).family).toBe(face.family);
    }
    expect(await mali.pkg.part("[Content_Types].xml")).toContain(
      '<Default ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont" Extension="odttf"/>',
    );
    expect(await mali.pkg.part("word/settings.xml")).toMatch(
      /<w:displayBackgroundShape\/><w:embedTrueTypeFonts\/>/,
    );
  });

  it("is the same bytes when rendered again, fonts and all", async () => {
    const again = await renderDocx(loadReport("source/mali-2021.md"), { sourceDateEpoch: epoch });
    expect(Buffer.from(again).equals(Buffer.from(mali.bytes))).toBe(true);
  });

  it("embeds italic and mono faces where the text has emphasis and code", async () => {
    const pkg = await openDocx(
      await renderDocx(loadReport("test/fixtures/docx-features.md"), { sourceDateEpoch: epoch }),
    );
    const faces = embeddedFaces(await pkg.part("word/fontTable.xml")).map((f) => `${f.family} ${f.slot}`);
    expect(faces).toEqual(expect.arrayContaining(["Merriweather embedItalic", "Roboto Mono embedRegular"]));
  });

  it("warns about a face its licence forbids embedding and writes the role in its fallback family", async () => {
    const { pkg, messages } = await maliWith(
      assetsWith("body", 400, "normal", (bytes) => withFsType(bytes, 0x0002)),
    );
    const warnings = messages.filter((m) => /font face/.test(m));
    expect(warnings[0]).toMatch(
      /font face “Merriweather Regular” \(@fontsource\/merriweather, 400 normal\) is not embedded: its licence \(OS\/2 fsType\) forbids embedding; the brief sets it in Georgia/,
    );
    const fontTable = await pkg.part("word/fontTable.xml");
    expect(embeddedFaces(fontTable).map((f) => f.family)).not.toContain("Merriweather");
    expect(fontTable).toContain('<w:font w:name="Georgia">');
    expect(await pkg.part("word/styles.xml")).toMatch(
      /<w:style [^>]*w:styleId="Normal".*?w:ascii="Georgia"/s,
    );
  });

  it("warns about a missing face and lets Word draw it from the family's regular face", async () => {
    // As the assets report a face the package does not ship.
    const { pkg, messages } = await maliWith(
      assetsWith("heading", 600, "normal", () => {
        throw new AssetError("templates/theme.json", 1, 1, "@fontsource/public-sans has no 600 normal face");
      }),
    );
    const warnings = messages.filter((m) => /font face/.test(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /font face “Public Sans 600 normal” \(@fontsource\/public-sans, 600 normal\) is not embedded: its file is missing/,
    );
    const styles = await pkg.part("word/styles.xml");
    expect(styles).toMatch(/w:styleId="Heading1".*?w:ascii="Public Sans".*?<w:b\/>/s);
    expect(embeddedFaces(await pkg.part("word/fontTable.xml")).map((f) => `${f.family} ${f.slot}`)).toContain(
      "Public Sans embedRegular",
    );
  });

  it("gives docx's layout a Roboto Mono it can read (its reader throws on @fontsource's), changing nothing else", () => {
    const mono = testAssets().fonts.face("mono", 400, "normal", "sfnt");
    expect(() => estimatePageNumbersWith({ fonts: [{ data: mono }] })).toThrow(/damaged/);
    const measurable = measurableFace(mono);
    expect(() => estimatePageNumbersWith({ fonts: [{ data: measurable }] })).not.toThrow();
    expect(measurable.length).toBeLessThan(mono.length); // its inert GSUB is left out
    expect(sfntFacts(measurable)).toEqual(sfntFacts(mono));
    const merriweather = testAssets().fonts.face("body", 400, "normal", "sfnt");
    expect(measurableFace(merriweather)).toBe(merriweather);
  });
});
