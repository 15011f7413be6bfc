import { startupSnapshot } from "node:v8";
import { loadAssets } from "../assets/load.ts";
import { folioVersion } from "../assets/version.ts";
import { loadReport } from "../model/load.ts";
import { loadFormats, renderOptions } from "../pipeline/build.ts";
import { poolWorkerFlag } from "../pipeline/pool.ts";
import { processPort, runPoolWorker } from "../pipeline/pool-worker.ts";

// The entry of the second, smaller startup snapshot (src/tools/snapshot.js): a worker for a build
// that makes HTML alone. The full snapshot (src/cli/snapshot.ts) holds every renderer and face and
// takes longer to deserialise than such a worker saves; the plain bundle loads the modules,
// assets and templates again in every worker. This one is trained on the HTML of the training
// report only, and its bundle leaves the other formats out (src/tools/snapshot.js): a worker
// started from it serves HTML-only builds (src/pipeline/pool.ts) and nothing else.

/** The argument src/tools/snapshot.js tries a new blob with (an entry exports nothing: no `module` in a snapshot). */
const htmlSnapshotCheck = "--folio-snapshot-check";

if (startupSnapshot.isBuildingSnapshot()) {
  const training = process.env.FOLIO_SNAPSHOT_TRAINING;
  if (!training) throw new Error("FOLIO_SNAPSHOT_TRAINING names the training report");
  startupSnapshot.setDeserializeMainFunction(() => {
    // A process started from a snapshot has no script in its argv: the arguments start at 1.
    const flag = process.argv[1];
    if (flag === poolWorkerFlag) runPoolWorker(processPort());
    else if (flag === htmlSnapshotCheck) process.stdout.write(`folio ${folioVersion()} (HTML workers)\n`);
    else {
      process.stderr.write("folio: this snapshot only starts HTML workers of a build's pool\n");
      process.exitCode = 1;
    }
  });
  (async () => {
    const assets = loadAssets();
    const model = loadReport(training, assets);
    const [html] = await loadFormats(["html"]);
    const result = await html?.render(model, assets, renderOptions(model, { sourceDateEpoch: 0 }));
    if (!result?.artifacts.length) throw new Error("training: html wrote nothing");
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
