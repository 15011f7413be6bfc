/**
 * A problem with one of Folio's own files (a template, the theme, a font the theme names), as
 * opposed to the report's source: reported at that file, with its line where known, and a fix.
 */
export class AssetError extends Error {
  constructor(
    /** The file to blame, relative to Folio's folder (or absolute when outside it). */
    readonly assetPath: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = "AssetError";
  }
}
