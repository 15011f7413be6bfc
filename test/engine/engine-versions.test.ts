import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  checkEngineVersions,
  EngineVersionError,
  engineDependencies,
  installedVersion,
} from "../../src/engine/versions.ts";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
};

describe("the packages Folio adapts are pinned", () => {
  it("declares each one (and micromark) as a direct dependency at exactly the version its adaptation was written for", () => {
    for (const dependency of engineDependencies)
      expect(pkg.dependencies[dependency.name], dependency.name).toBe(dependency.version);
    expect(pkg.dependencies.micromark).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("loads those versions through the packages that use them (pdfkit as pdfmake resolves it …)", () => {
    for (const dependency of engineDependencies)
      expect(installedVersion(dependency)).toBe(dependency.version);
    expect(() => checkEngineVersions()).not.toThrow();
  });

  it("refuses another version with a message naming the package and both versions", () => {
    const pdfkit = engineDependencies.find((d) => d.name === "pdfkit");
    if (!pdfkit) throw new Error("pdfkit is not pinned");
    let error: unknown;
    try {
      checkEngineVersions([{ ...pdfkit, version: "0.18.0" }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EngineVersionError);
    expect((error as Error).message).toContain("written for pdfkit 0.18.0");
    expect((error as Error).message).toContain("pdfkit 0.19.1 is installed");
  });
});
