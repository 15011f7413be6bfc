/** Something to write progress to: a TTY gets a redrawn bar, anything else one plain line per step. */
interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Returns a progress callback for a build of many sources: `[####----] 57/200 name` on a TTY. */
export function progressReporter(
  stream: ProgressStream,
): (done: number, total: number, path: string) => void {
  return (done, total, path) => {
    if (!stream.isTTY) {
      stream.write(`[${done}/${total}] ${path}\n`);
      return;
    }
    const width = 30;
    const filled = Math.round((done / total) * width);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    const line = `[${bar}] ${done}/${total} ${path}`.slice(0, (stream.columns ?? 80) - 1);
    // \r and erase-line redraw one line; the last step ends it.
    stream.write(`\r\x1b[2K${line}${done === total ? "\n" : ""}`);
  };
}
