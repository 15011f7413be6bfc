// Vitest's global setup for the end-to-end layer: one folder for the run, where the sweeps' shared
// builds (sharedRender in render.ts) are kept, so that a fixture rendered by one worker is read, not
// rendered again, by the other (docs/testing.md). Removed when the run ends.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's folder of shared builds. */
    sharedBuilds: string;
  }
}

/** Makes the run's folder of shared builds and tells the test files where it is. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "folio-shared-builds-"));
  project.provide("sharedBuilds", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
