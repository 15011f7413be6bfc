// src/engine/pdfkit/structure.ts's escapeXmpValues against pdfkit 0.19.1's own _addInfo, which
// copies the document information into the XMP packet unescaped: the same XML where a value needs
// no escaping, and well-formed XML where it holds `&` or `<`.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { escapeXmpValues } from "../../src/engine/pdfkit/structure.ts";
import { pristineModule } from "../support/pristine.ts";

const require = createRequire(import.meta.url);
type AddInfo = (this: object) => void;
const pdfkitProto = Object.getPrototypeOf(
  (require("pdfmake/js/PDFDocument.js") as { default: object }).default,
).prototype as { _addInfo: AddInfo };
// pdfkit's own, from a fresh copy of its module: another file in this worker may have installed
// the escape in the shared one already.
const pdfkitAddInfo = pristineModule<{ prototype: { _addInfo: AddInfo } }>("pdfkit").prototype._addInfo;
escapeXmpValues();
const folioAddInfo = pdfkitProto._addInfo;

/** The XMP that `_addInfo` appends for this document information, and the information after it. */
function xmp(addInfo: AddInfo, info: Record<string, unknown>): { xml: string; info: unknown } {
  let xml = "";
  const document = { info, appendXML: (part: string) => (xml += part) };
  addInfo.call(document);
  return { xml, info: document.info };
}

const info = (title: string) => ({
  Title: title,
  Author: "Folio Press",
  Subject: "Security in the Sahel",
  Keywords: "Mali, conflict",
  Creator: "Folio 1.0",
  Producer: "Folio 1.0 (pdfmake)",
  CreationDate: new Date(0),
});

describe("xmp-escape: _addInfo against pdfkit's", () => {
  it("writes the same XMP as pdfkit when no value needs escaping", () => {
    expect(String(folioAddInfo)).not.toBe(String(pdfkitAddInfo));
    expect(xmp(folioAddInfo, info("Mali 2021")).xml).toBe(xmp(pdfkitAddInfo, info("Mali 2021")).xml);
  });

  it("differs as documented: escapes & and < that pdfkit writes raw, and leaves the Info dictionary's values as given", () => {
    const title = "Water & Power <draft>";
    const theirs = xmp(pdfkitAddInfo, info(title));
    const ours = xmp(folioAddInfo, info(title));
    expect(theirs.xml).toContain("Water & Power <draft>");
    expect(ours.xml).toContain("Water &amp; Power &lt;draft&gt;");
    expect(ours.xml.replace("Water &amp; Power &lt;draft&gt;", title)).toBe(theirs.xml);
    expect((ours.info as { Title: string }).Title).toBe(title);
  });
});
