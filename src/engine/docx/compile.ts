import { type Document, Packer } from "docx";
import { checkDocxEngine } from "../install-docx.ts";

/** A document's parts as docx's compiler gives them, before zipping: path → XML text or bytes. */
export type PackageParts = ReadonlyMap<string, string | Uint8Array>;

/** docx's compiler, which `Packer` runs before zipping (a static member its types keep private). */
const compiler = (Packer as unknown as { compiler: { compile(file: Document): PackageParts } }).compiler;

/**
 * The document's parts as `Packer.toBuffer` would zip them (no prettifying, no overrides): Folio
 * zips them itself, reproducibly (src/render/docx/package.ts), instead of zipping, unzipping and
 * zipping again.
 */
export function packageParts(document: Document): PackageParts {
  checkDocxEngine(); // checks that docx is the version this was written for
  return compiler.compile(document);
}
