// The model's limits (src/model/limits.ts) and its checks of what a user can write wrong: each limit
// at its value (the report loads) and one past it (refused at its place, quickly), and each input that
// used to be an "Internal error" reported at its line.
import { readFileSync } from "node:fs";
import { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import { describe, expect, it } from "vitest";
import { imageDataProblem } from "../../src/model/image-checks.ts";
import {
  maxDelimiterRun,
  maxFrontMatterKeys,
  maxNestingDepth,
  maxTitleLength,
} from "../../src/model/limits.ts";
import { decodeSource } from "../../src/model/load.ts";
import { TemplateError, TemplateSet } from "../../src/templates/set.ts";
import { cpuMsSince } from "../support/cpu-time.ts";
import { loadReport } from "../support/render.ts";

const withBody = (body: string, front = "title: Limits") => `---\n${front}\n---\n\n${body}\n`;

/** Loads `text` as a report: its title, or the error it fails with (with its place) and the CPU time it took. */
function load(text: string): { title?: string; error?: string; ms: number } {
  const started = process.cpuUsage();
  try {
    const model = loadReport("/nonexistent/limits/r.md", { text });
    return { title: model.meta.title, ms: cpuMsSince(started) };
  } catch (error) {
    if (!(error instanceof VFileMessage)) throw error;
    return { error: `${error.line}:${error.column}: ${error.reason}`, ms: cpuMsSince(started) };
  }
}

function refused(text: string, withinMs = 3_000): string {
  const result = load(text);
  expect(result.title, "the report should have been refused").toBeUndefined();
  expect(result.ms).toBeLessThan(withinMs);
  return result.error ?? "";
}

describe("front matter keys", () => {
  const keys = (n: number) =>
    ["title: Keys", ...Array.from({ length: n - 1 }, (_, i) => `k${i}: v`)].join("\n");
  it(`loads a mapping of ${maxFrontMatterKeys} keys (unknown keys are warnings)`, () => {
    expect(load(withBody("Text.", keys(maxFrontMatterKeys))).title).toBe("Keys");
  });
  it("refuses one more key at its line", () => {
    // Line 2 holds key 1, so key 1,001 stands on line 1,002.
    expect(refused(withBody("Text.", keys(maxFrontMatterKeys + 1)))).toBe(
      `${maxFrontMatterKeys + 2}:1: More than ${maxFrontMatterKeys} keys in one mapping: over the front matter limit`,
    );
  });
  it("refuses 40,000 keys in seconds, not minutes (the YAML is parsed once, linearly)", () => {
    expect(refused(withBody("Text.", keys(40_000)), 15_000)).toMatch(/^1002:1: More than 1000 keys/);
  });
  it("reports a key given twice at its second line", () => {
    expect(refused(withBody("Text.", "title: T\nlang: en\nlang: fr"))).toBe(
      "4:1: Malformed YAML front matter: the key `lang` is given twice",
    );
  });
  it("refuses a YAML alias bomb at its first alias", () => {
    const bomb = ["title: T", "a: &a [x,x,x,x,x,x,x,x,x]"];
    for (const [name, prev] of [..."bcdefghi"].map((c, i) => [c, "abcdefghi"[i]])) {
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    expect(refused(withBody("Text.", bomb.join("\n")))).toMatch(
      /^4:8: Malformed YAML front matter: its aliases .* expand to far more data/,
    );
  });
  it("still reads a few aliases", () => {
    expect(load(withBody("Text.", "title: &t Aliased\nsubtitle: *t")).title).toBe("Aliased");
  });
});

describe("title and subtitle length", () => {
  it(`loads a title of ${maxTitleLength} characters`, () => {
    expect(load(withBody("Text.", `title: ${"t".repeat(maxTitleLength)}`)).title).toHaveLength(
      maxTitleLength,
    );
  });
  it("refuses one more character at the title's line", () => {
    expect(refused(withBody("Text.", `title: ${"t".repeat(maxTitleLength + 1)}`))).toMatch(
      /^2:1: Front matter field `title`: longer than 300 characters: over the limit/,
    );
  });
  it("refuses a 100 KB subtitle at its line", () => {
    expect(refused(withBody("Text.", `title: T\nsubtitle: ${"s".repeat(100_000)}`))).toMatch(
      /^3:1: Front matter field `subtitle`: longer than 300/,
    );
  });
  it("refuses a title taken from a 100 KB first heading at the heading", () => {
    expect(refused(`Intro.\n\n# ${"word ".repeat(20_000)}\n\nText.\n`)).toMatch(
      /^3:1: The first level-1 heading, used as the title: longer than 300/,
    );
  });
});

describe("language tag", () => {
  it.each(["en", "fr-CA", "pt-BR", "zh-Hant-TW", "es-419"])("accepts `%s`", (lang) => {
    expect(load(withBody("Text.", `title: T\nlang: ${lang}`)).title).toBe("T");
  });
  it.each([`'en" onload="x'`, "english!", "en_US", "e", "en--US", "'<b>'"])(
    "refuses %s at its line",
    (lang) => {
      expect(refused(withBody("Text.", `title: T\nlang: ${lang}`))).toMatch(
        /^3:1: Front matter field `lang`: expected a language tag such as `en`/,
      );
    },
  );
});

describe("runs of brackets and emphasis marks", () => {
  it.each([
    ["[", 1],
    ["![", 2],
    ["*", 1],
    ["_", 1],
  ])(`loads ${maxDelimiterRun} of %s in a row`, (mark) => {
    expect(load(withBody(`Text ${mark.repeat(maxDelimiterRun)} end.`)).title).toBe("Limits");
  });
  it.each([
    ["[", 1, "opening brackets"],
    ["![", 2, "opening brackets"],
    ["*", 1, "emphasis marks"],
    ["_", 1, "emphasis marks"],
  ] as const)("refuses one more %s at the mark past the limit", (mark, width, what) => {
    // "Text " is 5 characters: the run starts at column 6; the 1,001st mark follows 1,000 of them.
    expect(refused(withBody(`Text ${mark.repeat(maxDelimiterRun + 1)} end.`))).toBe(
      `5:${6 + maxDelimiterRun * width}: More than ${maxDelimiterRun} ${what} in a row: over the limit (a run this long is no markup a reader can see)`,
    );
  });
  it("refuses 50,000 unclosed brackets before parsing", () => {
    expect(refused(withBody("[".repeat(50_000)))).toMatch(/^5:1001: More than 1000 opening brackets/);
  });
  it("leaves a run inside a code fence alone", () => {
    expect(load(withBody(`\`\`\`\n${"[".repeat(maxDelimiterRun + 1)}\n\`\`\``)).title).toBe("Limits");
  });
});

describe("nested directives", () => {
  const nested = (n: number) => `${":::note\n".repeat(n)}Deep.\n${":::\n".repeat(n)}`;
  it(`loads ${maxNestingDepth} nested directives`, () => {
    expect(load(withBody(nested(maxNestingDepth))).title).toBe("Limits");
  });
  it("refuses one more at the innermost directive", () => {
    expect(refused(withBody(nested(maxNestingDepth + 1)))).toBe(
      `${5 + maxNestingDepth}:1: Nested 21 levels deep: over the limit of 20 nested quotes, lists and notes`,
    );
  });
  it("refuses 3,000 nested directives before parsing, at the 81st", () => {
    expect(refused(withBody(nested(3_000)))).toBe(
      "85:1: Nested about 81 levels deep: over the limit of 20 nested quotes, lists and notes",
    );
  });
  it("counts closed directives out", () => {
    expect(load(withBody(":::note\nA note.\n:::\n\n".repeat(200))).title).toBe("Limits");
  });
});

describe("source encoding", () => {
  const decode = (bytes: number[] | Uint8Array) => {
    const file = new VFile({ path: "r.md" });
    try {
      return decodeSource(new Uint8Array(bytes), file);
    } catch (error) {
      const m = error as VFileMessage;
      return `${m.line}:${m.column}: ${m.reason}`;
    }
  };
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];
  it("places the first invalid byte at its line and column (characters, not bytes)", () => {
    expect(decode([...utf8("---\ntitle: T\n---\n\nCafé é "), 0xc3, 0x28])).toBe(
      "5:8: Not valid UTF-8 (byte 0xC3, at byte offset 27): save the file as UTF-8",
    );
  });
  it.each([
    ["an overlong form", [0xc0, 0x80]],
    ["a surrogate", [0xed, 0xa0, 0x80]],
    ["a code point past U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a sequence cut by the end of the file", [0xe2, 0x82]],
    ["a lone continuation byte", [0x80]],
  ])("refuses %s", (_, bad) => {
    expect(decode([...utf8("ab\r\nc"), ...bad])).toMatch(/^2:2: Not valid UTF-8/);
  });
  it("does not count a byte-order mark as a column", () => {
    expect(decode([0xef, 0xbb, 0xbf, ...utf8("ab"), 0xff])).toMatch(/^1:3: /);
  });
  it.each([
    ["UTF-16 (little-endian)", [0xff, 0xfe, 0x2d, 0x00]],
    ["UTF-16 (big-endian)", [0xfe, 0xff, 0x00, 0x2d]],
    ["UTF-32 (little-endian)", [0xff, 0xfe, 0x00, 0x00]],
  ])("asks for UTF-8 at 1:1 for %s", (name, bytes) => {
    expect(decode(bytes)).toBe(`1:1: The source is ${name}, not UTF-8: save it as UTF-8`);
  });
  it("decodes valid UTF-8 with four-byte characters", () => {
    expect(decode(utf8("x 🙂 y"))).toBe("x 🙂 y");
  });
});

describe("image data", () => {
  const seal = new Uint8Array(readFileSync("test/fixtures/images/seal.png"));
  it("accepts a whole PNG, and one with bytes after its end", () => {
    expect(imageDataProblem(seal, "png")).toBeUndefined();
    expect(imageDataProblem(new Uint8Array([...seal, 0, 0, 0]), "png")).toBeUndefined();
  });
  it("refuses a PNG cut short, naming the chunk", () => {
    expect(imageDataProblem(seal.subarray(0, 200), "png")).toMatch(/^is cut short \(its IDAT chunk/);
    expect(imageDataProblem(seal.subarray(0, seal.length - 12), "png")).toMatch(/before its IEND/);
  });
  it("refuses an SVG with entities and one cut short; accepts a plain one", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect/></svg>';
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(imageDataProblem(enc(svg), "svg")).toBeUndefined();
    expect(
      imageDataProblem(
        enc(`<!DOCTYPE svg [<!ENTITY a "aaaa">]>${svg.replace("<rect/>", "<text>&a;</text>")}`),
        "svg",
      ),
    ).toMatch(/declares XML entities/);
    expect(imageDataProblem(enc(svg.slice(0, 60)), "svg")).toMatch(/not a complete SVG/);
  });
});

describe("templates", () => {
  it("reports a partial that includes itself through another at the closing tag", () => {
    const set = new TemplateSet([
      { name: "partials/a.txt", path: "templates/partials/a.txt.hbs", source: "A\n{{> b}}" },
      { name: "partials/b.txt", path: "templates/partials/b.txt.hbs", source: "B\n\nx {{> a}}" },
      { name: "page.txt", path: "templates/page.txt.hbs", source: "{{> a}}" },
    ]);
    let error: unknown;
    try {
      set.render("page.txt", {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TemplateError);
    const e = error as TemplateError;
    expect([e.assetPath, e.line, e.column, e.message]).toEqual([
      "templates/partials/b.txt.hbs",
      3,
      3,
      "The partial a includes itself (a → b → a): it would never end",
    ]);
  });
});
