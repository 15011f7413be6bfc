import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Two layers, chosen by folder so that a new test file lands in the right one without an edit here
// (docs/testing.md):
// - unit: test/unit/** and test/engine/**: the model, the engine's adaptations and a renderer's
//   handlers on small inputs; no whole-document render, no Chromium, no LibreOffice, no CLI run.
//   `make test-fast` runs this layer alone.
// - e2e: every other test/**/*.test.ts: whole builds, the CLI, the browser, LibreOffice.
// `make test` runs both; `make verify` runs test/verify/** (the real validators on out/) alone.
const unit = ["test/unit/**/*.test.ts", "test/engine/**/*.test.ts"];
const verify = "test/verify/**";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, while the
    // other core mostly waits. The tests' own children (Chromium, LibreOffice, the CLI) share them.
    maxWorkers: Math.max(2, availableParallelism()),
    // Each file in its own module graph (vitest's default): several files spy on or patch modules
    // (test/lazy-derived.test.ts, the engine's tests against pdfmake's originals), which a shared
    // graph would let one file see another's. Sharing it saved ~2 s of CPU per file; not worth that.
    isolate: true,
    // FOLIO_TEST_CPU=FILE.jsonl records each file's CPU seconds (docs/testing.md).
    setupFiles: process.env.FOLIO_TEST_CPU ? ["test/support/cpu-per-file.ts"] : [],
    // test/verify checks the artifacts in out/ with the real validators: `make verify` runs it.
    projects: process.env.FOLIO_VERIFY
      ? [{ extends: true, test: { name: "verify", include: [`${verify}/*.test.ts`] } }]
      : [
          { extends: true, test: { name: "unit", include: unit } },
          {
            extends: true,
            test: {
              name: "e2e",
              include: ["test/**/*.test.ts"],
              exclude: [...unit, verify, "**/node_modules/**"],
            },
          },
        ],
  },
});
