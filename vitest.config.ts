import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { HeaviestFirst } from "./test/support/heaviest-first.ts";

// Two layers, chosen by folder so that a new test file lands in the right one without an edit here
// (docs/testing.md):
// - unit: test/unit/** and test/engine/** (project `unit`): the model, the
//   engine's adaptations and a renderer's handlers on small inputs; no whole-document render, no
//   Chromium, no LibreOffice, no CLI run. `make test-fast` runs this layer alone.
// - e2e: every other test/**/*.test.ts: whole builds, the CLI, the browser, LibreOffice.
// `make test` runs both; `make verify` runs test/verify/** (the real validators on out/) alone.
const unit = ["test/unit/**/*.test.ts", "test/engine/**/*.test.ts"];
const verify = "test/verify/**";
// End-to-end files that replace a module of Folio's with vi.mock (or otherwise leave a module
// changed): they run each in its own module graph, the rest of the layer shares one per worker.
const e2eIsolated = ["test/lazy-derived.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // No build daemon for the tests' `folio build`s (src/pipeline/daemon.ts): each would be left
    // running for minutes after the run, shared between files. test/daemon.test.ts tests it.
    env: { FOLIO_NO_DAEMON: "1" },
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, while the
    // other core mostly waits. The tests' own children (Chromium, LibreOffice, the CLI) share them.
    maxWorkers: Math.max(2, availableParallelism()),
    // Each file in its own module graph (vitest's default) unless a project says otherwise (below).
    isolate: true,
    // The heaviest files first, so that no long file starts last while the other core idles.
    sequence: { sequencer: HeaviestFirst },
    // FOLIO_TEST_CPU=FILE.jsonl records each file's CPU seconds (docs/testing.md).
    setupFiles: process.env.FOLIO_TEST_CPU ? ["test/support/cpu-per-file.ts"] : [],
    // test/verify checks the artifacts in out/ with the real validators: `make verify` runs it.
    projects: process.env.FOLIO_VERIFY
      ? [{ extends: true, test: { name: "verify", include: [`${verify}/*.test.ts`] } }]
      : [
          // The unit layer shares one module graph per worker, as the e2e layer does (test/unit's
          // files 49.5 CPU-s isolated, 17.4 shared, 2026-12-06). test/engine's files install
          // Folio's adaptations into pdfmake, pdfkit and docx, and each takes the original it
          // compares with from a fresh copy of the module (test/support/pristine.ts), not from the
          // shared one another file may have patched (32.7 CPU-s isolated, 13.8 shared, 2026-12-07).
          // One project for both folders, so that their files share the workers' imports too.
          { extends: true, test: { name: "unit", include: unit, isolate: false } },
          {
            extends: true,
            test: {
              name: "e2e",
              include: ["test/**/*.test.ts"],
              exclude: [...unit, ...e2eIsolated, verify, "**/node_modules/**"],
              // One module graph per worker: pdfmake, docx, pdf.js and Folio's fonts are imported
              // once per worker, not once per file (about 3 s of CPU saved per file). A file must
              // leave no global state behind (docs/testing.md).
              isolate: false,
              // The run's folder where the sweeps keep the fixtures they share (sharedRender).
              globalSetup: ["test/support/shared-builds-setup.ts"],
            },
          },
          { extends: true, test: { name: "e2e-isolated", include: e2eIsolated } },
        ],
  },
});
