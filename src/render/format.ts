import type { ReportModel } from "../model/types.ts";

/** Options every renderer accepts. Renderers are pure: model + options in, bytes out, no disk, no network. */
export interface RenderOptions {
  /** Seconds since the epoch used for every date written into an artifact (SOURCE_DATE_EPOCH). */
  sourceDateEpoch?: number;
  /** Overrides the front matter's `paper`. */
  paper?: "letter" | "a4";
}

/** One file a format produces, named by the suffix after the report name (`.pdf`, `.factsheet.html`). */
export interface Artifact {
  suffix: string;
  bytes: Uint8Array;
}

/** A publication format: a renderer plus the artifacts it writes. */
export interface Format {
  id: FormatId;
  /** Suffixes of the artifacts this format writes, known before rendering (for messages and manifests). */
  suffixes: readonly string[];
  render(model: ReportModel, options: RenderOptions): Promise<Artifact[]>;
}

export const formatIds = ["html", "pdf", "docx", "factsheet"] as const;
export type FormatId = (typeof formatIds)[number];
