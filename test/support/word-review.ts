import JSZip from "jszip";

/**
 * Edits a Folio brief as Word records a review, in Word's own XML (patterns from pandoc's
 * test/docx/track_changes_*.docx and comments.docx, saved by Word): runs split where the change
 * starts and ends, `w:del`/`w:delText` and `w:ins` with author and date and `w:rsid*` noise,
 * `w:proofErr` marks, the `_GoBack` bookmark, `w:rPrChange` for a formatting change,
 * `w:moveFrom`/`w:moveTo` for a moved paragraph, and comments in word/comments.xml.
 */
export interface WordEdit {
  /** The `_folio_` anchor of the paragraph to edit (or any text of its XML that names it). */
  anchor: string;
  /** The text to change: it must lie in one run of that paragraph. */
  find: string;
  kind: "insertAfter" | "delete" | "replace" | "italic" | "comment";
  /** Inserted or replacing text, or the comment's text. */
  text?: string;
  author: string;
  date: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

let revisionId = 900;

/** The brief with Word's tracked changes and comments for `edits`, and a moved paragraph for `move`. */
export async function reviewAsWord(
  docx: Uint8Array,
  edits: readonly WordEdit[],
  move?: { anchor: string; afterAnchor: string; author: string; date: string },
): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(docx);
  const parts = new Map<string, string>();
  for (const name of ["word/document.xml", "word/footnotes.xml"])
    parts.set(name, (await zip.file(name)?.async("string")) ?? "");
  const comments: string[] = [];
  for (const edit of edits) {
    const name =
      [...parts.keys()].find((n) => parts.get(n)?.includes(`w:name="${edit.anchor}"`)) ?? "word/document.xml";
    let xml = parts.get(name) ?? "";
    const { start, end } = paragraphOf(xml, edit.anchor);
    let paragraph = xml.slice(start, end);
    paragraph = editParagraph(paragraph, edit, comments);
    // Word's noise: a paragraph id, revision ids on the paragraph.
    if (!paragraph.includes("w14:paraId"))
      paragraph = paragraph.replace(
        /^<w:p\b/,
        '<w:p w14:paraId="5835D4B4" w14:textId="77777777" w:rsidR="00EE548F" w:rsidRDefault="00A34F79"',
      );
    xml = xml.slice(0, start) + paragraph + xml.slice(end);
    parts.set(name, xml);
  }
  if (move) parts.set("word/document.xml", moveParagraph(parts.get("word/document.xml") ?? "", move));
  for (const [name, xml] of parts) if (xml) zip.file(name, xml);
  if (comments.length) await addComments(zip, comments);
  return zip.generateAsync({ type: "uint8array" });
}

function paragraphOf(xml: string, anchor: string): { start: number; end: number } {
  const at = xml.indexOf(`w:name="${anchor}"`);
  if (at < 0) throw new Error(`no paragraph anchored ${anchor}`);
  const start = Math.max(xml.lastIndexOf("<w:p>", at), xml.lastIndexOf("<w:p ", at));
  const end = xml.indexOf("</w:p>", at) + "</w:p>".length;
  return { start, end };
}

function editParagraph(paragraph: string, edit: WordEdit, comments: string[]): string {
  const target = esc(edit.find);
  const runs = [
    ...paragraph.matchAll(
      /<w:r>(<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g,
    ),
  ];
  const run = runs.find((m) => (m[2] ?? "").includes(target));
  if (!run || run.index === undefined) throw new Error(`no run with “${edit.find}” in ${edit.anchor}`);
  const props = run[1] ?? "";
  const text = run[2] ?? "";
  const i = text.indexOf(target);
  const before = text.slice(0, i);
  const after = text.slice(i + target.length);
  const plain = (t: string, rsid = "00A34F79") =>
    t ? `<w:r w:rsidR="${rsid}">${props}<w:t xml:space="preserve">${t}</w:t></w:r>` : "";
  const who = `w:author="${esc(edit.author)}" w:date="${edit.date}"`;
  const deleted = `<w:del w:id="${revisionId++}" ${who}><w:r w:rsidDel="00A34F79">${props}<w:delText xml:space="preserve">${target}</w:delText></w:r></w:del>`;
  const inserted = (t: string) =>
    `<w:ins w:id="${revisionId++}" ${who}><w:r w:rsidR="00037882">${props}<w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:ins>`;
  let middle: string;
  switch (edit.kind) {
    case "insertAfter":
      middle = `${plain(target)}<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>${inserted(edit.text ?? "")}`;
      break;
    case "delete":
      middle = deleted;
      break;
    case "replace":
      middle = `<w:proofErr w:type="spellStart"/>${deleted}${inserted(edit.text ?? "")}<w:proofErr w:type="spellEnd"/>`;
      break;
    case "italic": {
      const was = props ? props.replace(/^<w:rPr>|<\/w:rPr>$/g, "") : "";
      middle = `<w:r w:rsidR="00BE1443"><w:rPr>${was}<w:i/><w:iCs/><w:rPrChange w:id="${revisionId++}" ${who}><w:rPr>${was}</w:rPr></w:rPrChange></w:rPr><w:t xml:space="preserve">${target}</w:t></w:r>`;
      break;
    }
    case "comment": {
      const id = comments.length;
      comments.push(
        `<w:comment w:id="${id}" ${who} w:initials="R"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r><w:r><w:t>${esc(edit.text ?? "")}</w:t></w:r></w:p></w:comment>`,
      );
      middle = `<w:commentRangeStart w:id="${id}"/>${plain(target)}<w:commentRangeEnd w:id="${id}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="${id}"/></w:r>`;
      break;
    }
  }
  const replaced = plain(before) + middle + plain(after, "00BE1443");
  return paragraph.slice(0, run.index) + replaced + paragraph.slice(run.index + run[0].length);
}

/** Word's move: the paragraph's runs in `w:moveFrom` where it was, a new paragraph of `w:moveTo` runs where it goes. */
function moveParagraph(
  xml: string,
  move: { anchor: string; afterAnchor: string; author: string; date: string },
): string {
  const who = `w:author="${esc(move.author)}" w:date="${move.date}"`;
  const from = paragraphOf(xml, move.anchor);
  const moved = xml.slice(from.start, from.end);
  const runs = [...moved.matchAll(/<w:r>.*?<\/w:r>/g)].map((m) => m[0]).join("");
  const fromXml = moved.replace(
    /<w:r>.*<\/w:r>/,
    `<w:moveFromRangeStart w:id="${revisionId++}" ${who} w:name="move322414172"/><w:moveFrom w:id="${revisionId++}" ${who}>${runs.replace(/<w:t /g, "<w:t ").replace(/<w:r>/g, '<w:r w:rsidDel="00A952C9">')}</w:moveFrom><w:moveFromRangeEnd w:id="${revisionId - 2}"/>`,
  );
  let out = xml.slice(0, from.start) + fromXml + xml.slice(from.end);
  const to = paragraphOf(out, move.afterAnchor);
  const style = /<w:pPr>.*?<\/w:pPr>/.exec(moved)?.[0] ?? "";
  const toXml = `<w:p w14:paraId="0F5E9052" w14:textId="77777777" w:rsidR="00A952C9" w:rsidRDefault="00A952C9" w:rsidP="00A952C9">${style}<w:moveToRangeStart w:id="${revisionId++}" ${who} w:name="move322414172"/><w:moveTo w:id="${revisionId++}" ${who}>${runs}</w:moveTo><w:moveToRangeEnd w:id="${revisionId - 2}"/></w:p>`;
  out = out.slice(0, to.end) + toXml + out.slice(to.end);
  return out;
}

async function addComments(zip: JSZip, comments: string[]): Promise<void> {
  zip.file(
    "word/comments.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${comments.join("")}</w:comments>`,
  );
  const types = await (zip.file("[Content_Types].xml") as JSZip.JSZipObject).async("string");
  zip.file(
    "[Content_Types].xml",
    types.replace(
      "</Types>",
      '<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>',
    ),
  );
  const relsName = "word/_rels/document.xml.rels";
  const rels = await (zip.file(relsName) as JSZip.JSZipObject).async("string");
  zip.file(
    relsName,
    rels.replace(
      "</Relationships>",
      '<Relationship Id="rIdC1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>',
    ),
  );
}
