import { runDaemon } from "../pipeline/daemon.ts";
import { daemonFlag } from "../pipeline/daemon-place.ts";
import { poolWorkerFlag } from "../pipeline/pool.ts";
import { processPort, runPoolWorker } from "../pipeline/pool-worker.ts";
import { formatIds } from "../render/format.ts";
import { main } from "./main.ts";
import { buildSnapshot } from "./snapshot-training.ts";

// The entry of Folio's V8 startup snapshot (built by src/tools/snapshot.js with `node --build-snapshot`
// from one CommonJS bundle of the CLI). While the snapshot is built it renders a training report
// (src/tools/snapshot/training.md, not a real one) in every format, so every module is evaluated and
// the faces, templates, atlas and tables each build needs are already in the heap a `folio` started
// from the snapshot begins with. Rendering never depends on what the training left: every cache is
// keyed by content and gives the same bytes (the tests compare snapshot and plain builds).

/** Runs the command line of a process started from the snapshot (`node --snapshot-blob B -- ARGS`). */
async function run(argv: string[]): Promise<void> {
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    if (process.env.FOLIO_DEBUG) console.error(error);
    else
      process.stderr.write(
        `folio: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    process.exitCode = 1;
  }
}

buildSnapshot(formatIds, (argv) => {
  if (argv[0] === poolWorkerFlag) runPoolWorker(processPort());
  else if (argv[0] === daemonFlag && argv[1]) runDaemon(argv[1]);
  else void run(argv);
});
