import { folioVersion } from "../assets/version.ts";
import { formatIds } from "../render/format.ts";

// What `folio --help` and `folio --version` print, in a module of its own that imports almost
// nothing: src/bin/folio.js answers those two from here (bundled as quick.mjs) without loading
// the CLI or the startup snapshot (about a second of CPU), and main.ts prints the same text.

/** The usage text `folio --help` prints (and a usage error follows with). */
export const usage = `Usage: folio build [FILES…] [--out DIR] [--formats html,pdf,docx,factsheet] [--paper letter|a4] [--shard K/N]
       folio check [FILES…] [--out DIR]
       folio watch FILE [--out DIR] [--formats LIST] [--port N]
       folio facts FILE [--all]
       folio manifest [DIR] [FILES…]
       folio review SOURCE.md BRIEF.docx [--apply | --accept | --reject]

Builds each Markdown report (default: every source/*.md) into DIR (default: out/):
  NAME.html  NAME.pdf  NAME.docx  NAME.factsheet.pdf  NAME.factsheet.html
A book (a source whose front matter lists \`chapters:\` or \`parts:\`) builds NAME.pdf, NAME.docx,
NAME.html and NAME/CHAPTER.html for each chapter; no fact sheet of its own.

Options:
  -o, --out DIR        output folder (created if missing)
  -f, --formats LIST   comma-separated subset of: ${formatIds.join(", ")}
      --paper SIZE     letter (default) or a4; overrides the front matter
  -j, --jobs N         worker processes for many sources (default: every core from 4 sources on)
      --shard K/N      build only the K-th of N shares of the sources (a book is one source); the
                       shares of 1/N … N/N together are every source, each once, whatever the machine
      --port N         \`watch\`: preview server port on 127.0.0.1 (default 4173; 0 = any free)
      --all            \`facts\`: draft every key, also those the front matter already has
  -q, --quiet          print errors only
  -h, --help           this text
  -v, --version        Folio's version and the Node.js it runs on

\`check\` verifies built artifacts: every sentence of the source, in order, in each HTML, PDF and
DOCX; every checksum in DIR/manifest.json. \`watch\` rebuilds FILE on every save and serves a
preview (HTML with live reload, the PDF beside it) on http://127.0.0.1:PORT/. \`facts\` drafts the
fact sheet's front matter (figures, incidents, groups, places) from FILE's body and prints it as
YAML to paste in. \`manifest\` rewrites DIR/manifest.json (default out/) from the artifacts in DIR
of FILES (default every source/*.md), as one build of them writes it: after shards built their
shares into one folder. \`review\` lists each tracked change and comment of a reviewed Word brief
at its place in SOURCE.md; --apply writes them into SOURCE.md as CriticMarkup, --accept writes
SOURCE.md with every change made, --reject lists them and leaves SOURCE.md as it is (docs/review.md).

Exit status: 0 built (checked); 1 a source or template has an error, or a source was not built
(a check failed); 2 usage error. FOLIO_WORKER_HEAP_MB sets a worker's heap limit in MB.
SOURCE_DATE_EPOCH, when set, fixes every date written into the artifacts.
FOLIO_TEMPLATES=DIR renders with a copy of Folio's templates/ folder (to try a change).
A folio.yaml at or above the working folder gives \`build\` its sources, --out and --formats by
default; a report's \`brand:\` (or folio.yaml's) dresses it in brands/NAME/ (docs/brands.md).`;

/** The line `folio --version` prints. */
export function versionLine(): string {
  return `folio ${folioVersion()} (Node.js ${process.version})\n`;
}

/**
 * What `folio ARGS` prints when ARGS are only -h/--help/-v/--version (help wins, as in main.ts),
 * else undefined: anything else (a command, another option, a mistake) is main's to parse.
 */
export function quickAnswer(argv: readonly string[]): string | undefined {
  const quick = new Set(["-h", "--help", "-v", "--version"]);
  if (argv.length === 0 || !argv.every((arg) => quick.has(arg))) return undefined;
  return argv.some((arg) => arg === "-h" || arg === "--help") ? `${usage}\n` : versionLine();
}
