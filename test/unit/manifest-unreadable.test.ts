import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BuildOutput, type BuildResult } from "../../src/pipeline/output.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A build of one artifact into a folder holding `manifest` (none when undefined): its messages and manifest. */
function buildInto(manifest: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), "folio-manifest-"));
  dirs.push(dir);
  if (manifest !== undefined) writeFileSync(join(dir, "manifest.json"), manifest);
  const output = new BuildOutput(dir, "0.1.0", 0);
  const result: BuildResult = { files: [], written: [], ok: true };
  const bytes = new TextEncoder().encode("<p>x</p>");
  const entry = {
    path: "r.html",
    format: "html",
    sha256: "0",
    bytes: bytes.length,
    source: { path: "r.md", sha256: "1" },
  };
  output.commit("r.md", [{ path: join(dir, "r.html"), bytes }], [entry as never]);
  output.finish(result);
  const written = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    artifacts: Array<{ path: string }>;
  };
  return {
    messages: result.files.flatMap((f) => f.messages.map((m) => `${f.basename}: ${m.reason}`)),
    written,
  };
}

describe("the manifest a build finds in its folder", () => {
  it("is read, and its other entries kept, when it is a manifest", () => {
    const other = { path: "other.html", source: { path: "other.md" } };
    const { messages, written } = buildInto(JSON.stringify({ folio: "0.1.0", artifacts: [other] }));
    expect(messages).toEqual([]);
    expect(written.artifacts.map((a) => a.path)).toEqual(["other.html", "r.html"]);
  });

  it("is no news when there is none yet", () => {
    expect(buildInto(undefined).messages).toEqual([]);
  });

  it.each([
    ["cut short", '{"folio": "0.1.0", "artif', "it is not JSON"],
    ["not a manifest", '{"x": 1}', "it holds no `artifacts` list"],
  ])("is replaced with a warning that says why when %s", (_, text, why) => {
    const { messages, written } = buildInto(text);
    expect(messages).toEqual([
      `manifest.json: The manifest found here could not be read (${why}): it was written afresh, listing only this build's artifacts`,
    ]);
    expect(written.artifacts.map((a) => a.path)).toEqual(["r.html"]);
  });
});
