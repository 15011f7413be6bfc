import { spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  cpSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { formats } from "../src/pipeline/formats.ts";
import type { Format } from "../src/render/format.ts";
import { watchReport } from "../src/watch/watch.ts";

/** Every file of a folder (the manifest too), by name. */
function filesOf(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));
}

/** The formats, with the fact sheet's real renders (those the watch's memo lets through) counted. */
function countingSheets() {
  const load = formats.factsheet as () => Promise<Format>;
  const counted = { sheets: 0 };
  const registry = {
    ...formats,
    factsheet: async () => {
      const format = await load();
      const render: Format["render"] = (model, assets, options) => {
        counted.sheets++;
        return format.render(model, assets, options);
      };
      return { ...format, render };
    },
  };
  return { registry, counted };
}

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

  it("writes after a one-word edit exactly what a fresh `folio build` writes, and reuses the fact sheet until its facts change", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-mali-"));
    const source = join(dir, "mali-2021.md");
    copyFileSync("source/mali-2021.md", source);
    const original = readFileSync(source, "utf8");
    const prose = original.replace(
      "The COVID-19 outbreak caused significant delays",
      "The COVID-19 outbreak caused considerable delays",
    );
    const facts = original.replace(
      "label: terrorism cases went to trial\n",
      "label: terrorism cases tried\n",
    );
    expect(prose).not.toBe(original);
    expect(facts).not.toBe(original);

    const { registry, counted } = countingSheets();
    const session = await watchReport(source, {
      registry,
      outDir: join(dir, "watched"),
      formats: ["html", "pdf", "docx", "factsheet"],
      sourceDateEpoch: 1_700_000_000,
      port: 0,
      log: () => {},
    });
    try {
      let next = session.nextRebuild();
      writeFileSync(source, prose);
      expect((await next).ok).toBe(true);
      expect(counted.sheets).toBe(1);

      const fresh = spawnSync(
        "node",
        ["src/bin/folio.js", "build", source, "--out", join(dir, "fresh"), "-q"],
        { env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" }, encoding: "utf8" },
      );
      expect(fresh.status, fresh.stderr).toBe(0);
      const watched = filesOf(join(dir, "watched"));
      const built = filesOf(join(dir, "fresh"));
      expect([...watched.keys()].sort()).toEqual([...built.keys()].sort());
      expect(watched.size).toBe(6); // 5 artifacts and the manifest
      for (const [name, bytes] of built) expect(watched.get(name)?.equals(bytes), name).toBe(true);
      expect(readFileSync(join(dir, "watched", "mali-2021.html"), "utf8")).toContain(
        "caused considerable delays",
      );

      await session.rebuild(); // after any rebuild the save queued while the fresh build ran
      expect(counted.sheets).toBe(1);
      next = session.nextRebuild();
      writeFileSync(source, facts);
      expect((await next).ok).toBe(true);
      expect(readFileSync(join(dir, "watched", "mali-2021.factsheet.html"), "utf8")).toContain("cases tried");
      expect(counted.sheets).toBe(2);
    } finally {
      await session.close();
    }
  });

  it("reuses the fact sheet after a prose edit when every rebuild is dated now (no SOURCE_DATE_EPOCH)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-now-"));
    const source = join(dir, "r.md");
    const report = (word: string) =>
      `---\ntitle: Dated now\n---\n\n## Findings\n\nThe office reviewed twelve programmes and found that most met their targets.\n\n## Method\n\nThe ${word} review read every file.\n`;
    writeFileSync(source, report("first"));
    const { registry, counted } = countingSheets();
    const session = await watchReport(source, {
      registry,
      outDir: join(dir, "out"),
      formats: ["html", "factsheet"],
      port: 0,
      log: () => {},
    });
    try {
      const sheet = readFileSync(join(dir, "out", "r.factsheet.pdf"));
      expect(counted.sheets).toBe(1);
      const next = session.nextRebuild();
      writeFileSync(source, report("second"));
      expect((await next).ok).toBe(true);
      expect(readFileSync(join(dir, "out", "r.html"), "utf8")).toContain("The second review");
      // The sheet shows no word of that paragraph: the one made before, its creation date too.
      expect(counted.sheets).toBe(1);
      expect(readFileSync(join(dir, "out", "r.factsheet.pdf")).equals(sheet)).toBe(true);
    } finally {
      await session.close();
    }
  });

  it("rebuilds with an edited partial (its templates are reloaded) and after an image beside the source changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-templates-"));
    const templates = join(dir, "templates");
    cpSync("templates", templates, { recursive: true });
    const source = join(dir, "r.md");
    copyFileSync("test/fixtures/pdf-features/seal.png", join(dir, "seal.png"));
    writeFileSync(source, "---\ntitle: Watched\n---\n\n## Part\n\n![The seal](seal.png)\n\nText.\n");
    const previous = process.env.FOLIO_TEMPLATES;
    process.env.FOLIO_TEMPLATES = templates;
    const session = await watchReport(source, {
      outDir: join(dir, "out"),
      formats: ["html"],
      port: 0,
      log: () => {},
    });
    try {
      const html = () => readFileSync(join(dir, "out", "r.html"), "utf8");
      expect(html()).toContain("Typeset by Folio");
      let next = session.nextRebuild();
      const colophon = join(templates, "partials", "colophon.md.hbs");
      writeFileSync(
        colophon,
        readFileSync(colophon, "utf8").replace(
          '{{word "typesetBy"',
          'Set in a watched template. {{word "typesetBy"',
        ),
      );
      expect((await next).ok).toBe(true);
      expect(html()).toContain("Set in a watched template.");

      const before = html().match(/data:image\/png;base64,([^"]+)/)?.[1];
      next = session.nextRebuild();
      copyFileSync("test/fixtures/pdf-features/seal.svg", join(dir, "seal.png.tmp"));
      writeFileSync(
        join(dir, "seal.png"),
        Buffer.concat([readFileSync(join(dir, "seal.png")), Buffer.alloc(16)]),
      );
      expect((await next).ok).toBe(true);
      const after = html().match(/data:image\/png;base64,([^"]+)/)?.[1];
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
    } finally {
      if (previous === undefined) delete process.env.FOLIO_TEMPLATES;
      else process.env.FOLIO_TEMPLATES = previous;
      await session.close();
    }
  });

  it("shows a failed build's messages in the preview, with the path as `build` prints it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-fail-"));
    const source = join(dir, "r.md");
    writeFileSync(source, "---\ntitle: Watched\n---\n\nGood.\n");
    const lines: string[] = [];
    const shown = relative(process.cwd(), source);
    const session = await watchReport(shown, {
      outDir: join(dir, "out"),
      formats: ["html"],
      port: 0,
      log: (line) => lines.push(line),
    });
    try {
      const events = await fetch(`${session.url}events`);
      const reader = (events.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // the `: connected` comment
      const next = session.nextRebuild();
      writeFileSync(source, "---\ntitle: [unclosed\n---\n\nBad.\n");
      expect((await next).ok).toBe(false);
      const { value } = await reader.read();
      const event = new TextDecoder().decode(value);
      expect(event).toMatch(/^event: failed\n/);
      expect(event).toContain(`data: ${shown}:2:`);
      expect(lines.join("\n")).toContain(`${shown}:2:`);
      expect(
        lines
          .join("\n")
          .split(/\s+/)
          .some((word) => word.startsWith(`${source}:`)),
      ).toBe(false);
      // The next good build clears it: a plain reload event.
      const fixed = session.nextRebuild();
      writeFileSync(source, "---\ntitle: Watched\n---\n\nGood again.\n");
      expect((await fixed).ok).toBe(true);
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: \d+/);
      await reader.cancel();
    } finally {
      await session.close();
    }
  });

  it("does not rebuild for its own messages when they go to a file beside the source", async () => {
    // `folio watch report.md > watch.log 2>&1` in the report's folder: each rebuild's "rebuilt …"
    // line changed the watched folder and started the next rebuild, without end.
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-log-"));
    const source = join(dir, "mali-2021.md");
    copyFileSync("source/mali-2021.md", source);
    const logPath = join(dir, "watch.log");
    const log = openSync(logPath, "a");
    const watcher = spawn(
      "node",
      ["src/bin/folio.js", "watch", source, "--out", join(dir, "out"), "--port", "0", "--formats", "html"],
      // Its own process group, killed whole below: on an older `node`, src/bin/folio.js runs itself
      // again on the pinned runtime in a child, which killing the launcher alone left watching.
      { stdio: ["ignore", log, log], detached: true },
    );
    const logged = () => readFileSync(logPath, "utf8");
    const rebuilds = () => logged().match(/^rebuilt /gm)?.length ?? 0;
    const until = async (done: () => boolean) => {
      for (let waited = 0; !done(); waited += 50) {
        if (waited > 30_000) throw new Error(`timed out; the log says:\n${logged()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until(() => logged().includes("Preview on"));
      writeFileSync(source, `${readFileSync(source, "utf8")}\nA sentence added while watching.\n`);
      await until(() => rebuilds() >= 1);
      // One save may reach the watcher as more than one change (a rebuild or two, rarely three);
      // after that the count must stand still. An HTML rebuild of Mali takes a fraction of a
      // second: a loop makes hundreds in these three seconds.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const settled = rebuilds();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(rebuilds()).toBe(settled);
      expect(settled).toBeLessThanOrEqual(4);
      expect(readFileSync(join(dir, "out", "mali-2021.html"), "utf8")).toContain("added while watching");
    } finally {
      process.kill(-(watcher.pid as number), "SIGKILL"); // a looping watch may not get to its SIGTERM handler
      closeSync(log);
    }
  });

  it("rebuilds when the out folder is the source's own (`--out .`), and not for its own writes there", async () => {
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-beside-"));
    const source = join(dir, "mali-2021.md");
    copyFileSync("source/mali-2021.md", source);
    let rebuilds = 0;
    const session = await watchReport(source, {
      outDir: dir,
      formats: ["html"],
      port: 0,
      log: (line) => {
        if (line.startsWith("rebuilt ")) rebuilds++;
      },
    });
    try {
      const next = session.nextRebuild();
      writeFileSync(source, `${readFileSync(source, "utf8")}\nA sentence added beside its artifacts.\n`);
      // Before, every change in the folder counted as the build's own: the edit started nothing.
      const timeout = new Promise<"none">((resolve) => setTimeout(() => resolve("none"), 10_000));
      expect(await Promise.race([next.then((r) => r.ok), timeout])).toBe(true);
      expect(readFileSync(join(dir, "mali-2021.html"), "utf8")).toContain("beside its artifacts");
      // Its own writes beside the source (the page, the manifest) start no rebuild of their own.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const settled = rebuilds;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(rebuilds).toBe(settled);
      expect(settled).toBeLessThanOrEqual(4); // the first build, and a save seen as one to three changes
    } finally {
      await session.close();
    }
  });

  it("starts no rebuild after close(), though a save came while a rebuild ran", async () => {
    // A save while a rebuild runs queues one more. Before, close() waited for the running rebuild,
    // and then the queued one started and wrote after the session had closed.
    const dir = mkdtempSync(join(tmpdir(), "folio-watch-close-"));
    const source = join(dir, "r.md");
    writeFileSync(source, "---\ntitle: Watched\n---\n\nThe first wording.\n");
    // The HTML's render waits at a gate the test opens, so a save is sure to come while it runs.
    const load = formats.html as () => Promise<Format>;
    let renders = 0;
    let started: () => void = () => {};
    let open: () => void = () => {};
    let gate: Promise<void> = Promise.resolve();
    const registry = {
      ...formats,
      html: async () => {
        const format = await load();
        const render: Format["render"] = async (model, assets, options) => {
          renders++;
          started();
          await gate;
          return format.render(model, assets, options);
        };
        return { ...format, render };
      },
    };
    const session = await watchReport(source, {
      outDir: join(dir, "out"),
      formats: ["html"],
      port: 0,
      registry,
      log: () => {},
    });
    gate = new Promise((resolve) => {
      open = resolve;
    });
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    writeFileSync(source, "---\ntitle: Watched\n---\n\nThe second wording.\n");
    await running;
    writeFileSync(source, "---\ntitle: Watched\n---\n\nThe third wording.\n");
    await new Promise((resolve) => setTimeout(resolve, 300)); // the watcher hears the second save
    const closing = session.close();
    open();
    await closing;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(renders).toBe(2); // the first build and the rebuild that was running; not the queued one
    expect(readFileSync(join(dir, "out", "r.html"), "utf8")).toContain("The second wording.");
  });
});
