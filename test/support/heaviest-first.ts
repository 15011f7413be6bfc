// The order vitest starts test files in. With a results cache from an earlier run (vitest keeps it
// in node_modules/.vite), vitest's own order: the longest first. Without one (a fresh clone, as in
// CI) vitest starts the largest files first, and a file that spends a minute of CPU in the
// processes it starts can be small and start last, leaving one core idle while it runs. So the
// files measured heaviest (FOLIO_TEST_CPU, docs/testing.md) go first, the rest in vitest's order.
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Test files by their CPU seconds in a full run on a 2-core machine (2026-12-06 night, 296 s
 * suite, FOLIO_TEST_CPU), heaviest first: every file over 11 CPU-s.
 */
export const heaviest = [
  "test/hostile/hostile.test.ts",
  "test/keep-with-next.test.ts",
  "test/html-widths.test.ts",
  "test/pipeline-reliability.test.ts",
  "test/snapshot.test.ts",
  // Added 2026-12-07 without a FOLIO_TEST_CPU run: 27 s of wall time in a full run, its daemons'
  // CPU outside the file's own process tree.
  "test/daemon.test.ts",
  "test/pdf-pagination-windows.test.ts",
  "test/book-build.test.ts",
  "test/charts-render.test.ts",
  "test/factsheet-full-page.test.ts",
  "test/factsheet-fallback.test.ts",
  "test/docx-layout.test.ts",
  "test/factsheet-brief.test.ts",
  "test/docx-gfm.test.ts",
  "test/review-real.test.ts",
  "test/book-html.test.ts",
  "test/property.test.ts",
];

/** Vitest's sequencer, with the heaviest files first when vitest knows no durations. */
export class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = (spec: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${this.relative(spec)}`) !== undefined;
    if (sorted.every(known)) return sorted;
    const rank = (spec: TestSpecification) => {
      const at = heaviest.indexOf(this.relative(spec));
      return at < 0 ? heaviest.length : at;
    };
    // Array.prototype.sort is stable: the files not listed keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }

  private relative(spec: TestSpecification): string {
    return spec.moduleId.slice(this.ctx.config.root.length + 1);
  }
}
