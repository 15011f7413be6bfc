import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { watchReport } from "../src/watch/watch.ts";

describe("folio watch", () => {
  it("rebuilds on save, serves the preview on 127.0.0.1 and tells it to reload", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-"));
    const source = join(dir, "r.md");
    writeFileSync(source, "---\ntitle: Watched\n---\n\n## Part\n\nThe first wording.\n");
    const session = await watchReport(source, {
      outDir: join(dir, "out"),
      formats: ["html"],
      port: 0,
      log: () => {},
    });
    try {
      expect(new URL(session.url).hostname).toBe("127.0.0.1");
      const page = await (await fetch(session.url)).text();
      expect(page).toContain('src="/r.html"');
      expect(page).toContain('src="/r.pdf"');
      expect(await (await fetch(`${session.url}r.html`)).text()).toContain("The first wording.");
      expect((await fetch(`${session.url}..%2Fr.md`)).status).toBe(404);

      const events = await fetch(`${session.url}events`);
      const reader = (events.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // the `: connected` comment
      const next = session.nextRebuild();
      writeFileSync(source, "---\ntitle: Watched\n---\n\n## Part\n\nThe second wording.\n");
      expect((await next).ok).toBe(true);
      const { value } = await reader.read();
      expect(new TextDecoder().decode(value)).toMatch(/^data: \d+/);
      await reader.cancel();
      expect(readFileSync(join(dir, "out", "r.html"), "utf8")).toContain("The second wording.");
      expect(await (await fetch(`${session.url}r.html`)).text()).toContain("The second wording.");
    } finally {
      await session.close();
    }
  });
});
