import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import type { Assets } from "../assets/types.ts";
import type { ReportModel } from "../model/types.ts";

export type Paper = "letter" | "a4";

/**
 * What every renderer is told beside the document, decided once by the pipeline (the command line
 * overrides the front matter), like pandoc's WriterOptions.
 */
export interface RenderOptions {
  /**
   * The one date every artifact records (PDF creation date, DOCX core properties and zip entries):
   * SOURCE_DATE_EPOCH when set, else the time of the build. Decided by `renderOptions`; no renderer
   * reads the clock.
   */
  date: Date;
  paper: Paper;
  /**
   * For a book: its chapters (by name) whose own fact sheet the build writes beside the book's
   * artifacts (`NAME.factsheet.html`), which the book's web contents link. None by default.
   */
  factSheets?: ReadonlySet<string>;
}

/** One file a format produces, named by the suffix after the report name (`.pdf`, `.factsheet.html`). */
export interface Artifact {
  suffix: string;
  bytes: Uint8Array;
}

/** What a renderer returns: its files and what it has to say about them (warnings, at their place). */
export interface RenderResult {
  artifacts: Artifact[];
  messages: VFileMessage[];
}

/**
 * A publication format. `render` is pure: the model, Folio's assets and the options in, bytes and
 * messages out; no disk, no network, nothing kept between calls that changes its output.
 */
export interface Format {
  id: FormatId;
  /** Suffixes of the artifacts this format writes, known before rendering (for messages and manifests). */
  suffixes: readonly string[];
  render(model: ReportModel, assets: Assets, options: RenderOptions): Promise<RenderResult>;
}

export const formatIds = ["html", "pdf", "docx", "factsheet"] as const;
export type FormatId = (typeof formatIds)[number];

/**
 * Where one render reports its problems: a vfile of the report's own path, so each message reads
 * `source/x.md:12:3: …`. Its messages are the render's; `fail` throws as usual.
 */
export function messageFile(model: ReportModel): VFile {
  return new VFile({ path: model.path });
}
