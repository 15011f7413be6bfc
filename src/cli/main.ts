import { existsSync, globSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, extname, join, normalize, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { folioVersion } from "../assets/version.ts";
import { BrandError } from "../brand/errors.ts";
import { findProjectFile, type ProjectFile, readProjectFile } from "../brand/project.ts";
import { checkEngineVersions, EngineVersionError } from "../engine/versions.ts";
import { suggestion } from "../model/suggest.ts";
import type { BuildOptions } from "../pipeline/build.ts";
import { buildInPool } from "../pipeline/pool.ts";
import { type FormatId, formatIds, type Paper } from "../render/format.ts";
import { progressReporter } from "./progress.ts";
import { usage, versionLine } from "./quick.ts";
import { formatMessages } from "./report.ts";

/**
 * Serves as a worker process of the build pool (`folio.js --folio-pool-worker`): the model and
 * the renderers are loaded here, not by the pool's own process, which only writes.
 */
export async function runPoolWorkerProcess(): Promise<void> {
  const { processPort, runPoolWorker } = await import("../pipeline/pool-worker.ts");
  runPoolWorker(processPort());
}

class UsageError extends Error {}

type Values = ReturnType<typeof parse>["values"];

/** Every command `folio` runs: dispatch, "did you mean" and the test of --help all read this table. */
const commands: Record<string, (files: string[], values: Values) => Promise<number>> = {
  build: runBuild,
  check: (files, values) => runCheck(files.length > 0 ? files : defaultSources(), values.out ?? "out"),
  watch: runWatch,
  facts: (files, values) => runFacts(files, values.all === true),
  manifest: (files) => runManifest(files),
  review: runReview,
};

/** The names of the commands `folio` runs, in the order --help lists them. */
export const commandNames: readonly string[] = Object.keys(commands);

/** Runs the CLI and returns the process exit code (never throws for bad input). */
export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`folio: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(versionLine());
    return 0;
  }
  const [command, ...files] = positionals;
  try {
    // Every pin checked up front, for a clear message; each layer is installed where it is used.
    checkEngineVersions();
  } catch (error) {
    if (!(error instanceof EngineVersionError)) throw error;
    process.stderr.write(`folio: error: ${error.message}\n`);
    return 1;
  }
  try {
    // Own keys only: `folio toString` is an unknown command, not Object.prototype's.
    const run = command !== undefined && Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (!run)
      throw new UsageError(
        command ? `unknown command \`${command}\`${suggestion(command, commandNames)}` : "no command given",
      );
    return await run(files, values);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`folio: ${error.message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}

/** `folio build [FILES…]`: every source (default source/*.md) into the output folder. */
async function runBuild(files: string[], values: Values): Promise<number> {
  // A folio.yaml at or above the working folder: its sources, output folder and formats by default.
  let project: ProjectFile | undefined;
  try {
    const found = findProjectFile(process.cwd());
    project = found ? readProjectFile(found) : undefined;
  } catch (error) {
    if (!(error instanceof BrandError)) throw error;
    process.stderr.write(`${formatMessages([error.file])}\n`);
    return 1;
  }
  const selected = parseFormats(values.formats ?? project?.formats?.join(","));
  const paper = parsePaper(values.paper);
  const given = files.length > 0 ? files : project?.sources ? projectSources(project) : defaultSources();
  const shard = parseShard(values.shard);
  const sources = shard ? shardOf(given, shard) : given;
  const sourceDateEpoch = parseEpoch();
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1))
    throw new UsageError(`--jobs must be a whole number from 1, not \`${values.jobs}\``);
  const build: BuildOptions = {
    outDir:
      values.out ??
      (project?.out ? relative(process.cwd(), resolve(project.dir, project.out)) || "." : "out"),
    formats: selected,
    paper,
    sourceDateEpoch,
    ...(shard ? { alongside: given } : {}),
  };
  if (sources.length === 0) {
    if (!values.quiet) process.stderr.write(`folio: shard ${values.shard} has no source to build\n`);
    return 0;
  }
  // Every source renders in a worker process with a capped heap, so that running out of memory
  // is a message naming the source, never V8's report; several workers pay for their start-up
  // from a handful of sources on.
  const workers = Math.min(jobs ?? (sources.length >= 4 ? availableParallelism() : 1), sources.length);
  const result = await buildInPool(sources, {
    ...build,
    jobs: workers,
    onProgress: values.quiet || workers === 1 ? undefined : progressReporter(process.stderr),
  });
  const report = formatMessages(result.files, { errorsOnly: values.quiet });
  if (report) process.stderr.write(`${report}\n`);
  if (!values.quiet) for (const path of result.written) process.stdout.write(`wrote ${path}\n`);
  return result.ok ? 0 : 1;
}

async function runWatch(files: string[], values: Values): Promise<number> {
  if (files.length !== 1) throw new UsageError("watch takes exactly one FILE");
  const port = values.port === undefined ? 4173 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a port number, not \`${values.port}\``);
  const { watchReport } = await import("../watch/watch.ts");
  const session = await watchReport(files[0] as string, {
    outDir: values.out ?? "out",
    formats: parseFormats(values.formats),
    paper: parsePaper(values.paper),
    sourceDateEpoch: parseEpoch(),
    port,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`Preview on ${session.url} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await session.close();
  return 0;
}

async function runFacts(files: string[], all: boolean): Promise<number> {
  if (files.length !== 1) throw new UsageError("facts takes exactly one FILE");
  const [
    { loadAssets },
    { loadReport },
    { draftFacts, draftKeys },
    { draftToYaml },
    { lookupPlace },
    { chooseSheetKind, sheetKindReason },
  ] = await Promise.all([
    import("../assets/load.ts"),
    import("../model/load.ts"),
    import("../model/facts/draft/index.ts"),
    import("../model/facts/draft/yaml.ts"),
    import("../model/facts/places.ts"),
    import("../model/facts/draft/kind.ts"),
  ]);
  const path = files[0] as string;
  const assets = loadAssets();
  let model: ReturnType<typeof loadReport>;
  try {
    model = loadReport(path, assets);
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    process.stderr.write(
      `${formatMessages([{ path: error.file, messages: [error] } as unknown as VFile])}\n`,
    );
    return 1;
  }
  const { meta } = model;
  const written = all ? [] : draftKeys.filter((key) => meta[key] !== undefined);
  const keys = new Set(draftKeys.filter((key) => !written.includes(key)));
  const lookup = (name: string, code: string) => lookupPlace(name, assets.gazetteer(code));
  const draft = draftFacts({ tree: model.tree, meta, lookupPlace: lookup, keys });
  const material = {
    groups: (meta.groups ?? draft.groups ?? []).length,
    incidents: (meta.incidents ?? draft.incidents ?? []).length,
  };
  const namesCountry = draft.country !== undefined;
  process.stdout.write(
    draftToYaml(draft, {
      source: path,
      written,
      frontMatter: { countryCode: meta["country-code"] !== undefined, year: meta.year !== undefined },
      sheet: {
        kind: chooseSheetKind(meta.factsheet, namesCountry, material),
        why: sheetKindReason(meta.factsheet, namesCountry, material),
        abstract: meta.abstract,
      },
    }),
  );
  return 0;
}

/** `folio manifest [DIR] [FILES…]`: DIR/manifest.json from the artifacts there. */
async function runManifest(args: string[]): Promise<number> {
  const [dir = "out", ...files] = args;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`manifest: \`${dir}\` is not a folder (give the output folder first)`);
  const sources = files.length > 0 ? files : defaultSources();
  const { rebuildManifest } = await import("../pipeline/manifest.ts");
  const { manifestSource } = await import("../pipeline/build.ts");
  const { bookChapterPaths, chapterPathErrors } = await import("../model/book/paths.ts");
  const described = [];
  for (const path of sources) {
    if (!existsSync(path)) throw new UsageError(`manifest: no source \`${path}\``);
    // A chapter outside the book's folder is refused where it is written, never read or hashed.
    const errors = chapterPathErrors(path);
    if (errors.length > 0) {
      process.stderr.write(`${formatMessages([{ path, messages: errors } as unknown as VFile])}\n`);
      return 1;
    }
    const chapters = bookChapterPaths(path) ?? [];
    described.push({
      name: basename(path, extname(path)),
      source: manifestSource(path),
      chapterPages: chapters.map((chapter) => basename(chapter, extname(chapter))),
    });
  }
  const count = rebuildManifest(dir, described, folioVersion(), parseEpoch());
  process.stdout.write(`wrote ${join(dir, "manifest.json")} (${count} artifacts)\n`);
  return 0;
}

/** `folio review SOURCE.md BRIEF.docx`: a reviewer's changes listed, or written into the source (atomically). */
async function runReview(files: string[], values: Values): Promise<number> {
  if (files.length !== 2) throw new UsageError("review takes SOURCE.md and BRIEF.docx");
  const modes = (["apply", "accept", "reject"] as const).filter((mode) => values[mode] === true);
  if (modes.length > 1) throw new UsageError("review takes one of --apply, --accept and --reject");
  const { runReviewCommand } = await import("../review/command.ts");
  return runReviewCommand(files[0] as string, files[1] as string, modes[0] ?? "list", {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}

/** `--shard K/N`: K from 1 to N. */
function parseShard(value: string | undefined): { k: number; n: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const k = Number(match?.[1]);
  const n = Number(match?.[2]);
  if (!match || n < 1 || k < 1 || k > n)
    throw new UsageError(`--shard must be K/N with 1 ≤ K ≤ N (such as 2/4), not \`${value}\``);
  return { k, n };
}

/**
 * The K-th of N shares of the sources: sorted by path and dealt out in turn, so every machine
 * given the same sources (in any order) builds the same share, and the N shares are all of them.
 */
export function shardOf(sources: readonly string[], { k, n }: { k: number; n: number }): string[] {
  const unique = [...new Set(sources.map((s) => normalize(s)))].sort();
  return unique.filter((_, i) => i % n === k - 1);
}

async function runCheck(sources: string[], outDir: string): Promise<number> {
  const { checkBuild } = await import("../check/check.ts");
  let report: Awaited<ReturnType<typeof checkBuild>>;
  try {
    report = await checkBuild(sources, outDir);
  } catch (error) {
    // A source that does not load is reported like a build error: file:line:column, no stack.
    if (!(error instanceof VFileMessage)) throw error;
    process.stderr.write(
      `${formatMessages([{ path: error.file, messages: [error] } as unknown as VFile])}\n`,
    );
    return 1;
  }
  for (const line of report.lines) process.stdout.write(`ok   ${line}\n`);
  for (const problem of report.problems) process.stderr.write(`FAIL ${problem}\n`);
  return report.problems.length === 0 ? 0 : 1;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      formats: { type: "string", short: "f" },
      paper: { type: "string" },
      jobs: { type: "string", short: "j" },
      shard: { type: "string" },
      port: { type: "string" },
      all: { type: "boolean" },
      apply: { type: "boolean" },
      accept: { type: "boolean" },
      reject: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

function parsePaper(paper: string | undefined): Paper | undefined {
  if (paper !== undefined && paper !== "letter" && paper !== "a4")
    throw new UsageError(`--paper must be letter or a4, not \`${paper}\``);
  return paper;
}

function parseEpoch(): number | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const seconds = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) : undefined;
  if (epoch !== undefined && seconds === undefined)
    throw new UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds");
  return seconds;
}

function parseFormats(list: string | undefined): FormatId[] {
  if (list === undefined) return [...formatIds];
  const ids = list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError("--formats needs at least one format");
  for (const id of ids) {
    if (!(formatIds as readonly string[]).includes(id))
      throw new UsageError(
        `unknown format \`${id}\`${suggestion(id, formatIds)} (known: ${formatIds.join(", ")})`,
      );
  }
  return [...new Set(ids)] as FormatId[];
}

/** The sources a folio.yaml's `sources` globs match, relative to the working folder, in order. */
function projectSources(project: ProjectFile): string[] {
  const found = new Set<string>();
  for (const pattern of project.sources ?? [])
    for (const match of globSync(pattern, { cwd: project.dir }).sort())
      if (match.endsWith(".md")) found.add(relative(process.cwd(), join(project.dir, match)));
  if (found.size === 0)
    throw new UsageError(`no FILES given and the sources of ${project.path} match no .md file`);
  return [...found];
}

function defaultSources(): string[] {
  let names: string[];
  try {
    names = readdirSync("source")
      .filter((n) => n.endsWith(".md"))
      .sort();
  } catch {
    throw new UsageError("no FILES given and there is no source/ folder here");
  }
  if (names.length === 0) throw new UsageError("no FILES given and source/ holds no .md file");
  return names.map((n) => join("source", n));
}
