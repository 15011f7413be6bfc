import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // test/verify checks the artifacts in out/ with the real validators: `make verify` runs it.
    include: process.env.FOLIO_VERIFY ? ["test/verify/**/*.test.ts"] : ["test/**/*.test.ts"],
    exclude: process.env.FOLIO_VERIFY ? [] : ["test/verify/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
