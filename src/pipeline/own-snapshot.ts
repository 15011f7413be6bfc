/** The startup snapshot this process began from (`node --snapshot-blob B …`), if any. */
export function ownSnapshotBlob(): string | undefined {
  const at = process.execArgv.indexOf("--snapshot-blob");
  return at >= 0 ? process.execArgv[at + 1] : undefined;
}
