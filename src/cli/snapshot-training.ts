import { startupSnapshot } from "node:v8";
import { loadAssets } from "../assets/load.ts";
import { loadReport } from "../model/load.ts";
import { loadFormats, renderOptions } from "../pipeline/build.ts";
import type { FormatId } from "../render/format.ts";

// What both startup snapshots' entries (src/cli/snapshot.ts, snapshot-html.ts) do while
// src/tools/snapshot.js builds them: render the training report (src/tools/snapshot/training.md,
// FOLIO_SNAPSHOT_TRAINING) in the formats the snapshot serves, so that their modules are evaluated
// and their faces, templates and tables are in the heap it saves, and name what a process started
// from it runs.

/**
 * While a snapshot is being built: trains it on `formats` and has a process started from it run
 * `start` with its arguments (a process started from a snapshot has no script in its argv: they
 * start at 1). A failed training ends the build with the error.
 */
export function buildSnapshot(formats: readonly FormatId[], start: (argv: string[]) => void): void {
  if (!startupSnapshot.isBuildingSnapshot()) return;
  const training = process.env.FOLIO_SNAPSHOT_TRAINING;
  if (!training) throw new Error("FOLIO_SNAPSHOT_TRAINING names the training report");
  startupSnapshot.setDeserializeMainFunction(() => start(process.argv.slice(1)));
  train(training, formats).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** One render of the training report in each format, in memory. */
async function train(path: string, formats: readonly FormatId[]): Promise<void> {
  const assets = loadAssets();
  const model = loadReport(path, assets);
  const options = renderOptions(model, { sourceDateEpoch: 0 });
  for (const format of await loadFormats(formats)) {
    const result = await format.render(model, assets, options);
    if (result.artifacts.length === 0) throw new Error(`training: ${format.id} wrote nothing`);
  }
}
