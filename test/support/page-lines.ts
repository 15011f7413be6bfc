// Reads a PDF back the way a reader sees its pages: the lines of text inside each page's text
// block, top to bottom, with the running header and footer (in the margins) left out. Used to check
// where the pages break (headings kept with what follows, no lone lines of a paragraph), for the
// PDF edition and for the DOCX as LibreOffice lays it out.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import type { Nodes, Root } from "mdast";
import { visit } from "unist-util-visit";
import { plainText } from "../../src/model/plain-text.ts";
import type { ReportModel } from "../../src/model/types.ts";
import { pdfPageCount } from "../../src/pipeline/manifest.ts";

/** Page margins in points (the theme's). */
export interface Margins {
  top: number;
  bottom: number;
}

interface Word {
  text: string;
  x: number;
  top: number;
  bottom: number;
}

/**
 * The lines of each page's text block, top to bottom (words joined by spaces), of each PDF, read
 * with one pdftotext run: the PDFs joined into one by qpdf, then the
 * pages dealt back by each PDF's page count. A pdftotext and its start (about 30 ms of CPU, most of
 * a short PDF's reading) per PDF, for a hundred PDFs, cost four times as much.
 */
export function pageLinesOfEach(pdfPaths: readonly string[], margins: Margins, joined: string): string[][][] {
  if (pdfPaths.length === 0) return [];
  execFileSync("qpdf", ["--empty", "--pages", ...pdfPaths, "--", joined], { stdio: "pipe" });
  const pages = linesOfPages(pdftotextBoxes(joined), margins);
  const counts = pdfPaths.map(pageCount);
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total !== pages.length)
    throw new Error(`The PDFs' page counts add up to ${total}, pdftotext read ${pages.length} pages`);
  const each: string[][][] = [];
  let start = 0;
  for (const n of counts) {
    each.push(pages.slice(start, start + n));
    start += n;
  }
  return each;
}

/** A PDF's page count, as the manifest reads it (pdfkit and LibreOffice write the page tree uncompressed). */
function pageCount(pdfPath: string): number {
  const count = pdfPageCount(readFileSync(pdfPath));
  if (count === undefined) throw new Error(`${pdfPath}: no page tree found`);
  return count;
}

function pdftotextBoxes(pdfPath: string): string {
  // Its warnings (a link whose destination qpdf left out when joining) are not the test's output.
  return execFileSync("pdftotext", ["-bbox", "-enc", "UTF-8", pdfPath, "-"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** The lines of the text block of each page of pdftotext's `-bbox` output. */
function linesOfPages(xml: string, margins: Margins): string[][] {
  const pages: string[][] = [];
  for (const page of xml.split("<page ").slice(1)) {
    const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
    const words: Word[] = [];
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      const top = Number(m[2]);
      const bottom = Number(m[3]);
      const middle = (top + bottom) / 2;
      if (middle < margins.top || middle > height - margins.bottom) continue;
      words.push({ text: unescapeXml(m[4] as string), x: Number(m[1]), top, bottom });
    }
    pages.push(groupLines(words));
  }
  return pages;
}

/** Words whose vertical middles fall within one line's height are one line (a raised note number too). */
function groupLines(words: Word[]): string[] {
  const sorted = [...words].sort((a, b) => a.bottom - b.bottom);
  const lines: Word[][] = [];
  for (const word of sorted) {
    const middle = (word.top + word.bottom) / 2;
    const line = lines.find((l) => {
      const base = l[0] as Word;
      return middle >= base.top && middle <= base.bottom + 1;
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  return lines
    .sort((a, b) => (a[0] as Word).bottom - (b[0] as Word).bottom)
    .map((l) =>
      l
        .sort((a, b) => a.x - b.x)
        .map((w) => w.text)
        .join(" "),
    );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * The letters of a text, lower-cased: what a line and the source agree on whatever the format did
 * to quotes, dashes, spaces, hyphens at line ends and note numbers.
 */
export function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}]/gu, "");
}

/** Letters and digits: a heading's key (a contents line is the heading's text and a page number). */
function lettersAndDigits(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** The keys of every heading of the report (its outline). */
export function headingKeys(model: ReportModel): Set<string> {
  return new Set(model.outline.map((e) => lettersAndDigits(e.text)).filter((k) => k.length > 0));
}

/** The letters of every paragraph of the body (also in lists and quotes), in order. */
export function paragraphKeys(tree: Root): string[] {
  const keys: string[] = [];
  visit(tree, "paragraph", (node: Nodes) => {
    const key = letters(plainText(node));
    if (key) keys.push(key);
  });
  return keys;
}

/** A break between two pages that a reader would notice. */
export interface BadBreak {
  page: number;
  kind: "heading last on its page" | "orphan" | "widow";
  line: string;
}

/**
 * Where a page ends with a heading (its last line or lines are one heading's whole text), or a
 * paragraph of three or more lines leaves its first line alone at the foot of a page (orphan) or
 * its last line alone at the head of the next (widow). The last page's foot is not checked: a
 * document may end with an empty section.
 */
export function badBreaks(pages: string[][], headings: Set<string>, paragraphs: string[]): BadBreak[] {
  const found: BadBreak[] = [];
  for (let p = 0; p + 1 < pages.length; p++) {
    const lines = pages[p] as string[];
    const next = pages[p + 1] as string[];
    const last = lines.at(-1);
    if (last === undefined) continue;
    for (let k = 1; k <= Math.min(4, lines.length); k++) {
      if (headings.has(lettersAndDigits(lines.slice(-k).join(" ")))) {
        found.push({ page: p + 1, kind: "heading last on its page", line: last });
        break;
      }
    }
    const foot = letters(last);
    const head = letters(next[0] ?? "");
    if (!foot || !head) continue;
    const pair = foot + head;
    for (const paragraph of paragraphs) {
      if (paragraph.length <= pair.length) continue; // two lines at most: nothing to keep together
      // Its first line ends this page and it runs on overleaf; or its last line, alone, starts the next.
      const kind = paragraph.startsWith(pair) ? "orphan" : paragraph.endsWith(pair) ? "widow" : undefined;
      if (!kind) continue;
      found.push(
        kind === "orphan"
          ? { page: p + 1, kind, line: last }
          : { page: p + 2, kind, line: next[0] as string },
      );
      break;
    }
  }
  return found;
}
