#!/usr/bin/env node
// Entry point of the `folio` command: loads the TypeScript sources through tsx, runs the CLI,
// and turns any unexpected failure into one line (stack traces only with FOLIO_DEBUG=1).
import { register } from "tsx/esm/api";

register();
try {
  const { main } = await import("../cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (process.env.FOLIO_DEBUG) console.error(error);
  else
    process.stderr.write(
      `folio: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  process.exitCode = 1;
}
