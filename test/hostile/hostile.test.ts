import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { artifactText } from "../../src/check/parity.ts";
import { buildReports } from "../../src/pipeline/build.ts";
import type { WriteIo } from "../../src/pipeline/write.ts";
import type { FormatId } from "../../src/render/format.ts";
import { buildInProject, folioCommand, linesAbout } from "../support/cli.ts";
import { loadReport, renderDocx, renderHtml, renderPdf } from "../support/render.ts";
import { equivalentSources, type HostileCase, hostileCases, hostileHtml } from "./cases.ts";

const goodSource = "---\ntitle: Good report\n---\n\n## Section\n\nThe good version of the report.\n";
const stackTrace = /\n\s+at .+[:(]\d+|Error: .*\n\s+at |node:internal/;

/** GNU time, where installed, measures each run's peak memory (the CLI and its workers). */
const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/**
 * Runs the real CLI asynchronously (so cases run side by side); `peakKb` is the largest resident set
 * of the run's processes and `cpuMs` their user + system time (undefined without GNU time). The
 * bounds are on CPU time, not wall time: cases run side by side on a shared machine, where a
 * build's wall time says more about its neighbours than about it. A run still taking four minutes
 * of wall time is killed (a hang).
 */
function folio(args: string[], cwd: string, env: Record<string, string> = {}, prefix: string[] = []) {
  return new Promise<{ code: number | null; stderr: string; ms: number; peakKb?: number; cpuMs?: number }>(
    (resolve) => {
      const started = Date.now();
      const peakFile = join(cwd, ".peak-kb");
      const [command, ...head] = gnuTime
        ? [gnuTime, "-f", "%M %U %S", "-o", peakFile, ...prefix, folioCommand]
        : [...prefix, folioCommand];
      const child = spawn(command as string, [...head, ...args], {
        cwd,
        env: { ...process.env, FOLIO_DEBUG: "", ...env },
        timeout: hangMs,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      child.on("close", (code) => {
        const [peak, user, system] =
          gnuTime && fs.existsSync(peakFile)
            ? (readFileSync(peakFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number)
            : [];
        const cpuMs =
          user !== undefined && system !== undefined ? Math.round((user + system) * 1000) : undefined;
        resolve({
          code,
          stderr,
          ms: Date.now() - started,
          ...(peak ? { peakKb: peak } : {}),
          ...(cpuMs !== undefined && !Number.isNaN(cpuMs) ? { cpuMs } : {}),
        });
      });
    },
  );
}

/** Wall time after which a run counts as hung and is killed. */
const hangMs = 240_000;

/** Every file of a folder, by name, as bytes (a folder as its list of names). */
function snapshot(dir: string): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true }).map((entry) => [
      entry.name,
      entry.isDirectory()
        ? Buffer.from(`folder: ${readdirSync(join(dir, entry.name)).join(",")}`)
        : readFileSync(join(dir, entry.name)),
    ]),
  );
}

function expectUnchanged(out: string, before: Record<string, Buffer>): void {
  const after = snapshot(out);
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const [name, bytes] of Object.entries(before)) expect(after[name]?.equals(bytes), name).toBe(true);
  // No temporary, journal or lock left by the build (a case may have put one in the way itself).
  const left = Object.keys(after).filter((n) => !(n in before));
  expect(left.filter((n) => /\.tmp$|^\.folio-journal|^\.folio\.lock/.test(n))).toEqual([]);
}

/**
 * One good build per set of formats, copied into each case's out/ as "the previous artifacts". Built
 * in this process (Folio's own build, from the project folder as the CLI would be): the previous
 * artifacts are what a build leaves, not what is tested, and a CLI run per set costs seconds of CPU.
 */
const baselines = new Map<string, string>();
beforeAll(async () => {
  for (const set of new Set(hostileCases.map((c) => c.formats.join(",")))) {
    const dir = mkdtempSync(join(tmpdir(), "folio-baseline-"));
    mkdirSync(join(dir, "source"));
    writeFileSync(join(dir, "source", "r.md"), goodSource);
    await buildInProject(dir, ["source/r.md"], set.split(",") as FormatId[]);
    baselines.set(set, join(dir, "out"));
  }
}, 180_000);

/**
 * An artifact's text as Folio's parity check reads it; of a PDF over 20 pages, that of its last
 * three (cut out by qpdf). What a case looks for in a long PDF is its source's closing words, and
 * reading all 552 pages of the longest cost the test seconds of CPU.
 */
async function closingText(path: string): Promise<string> {
  if (!path.endsWith(".pdf")) return artifactText(path);
  if (Number(execFileSync("qpdf", ["--show-npages", path], { encoding: "utf8" })) <= 20)
    return artifactText(path);
  const dir = mkdtempSync(join(tmpdir(), "folio-last-pages-"));
  try {
    const lastPages = join(dir, "last.pdf");
    execFileSync("qpdf", ["--empty", "--pages", path, "r3-r1", "--", lastPages]);
    return await artifactText(lastPages);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type Run = Awaited<ReturnType<typeof folio>>;

/** What one case's build did: its run (shared with other cases or its own) and its part of stderr. */
interface CaseRun {
  run: Run;
  /** The stderr lines about this case's source, its path written `source/r.md` as in the catalogue. */
  stderr: string;
  out: string;
  before: Record<string, Buffer>;
  /** The artifacts' name: `r`, or the case's own in a shared build. */
  name: string;
}

/** A case needs a build of its own when it changes the environment, the command or out/ (cases.ts). */
const alone = (c: HostileCase) => Boolean(c.ownBuild || c.env || c.args || c.prefix);

/**
 * The cases that share one build: the same formats and outcome. Each case's source is
 * `source/hN.md` beside the others', and each keeps its own messages: a build reports every
 * source's errors, each line naming its source (one process instead of one per case; a `folio`
 * process and its worker cost seconds of CPU before they build anything).
 */
const groups = new Map<string, HostileCase[]>();
for (const c of hostileCases.filter((c) => !alone(c))) {
  const key = `${c.formats.join(",")} ${c.expect.code}`;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}
const sharedRuns = new Map<string, Promise<Run & { dir: string; before: Record<string, Buffer> }>>();

/** The case's source name in its shared build. */
const sharedName = (c: HostileCase) => `h${hostileCases.indexOf(c)}`;

/** Starts (once) the build of the group the case belongs to. */
function sharedRun(c: HostileCase) {
  const key = `${c.formats.join(",")} ${c.expect.code}`;
  const cases = groups.get(key) as HostileCase[];
  let started = sharedRuns.get(key);
  if (!started) {
    const dir = mkdtempSync(join(tmpdir(), "folio-hostile-"));
    mkdirSync(join(dir, "source"));
    const out = join(dir, "out");
    const baseline = baselines.get(c.formats.join(",")) as string;
    cpSync(baseline, out, { recursive: true });
    const written = new Set<string>();
    for (const each of cases) {
      const name = sharedName(each);
      // Each source's previous artifacts: the good build's, under its name.
      for (const file of readdirSync(baseline).filter((f) => f.startsWith("r.")))
        cpSync(join(baseline, file), join(out, `${name}${file.slice(1)}`));
      const source = join(dir, "source", `${name}.md`);
      if (each.source !== null) writeFileSync(source, each.source);
      for (const [path, content] of Object.entries(each.files ?? {})) {
        // Two cases' files of one name in one folder would change what one of them reads.
        if (written.has(path)) throw new Error(`${each.name}: ${path} is another case's file too`);
        written.add(path);
        writeFileSync(join(dir, path), content);
      }
      each.setup?.(dir, source);
    }
    const before = snapshot(out);
    const sources = cases.map((each) => `source/${sharedName(each)}.md`);
    started = folio(["build", ...sources, "--jobs", "1", "--formats", c.formats.join(",")], dir).then(
      (run) => ({ ...run, dir, before }),
    );
    sharedRuns.set(key, started);
  }
  return started;
}

/** Runs the case: in the build it shares with others, or in its own. */
async function runCase(c: HostileCase): Promise<CaseRun> {
  if (!alone(c)) {
    const shared = await sharedRun(c);
    const name = sharedName(c);
    const path = `source/${name}.md`;
    // Its artifacts' paths too, as if built alone (`out/hN.docx` as `out/r.docx`).
    const stderr = linesAbout(shared.stderr, path, "source/r.md").replaceAll(`out/${name}.`, "out/r.");
    return { run: shared, stderr, out: join(shared.dir, "out"), before: shared.before, name };
  }
  const dir = mkdtempSync(join(tmpdir(), "folio-hostile-"));
  mkdirSync(join(dir, "source"));
  const out = join(dir, "out");
  cpSync(baselines.get(c.formats.join(",")) as string, out, { recursive: true });
  const source = join(dir, "source", "r.md");
  if (c.source !== null) writeFileSync(source, c.source);
  for (const [path, content] of Object.entries(c.files ?? {})) writeFileSync(join(dir, path), content);
  c.setup?.(dir, source);
  // What out/ holds when the build starts (a case's setup may put something in the way there).
  const before = snapshot(out);
  const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, v.replace("{dir}", dir)]));
  const run = await folio(
    ["build", "source/r.md", ...(c.args ?? ["--formats", c.formats.join(",")])],
    dir,
    env,
    c.prefix,
  );
  return { run, stderr: run.stderr, out, before, name: "r" };
}

describe.concurrent("hostile input through the CLI", () => {
  it.each(hostileCases.map((c) => [c.name, c] as [string, HostileCase]))(
    "%s",
    async (_, c) => {
      const { run: result, stderr, out, before, name } = await runCase(c);

      // A shared build's exit is its cases' (they share the outcome), its CPU and memory their sum
      // and largest: each case's bound holds when theirs does.
      expect(result.code, result.stderr).toBe(c.expect.code);
      expect(result.cpuMs ?? result.ms).toBeLessThan(c.bounds?.ms ?? 60_000);
      if (result.peakKb !== undefined) expect(result.peakKb).toBeLessThan((c.bounds?.mb ?? 2048) * 1024);
      expect(result.stderr).not.toMatch(stackTrace);
      expect(result.stderr).not.toMatch(/internal error/i);
      for (const pattern of c.expect.stderr ?? []) expect(stderr).toMatch(pattern);
      for (const pattern of c.expect.notStderr ?? []) expect(stderr).not.toMatch(pattern);
      if (c.expect.code === 1) {
        // This source failed (in a shared build, the exit says only that one did).
        expect(stderr).toMatch(/ error: /);
        // Every error line names a file (the source or a template).
        for (const line of result.stderr.split("\n").filter((l) => / error: /.test(l)))
          expect(line).toMatch(/^\S+\.(md|hbs|json)(:\d+:\d+)?: error: |^\S*(blocked|out)\S*: error: /);
        expectUnchanged(out, before);
      } else {
        const names = readdirSync(out);
        expect(names.filter((n) => /\.tmp$|^\.folio-journal|^\.folio\.lock/.test(n))).toEqual([]);
        expect(stderr).not.toMatch(/ error: /);
        for (const [suffix, text] of c.contains ?? [])
          expect(await closingText(join(out, `${name}${suffix}`))).toContain(text);
      }
    },
    hangMs + 30_000,
  );
});

describe("a write that fails half-way", () => {
  it("leaves the previous HTML and DOCX byte for byte, and no temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-halfway-"));
    mkdirSync(join(dir, "source"));
    const source = join(dir, "source", "r.md");
    const out = join(dir, "out");
    writeFileSync(source, goodSource);
    expect((await buildReports([source], { outDir: out, formats: ["html", "docx"] })).ok).toBe(true);
    const before = snapshot(out);
    writeFileSync(source, goodSource.replace("good version", "second version"));
    let writes = 0;
    const io: WriteIo = {
      ...fs,
      writeFileSync: ((path: fs.PathOrFileDescriptor, data: Uint8Array, options?: fs.WriteFileOptions) => {
        if (++writes === 2) {
          fs.writeFileSync(path, data.subarray(0, data.byteLength >> 1), options);
          throw Object.assign(new Error("ENOSPC: no space left on device"), {
            code: "ENOSPC",
            path: String(path),
          });
        }
        fs.writeFileSync(path, data, options);
      }) as typeof fs.writeFileSync,
    };
    const failed = await buildReports([source], { outDir: out, formats: ["html", "docx"], io });
    expect(failed.ok).toBe(false);
    expect(String(failed.files[0]?.messages[0]?.reason)).toMatch(/Cannot write .*ENOSPC/);
    expectUnchanged(out, before);
  });
});

describe("line endings and byte-order mark", () => {
  const lf = `---\ntitle: Line endings\n---\n\n## Section\n\nA paragraph\nover two lines.\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\`\`\`\ncode line 1\ncode line 2\n\`\`\`\n\n> A quote.[^n]\n\n[^n]: A note.\n`;
  const render = async (bytes: string | Uint8Array) => {
    const dir = mkdtempSync(join(tmpdir(), "folio-eol-"));
    writeFileSync(join(dir, "r.md"), bytes);
    const model = loadReport(join(dir, "r.md"));
    const options = { sourceDateEpoch: 1_700_000_000 };
    return {
      html: await renderHtml(model),
      pdf: await renderPdf(model, options),
      docx: await renderDocx(model, options),
    };
  };
  // The LF source's artifacts, rendered once for every variant.
  let lfArtifacts: ReturnType<typeof render> | undefined;
  it.each(equivalentSources.map((v) => [v.name, v] as const))(
    "%s builds the same artifacts as LF without a BOM",
    async (_, variant) => {
      lfArtifacts ??= render(lf);
      const [plain, other] = [await lfArtifacts, await render(variant.variant(lf))];
      expect(other.html).toBe(plain.html);
      expect(Buffer.from(other.pdf).equals(Buffer.from(plain.pdf))).toBe(true);
      expect(Buffer.from(other.docx).equals(Buffer.from(plain.docx))).toBe(true);
    },
  );
});

describe("hostile HTML in Markdown", () => {
  let html = "";
  let pdfWords = "";
  const pdfLinks: string[] = [];
  let documentXml = "";
  let relationships = "";
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-html-"));
    writeFileSync(join(dir, "r.md"), hostileHtml);
    const model = loadReport(join(dir, "r.md"));
    html = await renderHtml(model);
    const pdf = await renderPdf(model);
    pdfWords = await artifactText("r.pdf", pdf);
    const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of await (await doc.getPage(n)).getAnnotations())
        pdfLinks.push(String(a.url ?? a.unsafeUrl ?? ""));
    }
    await doc.destroy();
    const zip = await JSZip.loadAsync(await renderDocx(model));
    documentXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    relationships = (await zip.file("word/_rels/document.xml.rels")?.async("string")) ?? "";
  });

  it("HTML: no script, handler, iframe, hiding style or unsafe URL; the prose stays", () => {
    const body = html.slice(html.indexOf("<body"));
    expect(body).not.toMatch(/<script|<iframe|<style|\son[a-z]+=|javascript:|data:text\/html|pwned/i);
    for (const words of ["Before the script.", "After the script.", "Clickable paragraph text.", "js link"])
      expect(body).toContain(words);
  });

  it("PDF: the same prose, no script text, no javascript: or data: link annotation", () => {
    expect(pdfWords).not.toMatch(/pwned|document\.title|innerHTML|display: none/);
    for (const words of [
      "Before the script. After the script.",
      "Clickable paragraph text.",
      "md js",
      "md data",
    ])
      expect(pdfWords).toContain(words);
    expect(pdfLinks.filter((u) => /^\s*(javascript|data):/i.test(u))).toEqual([]);
  });

  it("DOCX: the same prose, no script text, no javascript: or data: hyperlink relationship", () => {
    expect(documentXml).not.toMatch(/pwned|document\.title|innerHTML|display: none/);
    expect(documentXml).toContain("Clickable paragraph text.");
    expect(relationships).not.toMatch(/javascript:|data:/i);
  });
});
