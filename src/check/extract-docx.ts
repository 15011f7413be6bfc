import JSZip from "jszip";

/**
 * The characters Word's empty run elements stand for: a tab reads as a space; a line break is one
 * (inside a table cell it may fall inside a word: the parity check reads it as a reader does).
 */
const wordMarks: Record<string, string> = {
  tab: " ",
  br: "\n",
  softHyphen: "\u00ad",
  noBreakHyphen: "\u2011",
};

/** Text of a WordprocessingML part: each paragraph's runs joined, paragraphs on their own lines. */
export function wordXmlText(xml: string): string {
  const paragraphs = xml.split(/<\/w:p>/);
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br|softHyphen|noBreakHyphen)\/>/g)]
        .map((m) => (m[1] === undefined ? wordMarks[m[2] as string] : decodeXml(m[1])))
        .join(""),
    )
    .filter((t) => t.trim() !== "")
    .join("\n");
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(
      e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
    );
  });
}

/** The body text of a DOCX (word/document.xml), as Word would show it, without footnotes. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const document = zip.file("word/document.xml");
  if (!document) throw new Error("not a Word document: word/document.xml is missing");
  return wordXmlText(await document.async("string"));
}
