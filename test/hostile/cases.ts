import { deflateSync } from "node:zlib";
import type { FormatId } from "../../src/render/format.ts";

/** One hostile input and what Folio must do with it. */
export interface HostileCase {
  name: string;
  /** Why this is the right outcome (the catalogue's documentation). */
  why: string;
  formats: FormatId[];
  /** Source text (or bytes) of `source/r.md`; `null` means the file does not exist. */
  source: string | Uint8Array | null;
  /** Extra files (paths relative to the project folder), or a function for what files cannot say. */
  files?: Record<string, string | Uint8Array>;
  /** Prepares what files cannot say, in the project folder `dir`; `source` is the case's source path. */
  setup?: (dir: string, source: string) => void;
  /** Environment for the CLI (`{dir}` is replaced by the project folder). */
  env?: Record<string, string>;
  /** Arguments after `build source/r.md`, default `--formats …`. */
  args?: string[];
  /** A command the CLI runs under (`prlimit --fsize=…`), before `node`. */
  prefix?: string[];
  /**
   * Why the case needs a build of its own: it changes out/ or the environment, or its bound must be
   * measured alone. Cases without it (and without `env`, `args` or `prefix`) share one build per
   * formats and outcome, each source with its own messages (test/hostile/hostile.test.ts).
   */
  ownBuild?: string;
  /** Tighter bounds than the README's 60 s and 2 GB, for the heavy cases (CPU time: user + system). */
  bounds?: { ms?: number; mb?: number };
  /** For a build that succeeds: text each artifact (by suffix) must show. */
  contains?: Array<[string, string]>;
  expect: {
    code: 0 | 1;
    /** Each must match stderr (the file name and, where there is one, line:column). */
    stderr?: RegExp[];
    notStderr?: RegExp[];
  };
}

const good = (body: string) => `---\ntitle: Hostile\n---\n\n${body}\n`;
/** A source whose front matter's third line is `field` (a bibliography or a style), citing `@smith04`. */
const cited = (field: string, body = "As shown [@smith04].") =>
  `---\ntitle: Hostile\n${field}\nreferences:\n  - id: smith04\n    type: book\n    title: Known\n---\n\n${body}\n`;

/** A PNG that claims `width`×`height` pixels (header only, a few bytes of data). */
export function pngHeader(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    data.copy(out, 8);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    sig,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(16))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const row = (n: number, f: (i: number) => string) =>
  `|${Array.from({ length: n }, (_, i) => f(i)).join("|")}|`;
const staircase = (n: number) =>
  Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n");

export const hostileCases: HostileCase[] = [
  // Front matter
  {
    name: "malformed YAML",
    why: "an unclosed flow sequence cannot be read: error at its line",
    formats: ["html"],
    source: "---\ntitle: [unclosed\n---\n\nText.\n",
    expect: { code: 1, stderr: [/source\/r\.md:\d+:\d+: error: Malformed YAML front matter/] },
  },
  {
    name: "missing title, no level-1 heading",
    why: "every format needs a title; the error says both ways to give one",
    formats: ["html"],
    source: "---\nauthor: Someone\n---\n\n## Only a section\n\nText.\n",
    expect: { code: 1, stderr: [/source\/r\.md:1:1: error: No title/] },
  },
  {
    name: "field of the wrong type",
    why: "`toc: maybe` is not a boolean: error at the key's line",
    formats: ["html"],
    source: "---\ntitle: T\ntoc: maybe\n---\n\nText.\n",
    expect: { code: 1, stderr: [/source\/r\.md:3:\d+: error: Front matter field `toc`/] },
  },
  {
    name: "unknown field",
    why: "likely a typo, but harmless: a warning at its line, and the build succeeds",
    formats: ["html"],
    source: "---\ntitle: T\nsubtitel: Oops\n---\n\nText.\n",
    expect: { code: 0, stderr: [/source\/r\.md:3:1: warning: Unknown front matter field `subtitel`/] },
  },
  {
    name: "fact quote not in the body",
    why: "the fact sheet states only what the body says: error at the fact's `quote:` line (facts are checked when the fact sheet is built)",
    formats: ["html", "factsheet"],
    source:
      "---\ntitle: T\nfacts:\n  - label: Attacks\n    value: 12\n    quote: There were 12 attacks.\n---\n\nThere were 11 attacks.\n",
    expect: { code: 1, stderr: [/source\/r\.md:6:\d+: error: .*quote/i] },
  },
  // Templates (a broken copy of Folio's templates via FOLIO_TEMPLATES)
  {
    name: "template syntax error",
    why: "names the template file and the line of the unclosed mustache",
    formats: ["html"],
    source: good("Text."),
    setup: (dir) => breakTemplate(dir, "partials/meta-line.txt.hbs", "{{#if title}}\n{{title}\n"),
    env: { FOLIO_TEMPLATES: "{dir}/templates" },
    expect: {
      code: 1,
      stderr: [/templates\/partials\/meta-line\.txt\.hbs:2:\d+: error: Parse error/, /source\/r\.md/],
    },
  },
  {
    name: "template missing partial",
    why: "Handlebars says so only at render time, without a line: Folio finds the `{{> name}}` tag",
    formats: ["html"],
    source: good("Text."),
    setup: (dir) => breakTemplate(dir, "partials/colophon.md.hbs", "First line\n\n{{> no-such-partial}}\n"),
    env: { FOLIO_TEMPLATES: "{dir}/templates" },
    expect: {
      code: 1,
      stderr: [/templates\/partials\/colophon\.md\.hbs:3:1: error: The partial no-such-partial/],
    },
  },
  {
    name: "template unknown helper",
    why: "compiled with knownHelpersOnly, so the misspelt helper fails at compile time with its line",
    formats: ["html"],
    source: good("Text."),
    setup: (dir) => breakTemplate(dir, "partials/colophon.md.hbs", "First line\n{{shout title}}\n"),
    env: { FOLIO_TEMPLATES: "{dir}/templates" },
    expect: {
      code: 1,
      stderr: [/templates\/partials\/colophon\.md\.hbs:2:\d+: error: Unknown helper `shout`/],
    },
  },
  // Images
  {
    name: "image missing",
    why: "a figure that is not there is a broken report: error at the image's line",
    formats: ["html"],
    source: good("Intro.\n\n![Seal](images/none.png)"),
    expect: { code: 1, stderr: [/source\/r\.md:7:1: error: Image `images\/none\.png` not found/] },
  },
  {
    name: "image path escapes the folder",
    why: "nothing outside the source's folder is read",
    formats: ["html"],
    source: good("![Secrets](../../etc/passwd)"),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: .*(outside the source folder|not found)/] },
  },
  {
    name: "image absolute path",
    why: "an absolute path is outside the source folder by definition",
    formats: ["html"],
    source: good("![Secrets](/etc/passwd)"),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: .*absolute path/] },
  },
  {
    name: "image symlink out of the folder",
    why: "the link's target, not its name, decides: refused",
    formats: ["html"],
    source: good("![Link](leak.png)"),
    setup: (dir) => symlink("/etc/passwd", `${dir}/source/leak.png`),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: .*outside the source folder/] },
  },
  {
    name: "image remote URL",
    why: "never fetched (no network in CI, and no tracking pixel): a warning, alt text shown, build succeeds",
    formats: ["html", "pdf", "docx"],
    source: good("Before.\n\n![A remote chart](https://example.invalid/chart.png)"),
    contains: [
      [".html", "[Image: A remote chart]"],
      [".pdf", "A remote chart"],
      [".docx", "A remote chart"],
    ],
    expect: {
      code: 0,
      stderr: [/source\/r\.md:7:1: warning: Image `https:\/\/example\.invalid\/chart\.png` is not local/],
    },
  },
  {
    name: "image corrupt data",
    why: "a file named .png that holds text cannot be drawn: error at its line",
    formats: ["html"],
    source: good("![Bad](bad.png)"),
    files: { "source/bad.png": "this is not a picture" },
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: Image `bad\.png` is not a readable/] },
  },
  {
    name: "image unsupported type",
    why: "a BMP is readable but not drawable in every format: error naming the allowed types",
    formats: ["html"],
    source: good("![Bmp](pic.bmp)"),
    files: { "source/pic.bmp": bmp() },
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: Image `pic\.bmp` is bmp: use PNG, JPEG/] },
  },
  {
    name: "image of 50 megapixels",
    why: "decoding it would take gigabytes in every renderer: error naming the 40 MP limit (header only, 100 bytes)",
    formats: ["html"],
    source: good("![Huge](huge.png)"),
    files: { "source/huge.png": pngHeader(10_000, 5_000) },
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: .*10000×5000 px: over the 40 megapixel limit/] },
  },
  // Pathological Markdown
  {
    name: "10,000 nested block quotes",
    why: "overflowed the parser's stack: refused before parsing, at the line, naming the nesting limit",
    formats: ["html", "pdf", "docx"],
    source: good(`${"> ".repeat(10_000)}deep`),
    expect: {
      code: 1,
      stderr: [/source\/r\.md:5:1: error: Nested about \d+ levels deep: over the limit of 20/],
    },
  },
  {
    name: "3,000 nested lists on one line",
    why: "`- - - …`: the parser overflows past 5,000 and is slow before; refused before parsing",
    formats: ["html", "pdf", "docx"],
    source: good(`${"- ".repeat(3_000)}deep`),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: Nested about \d+ levels deep/] },
  },
  {
    name: "600-deep staircase of list items",
    why: "each item indented under the last (a 3,000-deep one is 9 MB, over the size limit): refused where the estimate passes 80",
    formats: ["html"],
    source: good(staircase(600)),
    expect: { code: 1, stderr: [/source\/r\.md:\d+:1: error: Nested about \d+ levels deep/] },
  },
  {
    name: "21 nested quotes",
    why: "just over the limit: the exact check after parsing names the line and the limit",
    formats: ["html"],
    source: good(`${"> ".repeat(21)}deep`),
    expect: { code: 1, stderr: [/source\/r\.md:5:\d+: error: Nested 21 levels deep: over the limit of 20/] },
  },
  {
    name: "20 nested quotes and lists",
    why: "at the limit: builds in every format, the text on the page (the PDF column still has room)",
    formats: ["html", "pdf", "docx"],
    source: good(`${"> ".repeat(10)}${"- ".repeat(10)}Deep but legal text.`),
    contains: [
      [".html", "Deep but legal text."],
      [".pdf", "Deep but legal text."],
      [".docx", "Deep but legal text."],
    ],
    expect: { code: 0 },
  },
  {
    name: "1,000-column table",
    why: "Word opens no table over 63 columns and no page holds them: an error at the table, naming the limit",
    formats: ["html", "pdf", "docx"],
    source: good(`${row(1000, (i) => `c${i}`)}\n${row(1000, () => "-")}\n${row(1000, (i) => `${i}`)}`),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: Table of 1000 columns: over the limit of 63/] },
  },
  {
    name: "40-column table in the PDF",
    why: "within the column limit (HTML scrolls it), but pdfmake never breaks a word: the PDF refuses rather than cutting columns",
    formats: ["pdf"],
    source: good(`${row(40, (i) => `Heading${i}`)}\n${row(40, () => "-")}\n${row(40, (i) => `Value${i}`)}`),
    expect: { code: 1, stderr: [/source\/r\.md:5:1: error: Table too wide for the PDF page/] },
  },
  {
    name: "5 MB paragraph",
    why: "over the 2 MB source limit: error at the line where the limit is crossed, before any parsing",
    formats: ["html", "pdf"],
    source: good("word ".repeat(1_000_000)),
    expect: {
      code: 1,
      stderr: [/source\/r\.md:5:\d+: error: The source is 5\.0 MB: over the 2 MB limit/],
    },
  },
  {
    name: "300 KB paragraph",
    why: "within the source limit; one paragraph's layout is linear now (src/engine/pdfmake/line-builder.ts): it builds",
    formats: ["html", "pdf"],
    source: good("word ".repeat(60_000)),
    expect: { code: 0 },
  },
  {
    name: "NUL byte",
    why: "not a text file: error at the NUL's line and column",
    formats: ["html"],
    source: good("Text with a \u0000 NUL."),
    expect: { code: 1, stderr: [/source\/r\.md:5:13: error: The source contains a NUL byte/] },
  },
  {
    name: "invalid UTF-8",
    why: "the text cannot be decoded faithfully: error at the bad byte's line and column, with its offset",
    formats: ["html"],
    source: Buffer.concat([Buffer.from(good("Caf")), Buffer.from([0xc3, 0x28]), Buffer.from(" latin-1.\n")]),
    expect: {
      code: 1,
      stderr: [/source\/r\.md:6:1: error: Not valid UTF-8 \(byte 0xC3, at byte offset \d+\)/],
    },
  },
  {
    name: "empty file",
    why: "no title, no text: the missing-title error",
    formats: ["html"],
    source: "",
    expect: { code: 1, stderr: [/source\/r\.md:1:1: error: No title/] },
  },
  // The environment
  {
    name: "source does not exist",
    why: "names the file",
    formats: ["html"],
    source: null,
    expect: { code: 1, stderr: [/source\/r\.md: error: No such file/] },
  },
  {
    name: "output folder cannot be written",
    why: "a file stands where the folder should be (root ignores permissions, so no chmod): named, exit 1",
    formats: ["html"],
    source: good("Second version."),
    files: { blocked: "a file, not a folder" },
    args: ["--formats", "html", "--out", "blocked/out"],
    expect: { code: 1, stderr: [/Cannot write blocked\/out.*\((ENOTDIR|EEXIST)\)/] },
  },
  {
    name: "a folder where the DOCX goes",
    why: "the third artifact cannot be written: refused before any is, out/ as it was, no temporary left",
    formats: ["html", "pdf", "docx"],
    source: good("Second version."),
    // Its own DOCX only (the source's name in a shared build), so it can share one.
    setup: (dir, source) => {
      rmSync(`${dir}/out/${reportName(source)}.docx`);
      mkdirSync(`${dir}/out/${reportName(source)}.docx`);
    },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md: error: Cannot write out\/r\.docx \(EISDIR: it is a folder\)/],
    },
  },
  {
    name: "temporaries of a build killed while writing",
    why: "a killed build's staged files are removed by the next build; the report is built",
    formats: ["html"],
    source: good("Second version."),
    // Its own report's temporary (the source's name in a shared build), so it can share one.
    setup: (dir, source) =>
      writeFileSync(`${dir}/out/.${reportName(source)}.html.0123456789ab.tmp`, "half of an HTML file"),
    contains: [[".html", "Second version."]],
    expect: { code: 0 },
  },
  {
    name: "every pool worker killed (SIGKILL)",
    why: "a worker killed from outside is retried once, then its source is named with the signal; nothing built, out/ as it was",
    formats: ["html"],
    source: good("Second version."),
    files: { "source/s.md": good("Another report.") },
    env: { FOLIO_TEST_KILL_WORKER: "r.md,s.md" },
    args: ["source/s.md", "--jobs", "2", "--formats", "html", "-q"],
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md: error: Not built: the worker building this source \(\d+ bytes\) was killed by SIGKILL twice/,
        /\nsource\/s\.md: error: Not built: .* killed by SIGKILL/,
      ],
    },
  },
  // Outside the folder (issue 28): an SVG names nothing a renderer would read or fetch.
  {
    name: "SVG with an external entity",
    why: "a DOCTYPE's SYSTEM entity would read a file outside the folder: dropped with a warning at the image's line",
    formats: ["pdf", "docx"],
    source: good("![Entity](entity.svg)"),
    files: {
      "secret.txt": "OUTSIDE-SECRET",
      "source/entity.svg": `<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "../secret.txt">]>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text y="20">A &x; B</text></svg>`,
    },
    expect: {
      code: 0,
      stderr: [/source\/r\.md:5:1: warning: Image `entity\.svg`: its DOCTYPE declares entities/],
    },
  },
  {
    name: "SVG image href outside the folder",
    why: '`<image href="../secret.png">` would draw a file outside the folder: dropped with a warning at the image\'s line',
    formats: ["pdf"],
    source: good("![Outside](out.svg)"),
    files: {
      "secret.png": pngHeader(7, 3),
      "source/out.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><image href="../secret.png" width="40" height="40"/></svg>`,
    },
    expect: {
      code: 0,
      stderr: [
        /source\/r\.md:5:1: warning: Image `out\.svg`: `href` `\.\.\/secret\.png` resolves outside the source folder/,
      ],
    },
  },
  // A fact sheet that cannot fit one page falls back to a shorter summary (issue 28).
  {
    name: "fact sheet of sixty short sections",
    why: "a valid report whose sheet overflows even bare: a shorter summary and a warning, never a failed build",
    formats: ["factsheet"],
    source: good(Array.from({ length: 60 }, (_, i) => `## Section ${i + 1}\n\nShort text.`).join("\n\n")),
    contains: [[".factsheet.pdf", "Section 1"]],
    expect: {
      code: 0,
      stderr: [
        /source\/r\.md:2:1: warning: The fact sheet does not fit one page .*: it shows a shorter summary/,
      ],
    },
  },
  // Inputs that reached the user as "Internal error" without a line (issue 28)
  {
    name: "YAML alias bomb",
    why: "nine anchors of nine aliases each expand to 387 million items: refused at the first alias",
    formats: ["html", "pdf", "docx"],
    source: `---\ntitle: Bomb\n${aliasBomb()}\n---\n\nText.\n`,
    expect: { code: 1, stderr: [/^source\/r\.md:4:8: error: Malformed YAML front matter: its aliases/] },
  },
  {
    name: "lang that is not a language tag",
    why: "written as typed into HTML's lang, the PDF's /Lang and Word: refused at the field, saying what a tag looks like",
    formats: ["html", "pdf", "docx"],
    source: `---\ntitle: T\nlang: 'en" onload="x'\n---\n\nText.\n`,
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:1: error: Front matter field `lang`: expected a language tag such as `en`/],
    },
  },
  {
    name: "truncated PNG",
    why: "a valid header cut short: PDFKit threw; an error at the image's line",
    formats: ["html", "pdf", "docx"],
    source: good("![Cut](cut.png)"),
    files: { "source/cut.png": truncatedPng() },
    expect: { code: 1, stderr: [/^source\/r\.md:5:1: error: Image `cut\.png` is cut short/] },
  },
  {
    name: "SVG with an internal entity",
    why: "entities can expand exponentially and PDFKit's reader threw on them: never expanded, a warning at the image's line",
    formats: ["html", "pdf", "docx"],
    source: good("![Laughs](laughs.svg)"),
    files: {
      "source/laughs.svg":
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>',
    },
    expect: {
      code: 0,
      stderr: [
        /^source\/r\.md:5:1: warning: Image `laughs\.svg`: its DOCTYPE declares entities: they are not expanded/,
      ],
    },
  },
  {
    name: "template partial that includes itself",
    why: "the render overflowed the stack: the cycle is named at the partial's tag",
    formats: ["html"],
    source: good("Text."),
    setup: (dir) => breakTemplate(dir, "partials/meta-line.txt.hbs", "Line one\n{{> meta-line}}\n"),
    env: { FOLIO_TEMPLATES: "{dir}/templates" },
    expect: {
      code: 1,
      stderr: [/templates\/partials\/meta-line\.txt\.hbs:2:1: error: The partial meta-line includes itself/],
    },
  },
  {
    name: "UTF-16 source",
    why: "saved as UTF-16 by an editor (byte-order mark): said so at 1:1, asking for UTF-8",
    formats: ["html"],
    source: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good("Text."), "utf16le")]),
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md:1:1: error: The source is UTF-16 \(little-endian\), not UTF-8: save it as UTF-8/,
      ],
    },
  },
  // Bounded work: each limit of src/model/limits.ts at its value and past it
  {
    name: "40,000 front matter keys",
    why: "took 117 s (the YAML parser's duplicate check is quadratic): refused at the 1,001st key",
    formats: ["html", "pdf", "docx"],
    source: `---\ntitle: T\n${Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join("\n")}\n---\n\nText.\n`,
    expect: { code: 1, stderr: [/^source\/r\.md:1002:1: error: More than 1000 keys in one mapping/] },
  },
  {
    name: "1,000 front matter keys",
    why: "at the limit: each unknown key is a warning and the report builds",
    formats: ["html"],
    source: `---\ntitle: T\n${Array.from({ length: 999 }, (_, i) => `k${i}: v`).join("\n")}\n---\n\nText.\n`,
    contains: [[".html", "Text."]],
    expect: { code: 0, stderr: [/source\/r\.md:1001:1: warning: Unknown front matter field `k998`/] },
  },
  {
    name: "100 KB title",
    why: "used 1.7 GB (set on the cover, in running heads and the fact sheet): refused at the field",
    formats: ["html", "pdf", "docx"],
    source: `---\ntitle: ${"Title ".repeat(17_000)}\n---\n\nText.\n`,
    expect: { code: 1, stderr: [/^source\/r\.md:2:1: error: Front matter field `title`: longer than 300/] },
  },
  {
    name: "300-character title",
    why: "at the limit: builds in every format",
    formats: ["html", "pdf", "docx"],
    source: `---\ntitle: ${"Long title ".repeat(27)}end\n---\n\nText.\n`,
    contains: [[".html", "Long title Long title"]],
    expect: { code: 0 },
  },
  {
    name: "50,000 unclosed brackets",
    why: "grew past 4 GB in 147 s (one word the PDF splits letter by letter): refused before parsing, at the 1,001st",
    formats: ["html", "pdf", "docx"],
    source: good("[".repeat(50_000)),
    expect: { code: 1, stderr: [/^source\/r\.md:5:1001: error: More than 1000 opening brackets in a row/] },
  },
  {
    name: "50,000 emphasis marks after a word",
    why: "the same unbreakable run: refused before parsing",
    formats: ["html", "pdf", "docx"],
    source: good(`word${"*".repeat(50_000)}`),
    expect: { code: 1, stderr: [/^source\/r\.md:5:1005: error: More than 1000 emphasis marks in a row/] },
  },
  {
    name: "1,000 brackets and 1,000 image brackets",
    why: "at the limit: builds in every format",
    formats: ["html", "pdf", "docx"],
    source: good(`Brackets ${"[".repeat(1_000)} and images ${"![".repeat(1_000)} end.`),
    contains: [[".html", "end."]],
    expect: { code: 0 },
  },
  {
    name: "3,000 nested directives",
    why: "took 64 s and 1 GB before the nesting limit refused them: refused before parsing, at the 81st",
    formats: ["html", "pdf", "docx"],
    source: good(`${":::note\n".repeat(3_000)}Deep.\n${":::\n".repeat(3_000)}`),
    expect: { code: 1, stderr: [/^source\/r\.md:85:1: error: Nested about 81 levels deep/] },
  },
  {
    name: "20 nested directives",
    why: "at the nesting limit: builds in every format",
    formats: ["html", "pdf", "docx"],
    source: good(`${":::note\n".repeat(20)}Deep but legal.\n${":::\n".repeat(20)}`),
    // The PDF's column is one word wide by then: its words stand on separate lines.
    contains: [
      [".html", "Deep but legal."],
      [".pdf", "legal."],
      [".docx", "Deep but legal."],
    ],
    expect: { code: 0 },
  },
  // Issue 28's leftovers: long words, memory, and system errors at their place
  {
    name: "one word of 100,000 letters",
    why: "was superlinear in the PDF (20,000 letters: 23 s, 1.2 GB): shaped once, cut by its advances, in every format",
    // Shares its build: the bound holds for the whole build, which is stricter.
    formats: ["html", "pdf", "docx", "factsheet"],
    source: good(`Before ${letters(100_000, 1)} after the word.`),
    contains: [
      [".html", "after the word."],
      [".pdf", "after the word."],
      [".docx", "after the word."],
    ],
    bounds: { ms: 50_000, mb: 1_000 },
    expect: { code: 0 },
  },
  {
    name: "1.95 MB of 100,000-letter words",
    why: "a source near the size limit made of words far wider than a line: each word is shaped once and cut by its advances in the PDF, and the fact sheet's summary takes the first 650 characters, not the whole paragraph (laid out by every try of its fit): all five artifacts",
    ownBuild: "its bound is its own",
    formats: ["html", "pdf", "docx", "factsheet"],
    source: good(`${longWords(1_950_000 - 200, 100_000)} End of the long words.`),
    contains: [
      [".html", "End of the long words."],
      [".pdf", "End of the long words."],
      [".docx", "End of the long words."],
      [".factsheet.pdf", "Hostile"],
    ],
    bounds: { mb: 1_500 },
    expect: { code: 0 },
  },
  {
    name: "a source that is a FIFO",
    why: "reading it would block the build for ever: refused, naming it, without reading",
    formats: ["html"],
    source: null,
    setup: (_, source) => execFileSync("mkfifo", [source]),
    expect: {
      code: 1,
      stderr: [/^source\/r\.md: error: Not a regular file \(a device, a FIFO or a socket\)/],
    },
  },
  {
    name: "a source that is /dev/zero",
    why: "never ends (grew to 4 GB): refused, naming it, without reading",
    formats: ["html"],
    source: null,
    setup: (_, source) => symlink("/dev/zero", source),
    expect: { code: 1, stderr: [/^source\/r\.md: error: Not a regular file/] },
  },
  {
    name: "a source that is a folder",
    why: "a folder named like a Markdown file: named",
    formats: ["html"],
    source: null,
    setup: (_, source) => mkdirSync(source),
    expect: { code: 1, stderr: [/^source\/r\.md: error: Is a folder, not a Markdown file/] },
  },
  {
    name: "a file too large for the system (ulimit -f)",
    why: "was `Internal error: EFBIG` without the file: the file being written is named, out/ as it was",
    formats: ["html", "pdf"],
    source: good("Second version."),
    prefix: ["prlimit", "--fsize=20000"],
    expect: {
      code: 1,
      stderr: [/^source\/r\.md: error: Cannot write out\/r\.(html|pdf) \(EFBIG\): larger than this system/],
    },
  },
  {
    name: "a folder where manifest.json goes",
    why: "the manifest cannot be written: named, nothing written",
    ownBuild: "it puts a folder in out/",
    formats: ["html"],
    source: good("Second version."),
    setup: (dir) => {
      rmSync(`${dir}/out/manifest.json`);
      mkdirSync(`${dir}/out/manifest.json`);
    },
    expect: { code: 1, stderr: [/^source\/r\.md: error: Cannot write out\/manifest\.json \(EISDIR/] },
  },
  {
    name: "a folder where the build's lock goes",
    why: "the lock cannot be taken: named, nothing written",
    ownBuild: "it puts a folder in out/",
    formats: ["html"],
    source: good("Second version."),
    setup: (dir) => mkdirSync(`${dir}/out/.folio.lock`),
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md: error: Cannot write out\/\.folio\.lock \(\w+\): a folder stands where the file goes/,
      ],
    },
  },
  {
    name: "a worker out of memory in a one-source build",
    why: "a single source renders in a capped worker too: V8's report never reaches the user; the source, its size, the limit and how to raise it",
    formats: ["pdf"],
    source: good(`Before ${letters(100_000, 3)} after.`),
    env: { FOLIO_WORKER_HEAP_MB: "40" },
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md: error: Not built: the worker building this source \(98 KB\) ran out of memory twice .*heap limit \(FOLIO_WORKER_HEAP_MB\) of 40 MB\. Raise the limit with FOLIO_WORKER_HEAP_MB=256/,
      ],
      notStderr: [/FATAL ERROR|heap limit Allocation failed|Mark-Compact/],
    },
  },
  {
    name: "a long first sentence",
    why: "a valid report the fact sheet's summary could not hold: it falls back with a warning, never fails",
    formats: ["factsheet"],
    source: good(`${"word ".repeat(20_000)}end.\n\nSecond sentence.`),
    contains: [[".factsheet.pdf", "Hostile"]],
    expect: { code: 0 },
  },
  {
    name: "emphasis nested 30 deep",
    why: "deep emphasis within the tree-depth limit: builds in every format",
    formats: ["html", "pdf", "docx", "factsheet"],
    source: good(`${"*a **b ".repeat(15)}deep${" b** a*".repeat(15)} after.`),
    contains: [
      [".html", "deep"],
      [".pdf", "deep"],
      [".docx", "deep"],
    ],
    expect: { code: 0 },
  },
  // Bibliography and citation style files (issue 28): the images' rule, errors at the front matter's line.
  {
    name: "a bibliography that is a FIFO",
    why: "reading it would block the build for ever: refused at its front matter line, without reading",
    formats: ["html"],
    source: cited("bibliography: refs.bib"),
    setup: (dir) => execFileSync("mkfifo", [join(dir, "source", "refs.bib")]),
    bounds: { ms: 30_000 },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Bibliography `refs\.bib` is not a regular file/m],
    },
  },
  {
    name: "a bibliography linked to /dev/zero",
    why: "never ends (the process would grow until killed): the link's target is outside the folder, refused",
    formats: ["html"],
    source: cited("bibliography: zero.json"),
    setup: (dir) => symlink("/dev/zero", join(dir, "source", "zero.json")),
    bounds: { ms: 30_000, mb: 1_000 },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Bibliography `zero\.json` resolves outside the source folder/m],
    },
  },
  {
    name: "a bibliography outside the folder",
    why: "`../secret.bib` climbs out of the source folder: refused, never read",
    formats: ["html"],
    source: cited("bibliography: ../secret.bib"),
    files: { "secret.bib": "@book{smith04, title = {Secret}, author = {Smith, J.}, year = {2004}}\n" },
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md:3:\d+: error: Bibliography `\.\.\/secret\.bib` resolves outside the source folder/m,
      ],
      notStderr: [/Secret/],
    },
  },
  {
    name: "a bibliography given as a URL",
    why: "nothing is fetched: a URL is refused at its line",
    formats: ["html"],
    source: cited("bibliography: http://127.0.0.1:9/refs.bib"),
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Bibliography `http:\/\/127\.0\.0\.1:9\/refs\.bib` is a URL/m],
    },
  },
  {
    name: "a bibliography at its size limit",
    why: "10,000,000 bytes (a CSL-JSON list padded with spaces) is within the limit: builds",
    formats: ["html"],
    source: cited("bibliography: big.json", "Text without citations."),
    setup: (dir) => writeFileSync(join(dir, "source", "big.json"), `[${" ".repeat(9_999_998)}]`),
    contains: [[".html", "Text without citations."]],
    expect: { code: 0 },
  },
  {
    name: "a bibliography one byte over its size limit",
    why: "refused at its line without being read, the size and the limit named",
    formats: ["html"],
    source: cited("bibliography: big.json"),
    setup: (dir) => {
      writeFileSync(join(dir, "source", "big.json"), "[]");
      truncateSync(join(dir, "source", "big.json"), 10_000_001);
    },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Bibliography `big\.json` is 10\.0 MB: over the 10 MB limit/m],
    },
  },
  {
    name: "a citation style that is a FIFO",
    why: "reading it would block the build for ever: refused at its front matter line",
    formats: ["html"],
    source: cited("csl: style.csl"),
    setup: (dir) => execFileSync("mkfifo", [join(dir, "source", "style.csl")]),
    bounds: { ms: 30_000 },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Citation style `style\.csl` is not a regular file/m],
    },
  },
  {
    name: "a citation style linked to /dev/zero",
    why: "never ends: the link's target is outside the folder, refused",
    formats: ["html"],
    source: cited("csl: zero.csl"),
    setup: (dir) => symlink("/dev/zero", join(dir, "source", "zero.csl")),
    bounds: { ms: 30_000, mb: 1_000 },
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Citation style `zero\.csl` resolves outside the source folder/m],
    },
  },
  {
    name: "a citation style linked out of the folder",
    why: "the link's target, not its name, decides: refused",
    formats: ["html"],
    source: cited("csl: leak.csl"),
    files: { "secret.csl": "<style/>" },
    setup: (dir) => symlink(join(dir, "secret.csl"), join(dir, "source", "leak.csl")),
    expect: {
      code: 1,
      stderr: [/^source\/r\.md:3:\d+: error: Citation style `leak\.csl` resolves outside the source folder/m],
    },
  },
  {
    name: "a citation style given as a URL",
    why: "nothing is fetched: a URL is refused at its line",
    formats: ["html"],
    source: cited("csl: https://example.invalid/apa.csl"),
    expect: {
      code: 1,
      stderr: [
        /^source\/r\.md:3:\d+: error: Citation style `https:\/\/example\.invalid\/apa\.csl` is a URL/m,
      ],
    },
  },
];

/** Cases whose good build must equal the hostile one's artifacts (CRLF, BOM): the second source. */
export const equivalentSources: Array<{
  name: string;
  why: string;
  variant: (lf: string) => string | Uint8Array;
}> = [
  {
    name: "CRLF line endings",
    why: "Windows editors: the same document",
    variant: (lf) => lf.replace(/\n/g, "\r\n"),
  },
  {
    name: "byte-order mark",
    why: "Notepad's UTF-8: the BOM is not text",
    variant: (lf) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf)]),
  },
];

/** The hostile HTML fixture: sanitised in HTML, and the same text (no script) in PDF and DOCX. */
export const hostileHtml = `---
title: Hostile HTML
---

Before the script.<script>document.title = "pwned-inline"</script> After the script.

<script>
document.body.innerHTML = "pwned-block";
</script>

<img src="x.png" onerror="alert('pwned-onerror')" alt="broken"> Image with handler.

<a href="javascript:alert('pwned-a')">js link</a> and <a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> and [md js](javascript:alert('pwned-md')) and [md data](data:text/html,pwned).

<iframe src="https://example.invalid/"></iframe>

<style>.report p { display: none }</style>

<p onclick="alert('pwned-click')" style="display:none">Clickable paragraph text.</p>

Last paragraph of the hostile page.
`;

// --- helpers used by the cases (synchronous, run in the test's project folder) ---
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const templates = fileURLToPath(new URL("../../templates/", import.meta.url));

function breakTemplate(dir: string, name: string, content: string): void {
  cpSync(templates, join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "templates", name), content);
}

/** The artifacts' name of a source (`r`, or a case's own in a shared build). */
function reportName(source: string): string {
  return basename(source, ".md");
}

function symlink(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/** Nine anchors, each a list of nine aliases of the one before: 9^9 items once expanded. */
function aliasBomb(): string {
  const lines = ["a: &a [x,x,x,x,x,x,x,x,x]"];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(",")}]`,
    );
  return lines.join("\n");
}

/** Folio's test seal (a valid PNG) cut after 200 of its bytes, inside its image data. */
function truncatedPng(): Uint8Array {
  return readFileSync(fileURLToPath(new URL("../fixtures/images/seal.png", import.meta.url))).subarray(
    0,
    200,
  );
}

/** A 2×2 BMP: a real image in a format Folio does not embed. */
function bmp(): Uint8Array {
  const b = Buffer.alloc(70);
  b.write("BM", 0, "latin1");
  b.writeUInt32LE(70, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(2, 18);
  b.writeInt32LE(2, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(16, 34);
  return b;
}

/** Words of `wordLength` letters separated by spaces, `bytes` in all (the last word shorter). */
function longWords(bytes: number, wordLength: number): string {
  const words: string[] = [];
  for (let left = bytes, seed = 1; left > 0; left -= wordLength + 1, seed++)
    words.push(letters(Math.min(wordLength, left), seed));
  return words.join(" ");
}

/** `n` lowercase letters without a break, the same for the same seed (a linear congruential generator). */
function letters(n: number, seed: number): string {
  let x = seed;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    out[i] = String.fromCharCode(97 + ((x >> 8) % 26));
  }
  return out.join("");
}
