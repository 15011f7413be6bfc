import type { VFile } from "vfile";

/**
 * Problems with a brand's own files, every one at its file and line (brand.yaml, a font file, a
 * labels file): the build reports them all together and builds no report that uses the brand.
 */
export class BrandError extends Error {
  constructor(readonly file: VFile) {
    super(file.messages.find((m) => m.fatal)?.reason ?? "the brand is broken");
    this.name = "BrandError";
  }
}
