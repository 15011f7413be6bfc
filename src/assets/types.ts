import type { Feature, Geometry } from "geojson";
import type { TemplateSet } from "../templates/set.ts";
import type { Theme } from "../theme/theme.ts";
import type { DivisionExtract } from "./division-extract.ts";
import type { CountryGazetteer } from "./gazetteer-index.ts";
import type { LabelSet } from "./label-set.ts";

export type { GazetteerCity } from "./gazetteer-index.ts";

// What a renderer (and the loader of a report) needs beyond the document: Folio's own files,
// loaded once at the edge (the build step, the watch session, a pool worker) and handed in, like
// pandoc's WriterOptions. Nothing here is read by a renderer from disk; tests may build one in memory.

/** The three typefaces a theme sets text in. */
export type FontRole = "body" | "heading" | "mono";
/** A face Folio can draw with: one of the three, or the theme's n-th fallback face (`fallback-0` …). */
export type FaceRole = FontRole | `fallback-${number}`;
export type FontWeight = 400 | 600 | 700;
export type FontStyle = "normal" | "italic";
/** `sfnt`: the WOFF face unpacked to TrueType/OpenType (what pdfkit and Word embed). */
export type FontFormat = "woff2" | "woff" | "sfnt";

/** The theme's faces, by role, weight, style, format and Unicode subset (`latin`, `latin-ext` …). */
export interface FontFiles {
  /** The Unicode subsets a role's typeface ships, in the order they are tried (`latin` first). */
  subsets(role: FaceRole): readonly string[];
  /** The theme's fallback faces, in the order they are tried. */
  fallbacks: readonly FaceRole[];
  /**
   * The weight and style `face` gives for those asked: the same, except for a fallback face that
   * ships fewer (a symbol face often ships its regular only), which draws every style in that one.
   */
  shipped(
    role: FaceRole,
    weight: FontWeight,
    style: FontStyle,
    subset?: string,
  ): { weight: FontWeight; style: FontStyle };
  /** The bytes of one face; the same array for the same face for the life of the assets. */
  face(role: FaceRole, weight: FontWeight, style: FontStyle, format: FontFormat, subset?: string): Uint8Array;
  /**
   * The same faces with a brand's own font files subset to `characters`, as WOFF2, for a web page;
   * absent when no face comes from a brand's files (Folio's WOFF2 subsets are small already).
   */
  forWeb?(characters: string): Promise<FontFiles>;
}

/** One country of Natural Earth (world-atlas), with its name. */
export type AtlasCountry = Feature<Geometry, { name: string }>;

/** The world map the fact sheet locates a country on. */
export interface Atlas {
  countries: AtlasCountry[];
  /** Indexes of each country's neighbours (sharing a border). */
  neighbours: number[][];
  /** A country's map geometry precomputed for a size (by `make`), when there is one. */
  geometry?(index: number, width: number, height: number): MapGeometry | undefined;
  /** The U.S. states (us-atlas: Census Bureau boundaries, 1:10m), read on first use. */
  states?(): StateAtlas;
  /** A U.S. map precomputed for a size (by `make`): `US` (the nation) or a state's FIPS code. */
  usGeometry?(key: string, width: number, height: number): MapGeometry | undefined;
  /** A country's first-level divisions (Natural Earth admin-1, by ISO 3166-1 alpha-2 code), read on first use. */
  divisions?(country: string): DivisionExtract | undefined;
  /** One country's divisions' names (each division's own name first), read on first use. */
  divisionNames?(country: string): string[][] | undefined;
  /** Every country's divisions' names, read on first use (for a `region` given without a country). */
  divisionIndex?(): Record<string, string[][]>;
}

/** One U.S. state (or the District, or a territory) of us-atlas: its two-digit FIPS code as id. */
export type AtlasState = Feature<Geometry, { name: string }> & { id: string };

/** The U.S. states, their neighbours (sharing a border) and the nation's outline. */
export interface StateAtlas {
  states: AtlasState[];
  neighbours: number[][];
  nation: Feature<Geometry>;
  /** The borders between states (not the coasts: the nation's outline draws those). */
  borders: Geometry;
}

/**
 * How a map is projected when it is not the country map's Mercator: the U.S. in Albers USA
 * (the lower 48 with Alaska and Hawaii inset), a state in an Albers conic centred on it.
 */
export type MapProjection =
  | { kind: "albers-usa" }
  | { kind: "conic"; parallels: [number, number]; rotate: [number, number] };

/** A country's locator map without colours, for one map size (src/render/factsheet/map.ts). */
export interface MapGeometry {
  /** The Mercator projection that frames the country's main territory. */
  scale: number;
  translate: [number, number];
  /** The other countries' paths (SVG `d`), clipped to the frame. */
  land: string[];
  /** The country's own path. */
  home: string;
  /** Neighbours' names and the spot inside each where it fits: x, y, name in capitals. */
  labels: Array<[number, number, string]>;
  neighbourNames: string[];
  /** Where the country's own name goes. */
  hx: number;
  hy: number;
  /** Parts far from the main territory were left out of the frame. */
  overseas: boolean;
  /** Borders drawn inside the home shape (the states of the United States' map). */
  inner?: string[];
  /** The country's outline around its divisions (a division's map: coasts and borders with other countries). */
  outline?: string;
  /** Absent: Mercator (every country map but the United States'). */
  projection?: MapProjection;
}

/** A brand's logo as brand.yaml describes it and its file holds it. */
export interface BrandLogo {
  /** `brands/NAME/logo.svg`: where it comes from (messages, the HTML's file name). */
  path: string;
  mime: "image/svg+xml" | "image/png";
  bytes: Uint8Array;
  /** Its own size, in CSS pixels. */
  width: number;
  height: number;
  /** What it says, for a screen reader (empty when decorative). */
  alt: string;
  /** Decoration only (an artifact in the PDF, `alt=""` in HTML, a decorative drawing in Word). */
  decorative: boolean;
  /** Also in the running header of the print editions. */
  header: boolean;
  /** Width on the cover and in the fact sheet band, in points. */
  coverWidth: number;
}

/** Everything Folio's renderers and loader read besides the report itself. */
export interface Assets {
  /** Folio's version (colophons, document properties, manifests). */
  version: string;
  theme: Theme;
  /** Every template of `templates/`, compiled. */
  templates: TemplateSet;
  /** The words Folio writes itself, per language (templates/labels/LANG.yaml). */
  labels: ReadonlyMap<string, LabelSet>;
  fonts: FontFiles;
  /** Natural Earth countries, read on first use. */
  atlas(): Atlas;
  /** Every GeoNames place of one country (ISO 3166-1 alpha-2), read on first use. */
  gazetteer(countryCode: string): CountryGazetteer;
  /** The brand these assets are dressed in (brands/NAME/), when a report names one. */
  brand?: { name: string; logo?: BrandLogo };
  /** The paper and language of a report whose front matter sets none (its brand's, its folio.yaml's). */
  defaults?: { paper?: "letter" | "a4"; lang?: string };
}
