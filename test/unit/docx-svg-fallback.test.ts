// The DOCX's PNG fallback of an SVG is kept by what decides it (src/render/docx/images.ts): the
// same SVG at the same width with the same fonts gives the kept PNG, which must be the bytes a
// new rasterisation gives; another width or SVG is rasterised anew.
import { createRequire } from "node:module";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import type { ImageAsset } from "../../src/model/types.ts";
import { wordFaces } from "../../src/render/docx/faces.ts";
import { resvgFonts, svgFallback } from "../../src/render/docx/images.ts";
import { testAssets } from "../support/render.ts";

const { Resvg } = createRequire(import.meta.url)("@resvg/resvg-js") as { Resvg: typeof ResvgClass };

const svg = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#dde"/><text x="6" y="26" font-family="serif">${label}</text></svg>`;
const asset = (text: string): ImageAsset =>
  ({
    url: "chart.svg",
    path: "chart.svg",
    mime: "image/svg+xml",
    bytes: new TextEncoder().encode(text),
    width: 120,
    height: 40,
  }) as ImageAsset;

describe("svgFallback", () => {
  const font = resvgFonts(wordFaces(testAssets().theme, testAssets().fonts));

  it("gives the kept PNG for the same SVG, width and fonts: the bytes resvg gives afresh", () => {
    const first = svgFallback(asset(svg("Advisories 2024")), 240, font);
    const again = svgFallback(asset(svg("Advisories 2024")), 240, font);
    expect(again).toBe(first);
    const fresh = new Resvg(Buffer.from(svg("Advisories 2024")), {
      fitTo: { mode: "width", value: 240 },
      font,
    });
    expect(Buffer.from(first as Uint8Array).equals(fresh.render().asPng())).toBe(true);
  });

  it("rasterises another width or another SVG anew", () => {
    const base = svgFallback(asset(svg("Urban")), 240, font) as Uint8Array;
    const wider = svgFallback(asset(svg("Urban")), 480, font) as Uint8Array;
    const other = svgFallback(asset(svg("Rural")), 240, font) as Uint8Array;
    expect(wider).not.toBe(base);
    expect(Buffer.from(wider).readUInt32BE(16)).toBe(480);
    expect(Buffer.from(other).equals(Buffer.from(base))).toBe(false);
  });

  it("keeps a failure a failure", () => {
    expect(svgFallback(asset("<svg"), 240, font)).toBeUndefined();
    expect(svgFallback(asset("<svg"), 240, font)).toBeUndefined();
  });
});
