import type { Format, FormatId } from "../render/format.ts";

/**
 * The formats Folio builds. Each renderer is imported only when its format is asked for, so a
 * build of one format does not pay for loading the others.
 */
export const formats: Partial<Record<FormatId, () => Promise<Format>>> = {
  html: async () => (await import("../render/html/format.ts")).htmlFormat,
  pdf: async () => (await import("../render/pdf/format.ts")).pdfFormat,
  docx: async () => (await import("../render/docx/format.ts")).docxFormat,
  factsheet: async () => (await import("../render/factsheet/format.ts")).factsheetFormat,
};
