import { folioVersion } from "../assets/version.ts";
import { poolWorkerFlag } from "../pipeline/pool.ts";
import { processPort, runPoolWorker } from "../pipeline/pool-worker.ts";
import { buildSnapshot } from "./snapshot-training.ts";

// The entry of the second, smaller startup snapshot (src/tools/snapshot.js): a worker for a build
// that makes HTML alone. The full snapshot (src/cli/snapshot.ts) holds every renderer and face and
// takes longer to deserialise than such a worker saves; the plain bundle loads the modules,
// assets and templates again in every worker. This one is trained on the HTML of the training
// report only, and its bundle leaves the other formats out (src/tools/snapshot.js): a worker
// started from it serves HTML-only builds (src/pipeline/pool.ts) and nothing else.

/** The argument src/tools/snapshot.js tries a new blob with (an entry exports nothing: no `module` in a snapshot). */
const htmlSnapshotCheck = "--folio-snapshot-check";

buildSnapshot(["html"], ([flag]) => {
  if (flag === poolWorkerFlag) runPoolWorker(processPort());
  else if (flag === htmlSnapshotCheck) process.stdout.write(`folio ${folioVersion()} (HTML workers)\n`);
  else {
    process.stderr.write("folio: this snapshot only starts HTML workers of a build's pool\n");
    process.exitCode = 1;
  }
});
