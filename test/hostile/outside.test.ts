import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folioCommand, linesAbout } from "../support/cli.ts";

/**
 * Nothing a source names is read outside its folder or fetched (issue 28): SVG references, raw
 * HTML images and a book's chapters, each run through the CLI as a user runs it. A local server
 * counts requests (there must be none); sentinel files outside the folder hold a string no
 * artifact or manifest may contain.
 */

const sentinel = `FOLIO-SENTINEL-${process.pid}-${Date.now()}`;
const stackTrace = /\n\s+at .+[:(]\d+|Error: .*\n\s+at |node:internal/;

function folio(args: string[], cwd: string, env: Record<string, string> = {}, timeout = 60_000) {
  return new Promise<{ code: number | null; stderr: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn(folioCommand, args, {
      cwd,
      env: { ...process.env, FOLIO_DEBUG: "", SOURCE_DATE_EPOCH: "0", ...env },
      timeout,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (code) => resolve({ code, stderr, ms: Date.now() - started }));
  });
}

/** A PNG of `width`×`height` red pixels; `comment` goes in a tEXt chunk (kept by a byte copy). */
function png(width: number, height: number, comment = ""): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([255, 0, 0]))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    ...(comment ? [chunk("tEXt", Buffer.from(`Comment\0${comment}`, "latin1"))] : []),
    chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The files of one report in a shared out/ (its artifacts, and the manifest that lists them). */
function reportFiles(out: string, report: string): string[] {
  return readdirSync(out).filter((name) => name.startsWith(`${report}.`) || name === "manifest.json");
}

/** Every artifact's bytes and readable forms: raw, PDF uncompressed and its text, DOCX parts. */
async function artifactTexts(out: string, report: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of reportFiles(out, report)) {
    const path = join(out, name);
    texts.set(name, readFileSync(path, "latin1"));
    if (name.endsWith(".pdf")) {
      const qdf = join(tmpdir(), `folio-qdf-${process.pid}-${name}`);
      execFileSync("qpdf", ["--qdf", "--object-streams=disable", path, qdf]);
      texts.set(`${name} (qdf)`, readFileSync(qdf, "latin1"));
      texts.set(`${name} (text)`, execFileSync("pdftotext", [path, "-"], { encoding: "utf8" }));
    }
    if (name.endsWith(".docx")) {
      const zip = await JSZip.loadAsync(readFileSync(path));
      for (const part of Object.values(zip.files))
        texts.set(`${name}/${part.name}`, Buffer.from(await part.async("uint8array")).toString("latin1"));
    }
  }
  return texts;
}

let server: Server;
let requests = 0;
let origin = "";
beforeAll(async () => {
  server = createServer((_request, response) => {
    requests++;
    response.writeHead(200, { "content-type": "image/png" });
    response.end(png(9, 9, sentinel));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A project folder: `source/` with the report, `outside/` with the sentinel files beside it. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-outside-"));
  mkdirSync(join(dir, "source"));
  mkdirSync(join(dir, "outside"));
  writeFileSync(join(dir, "outside", "secret.png"), png(7, 3, sentinel));
  writeFileSync(join(dir, "outside", "secret.txt"), sentinel);
  writeFileSync(join(dir, "outside", "secret.css"), `text { fill: red } /* ${sentinel} */`);
  writeFileSync(
    join(dir, "outside", "secret.svg"),
    `<svg xmlns="http://www.w3.org/2000/svg" id="s"><title>${sentinel}</title><rect width="5" height="5"/></svg>`,
  );
  return dir;
}

const svg = (origin: string) => `<?xml version="1.0"?>
<?xml-stylesheet href="${origin}/sheet.css"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "../outside/secret.txt">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="240" height="120">
<style>@import url("${origin}/import.css"); @import "../outside/secret.css"; rect.a { fill: url(${origin}/fill.png) }</style>
<image href="../outside/secret.png" width="40" height="40"/>
<image xlink:href="${origin}/x.png" x="40" width="40" height="40"/>
<image href="/dev/zero" x="80" width="40" height="40"/>
<image href="fifo.png" x="120" width="40" height="40"/>
<image href="&#46;&#46;/outside/secret.png" x="160" width="40" height="40"/>
<use href="../outside/secret.svg#s" y="60"/>
<image href="inside.png" y="60" x="60" width="40" height="40"/>
<image href="link.png" y="60" x="100" width="40" height="40"/>
<rect class="a" style="fill:url('${origin}/style.png')" x="120" y="60" width="20" height="20"/>
<text x="10" y="110">Drawn &secret; here</text>
</svg>`;

/** The fact sheets too long for one page: what they are, whether they fall back, source name, body. */
const overflows: Array<[string, boolean, string, string]> = [
  [
    "sixty short sections",
    true,
    "sixty",
    Array.from({ length: 60 }, (_, i) => `## Section ${i + 1}\n\nShort text ${i + 1}.\n`).join("\n"),
  ],
  ["a first sentence of 2,000 characters", false, "long", `## S\n\n${"word ".repeat(400).trim()}.\n`],
];

/**
 * One build, in every format, of the reports that must build (the SVG naming files, the raw HTML
 * images, the fact sheets too long for a page): a `folio` process and its worker cost seconds of
 * CPU before they build anything, and each report's messages are at its own path.
 */
let shared: { dir: string; code: number | null; stderr: string; ms: number };
beforeAll(async () => {
  const dir = project();
  writeFileSync(join(dir, "source", "picture.svg"), svg(origin));
  writeFileSync(join(dir, "source", "inside.png"), png(4, 4));
  execFileSync("mkfifo", [join(dir, "source", "fifo.png")]);
  symlinkSync(join(dir, "outside", "secret.png"), join(dir, "source", "link.png"));
  writeFileSync(
    join(dir, "source", "r.md"),
    "---\ntitle: Outside\n---\n\n## Section\n\nA paragraph.\n\n![A picture naming files](picture.svg)\n",
  );
  writeFileSync(
    join(dir, "source", "raw.md"),
    `---\ntitle: Raw\n---\n\n## S\n\nInline <img src="${origin}/inline.png" alt="remote"> and <img src="../outside/secret.png" alt="outside">.\n\n<img src="${origin}/block.png" alt="block">\n\n<p><img src="../outside/secret.png"></p>\n`,
  );
  for (const [, , name, body] of overflows)
    writeFileSync(join(dir, "source", `${name}.md`), `---\ntitle: Overflow\n---\n\n${body}`);
  const names = ["r", "raw", ...overflows.map(([, , name]) => name)];
  // Killed after four minutes (a hang); the SVG's test holds the build to a minute.
  const sources = names.map((name) => `source/${name}.md`);
  const result = await folio(["build", ...sources, "--jobs", "1"], dir, {}, 240_000);
  shared = { dir, ...result };
}, 270_000);

describe("an SVG image names nothing outside the source folder", () => {
  it("drops each reference with a warning at the image's line, requests nothing, reads nothing outside", async () => {
    const { dir } = shared;
    const result = { ...shared, stderr: linesAbout(shared.stderr, "source/r.md") };
    expect(shared.code, shared.stderr).toBe(0);
    expect(result.ms).toBeLessThan(60_000);
    expect(shared.stderr).not.toMatch(stackTrace);
    // svg-to-pdfkit says `SVGElem…: failed to open` when it reaches for a file (an image, a font).
    expect(shared.stderr).not.toMatch(/internal error|SVGElem|failed to open/i);
    expect(requests).toBe(0);
    const warnings = result.stderr
      .split("\n")
      .filter((line) => line.includes("svg-reference") || /picture\.svg`:/.test(line));
    for (const line of warnings) expect(line).toMatch(/^source\/r\.md:9:1: warning: Image `picture\.svg`: /);
    for (const named of [
      "sheet.css",
      "DOCTYPE declares entities",
      "a style with `@import` is left out",
      "`href` `../outside/secret.png` resolves outside the source folder",
      "/x.png",
      "`href` `/dev/zero` is not inside the source folder",
      "`href` `fifo.png` is not a regular file",
      "`href` `../outside/secret.svg#s`",
      "style.png",
      "`href` `link.png` resolves outside the source folder",
    ])
      expect(
        warnings.some((line) => line.includes(named)),
        named,
      ).toBe(true);
    const out = join(dir, "out");
    expect(reportFiles(out, "r").sort()).toEqual(
      ["manifest.json", "r.docx", "r.factsheet.html", "r.factsheet.pdf", "r.html", "r.pdf"].sort(),
    );
    const texts = await artifactTexts(out, "r");
    for (const [name, text] of texts) {
      expect(text.includes(sentinel), name).toBe(false);
      expect(text.includes(origin), name).toBe(false);
      expect(text.includes("../outside"), name).toBe(false);
    }
    // The PDF draws the one image inside the folder (4×4), inlined; never the outside one (7×3).
    const images = execFileSync("pdfimages", ["-list", join(out, "r.pdf")], { encoding: "utf8" })
      .split("\n")
      .slice(2)
      .filter(Boolean)
      .map((line) => line.trim().split(/\s+/).slice(3, 5).join("×"));
    // (1×1: the empty picture, and its mask, of each `<image>` whose reference was dropped.)
    expect(images.filter((size) => size !== "1×1")).toEqual(["4×4"]);
    // The DOCX's SVG is the sanitised one, the inside PNG inlined as data.
    const docxSvg = [...texts].find(([name]) => /^r\.docx\/word\/media\/.*\.svg$/.test(name))?.[1] ?? "";
    expect(docxSvg).toMatch(/href="data:image\/png;base64,/);
    expect(docxSvg).not.toMatch(/fifo|dev\/zero|ENTITY/);
  }, 90_000);

  it("finishes quickly on /dev/zero and a FIFO, in every format", async () => {
    const dir = project();
    execFileSync("mkfifo", [join(dir, "source", "pipe.svg")]);
    writeFileSync(
      join(dir, "source", "zero.svg"),
      `<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><image href="file:///dev/zero" width="20" height="20"/><image href="pipe.svg" width="20" height="20"/></svg>`,
    );
    writeFileSync(
      join(dir, "source", "r.md"),
      "---\ntitle: Zero\n---\n\n## S\n\nText.\n\n![Zero](zero.svg)\n",
    );
    const result = await folio(["build", "source/r.md", "--formats", "pdf,docx,html"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(30_000);
    expect(result.stderr).toMatch(
      /^source\/r\.md:9:1: warning: Image `zero\.svg`: `href` `file:\/\/\/dev\/zero` is not inside/m,
    );
    expect(result.stderr).toMatch(
      /^source\/r\.md:9:1: warning: Image `zero\.svg`: `href` `pipe\.svg` is not a regular file/m,
    );
  }, 60_000);
});

describe("raw HTML images in the Markdown", () => {
  it("are neither fetched nor read from outside the folder by any format", async () => {
    const { dir } = shared;
    const result = shared;
    expect(result.stderr).not.toMatch(stackTrace);
    expect(requests).toBe(0);
    const out = join(dir, "out");
    if (existsSync(out))
      for (const [name, text] of await artifactTexts(out, "raw")) {
        expect(text.includes(sentinel), name).toBe(false);
        // The HTML edition does not make the reader's browser ask for it either (a link at most).
        if (name.endsWith(".html")) {
          expect(text.includes(`src="${origin}`), name).toBe(false);
          for (const [, src] of text.matchAll(/\ssrc="([^"]*)"/g)) expect(src, name).toMatch(/^data:/);
          expect(text).toMatch(/Content-Security-Policy" content="default-src 'none';[^"]*img-src data:;/);
        }
      }
  }, 90_000);
});

describe("folio manifest on a book whose chapter climbs out", () => {
  it("is refused at the chapter's line; nothing outside is read or hashed", async () => {
    const dir = project();
    writeFileSync(join(dir, "outside", "secret.md"), `---\ntitle: ${sentinel}\n---\n\n${sentinel}\n`);
    writeFileSync(join(dir, "source", "one.md"), "---\ntitle: One\n---\n\n## One\n\nText.\n");
    writeFileSync(
      join(dir, "source", "book.md"),
      "---\ntitle: Book\nchapters:\n  - one.md\n  - ../outside/secret.md\n---\n",
    );
    mkdirSync(join(dir, "out"));
    const result = await folio(["manifest", "out", "source/book.md"], dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /^source\/book\.md:5:5: error: Chapter `\.\.\/outside\/secret\.md` is outside the book's folder/m,
    );
    expect(result.stderr).not.toMatch(stackTrace);
    expect(readdirSync(join(dir, "out"))).toEqual([]);
  }, 60_000);
});

describe("a fact sheet whose text is too long for one page", () => {
  // Sixty sections cannot fit: the sheet falls back to its shorter summary. A 2,000-character first
  // sentence now fits, cut with an ellipsis (src/render/factsheet/sheet.ts), so it needs no fallback.
  it.each(overflows)("%s: one page, never an error (fallback warning: %s)", (_, fallsBack, name) => {
    expect(shared.code, shared.stderr).toBe(0);
    const stderr = linesAbout(shared.stderr, `source/${name}.md`, "source/r.md");
    const fallback =
      /^source\/r\.md:2:1: warning: The fact sheet does not fit one page even with every optional block left out: it shows a shorter summary/m;
    if (fallsBack) expect(stderr).toMatch(fallback);
    else expect(stderr).not.toMatch(fallback);
    const pdf = join(shared.dir, "out", `${name}.factsheet.pdf`);
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info).toMatch(/^Pages:\s+1$/m);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("Overflow");
    expect(text).toMatch(fallsBack ? /Section 1/ : /word word word…/);
  });
});
