// The bench corpus: documents of the kinds users build, 1 KB to 300 KB, none of them the startup
// snapshot's training text (src/tools/snapshot/training.md) and none a copy of Mali. Every target
// of `make bench` is reported as the median over these and the worst of them.
import { statSync } from "node:fs";

export interface BenchDocument {
  path: string;
  /** What kind of document it is, for the table. */
  kind: string;
  /** Its size in bytes. */
  bytes: number;
}

const documents: ReadonlyArray<readonly [string, string]> = [
  ["test/fixtures/apparatus/brief.md", "brief: figures, captions, cross-references"],
  ["test/fixtures/book/niger-2021.md", "book chapter: country report"],
  ["test/fixtures/briefs/high-water.md", "brief: facts, image, country"],
  ["test/fixtures/real/think-tank-child-credit-brief.md", "web brief: tables, footnotes, chart"],
  ["test/fixtures/real/water-utility-brief.md", "policy brief: tables, notes, image"],
  ["test/fixtures/real/18f-state-software-budgeting.md", "handbook chapter: footnotes, SVG"],
  ["test/fixtures/real/etalab-algorithmes-publics.md", "guide in French: callouts, images"],
  ["test/fixtures/real/nist-sp-800-63b-aal.md", "standard: HTML in tables"],
  ["test/fixtures/real/crs-foreign-holdings-federal-debt.md", "CRS report: tables, notes"],
  ["test/fixtures/lazy/us-brief.md", "data brief: United States"],
  ["test/fixtures/real/crs-ssa-staffing-by-state.md", "data brief: 15-column tables"],
  ["test/fixtures/real/factbook-nigeria.md", "country profile: inline HTML"],
  ["test/fixtures/real/omb-m-13-13.md", "agency memo: 41 footnotes"],
  ["test/fixtures/perf/digital-identity-guidelines.md", "long report: 14 sections of NIST SP 800-63"],
];

/** The corpus, smallest first; BENCH_DOCS=a,b keeps the documents whose path contains a or b. */
export function benchDocuments(): BenchDocument[] {
  const only = process.env.BENCH_DOCS?.split(",").filter(Boolean);
  return documents
    .filter(([path]) => !only || only.some((part) => path.includes(part)))
    .map(([path, kind]) => ({ path, kind, bytes: statSync(path).size }))
    .sort((a, b) => a.bytes - b.bytes);
}
