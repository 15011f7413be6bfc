import type { Format } from "../format.ts";
import { renderDocx } from "./document.ts";

/** The DOCX edition: an editable Word brief, `out/NAME.docx`. */
export const docxFormat: Format = {
  id: "docx",
  suffixes: [".docx"],
  render: renderDocx,
};
