// An editor in a hurry, on a state water-utility brief (test/fixtures/mistakes/): every mistake GFM
// would pass silently gets a message at its line and column, all in one run, errors first; prose
// that only looks like a directive gets none and is printed as typed; an image written by its path
// from the site root is read from the project, never from outside it.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VFile } from "vfile";
import { beforeAll, describe, expect, it } from "vitest";
import { docxText } from "../../src/check/extract-docx.ts";
import { pdfText } from "../../src/check/extract-pdf.ts";
import { formatMessages } from "../../src/cli/report.ts";
import { buildReportsIn, linesAbout, runFolio } from "../support/cli.ts";
import { attr, parsePage, selectAll, visibleText } from "../support/html.ts";
import { loadReport } from "../support/render.ts";

const fixtures = "test/fixtures/mistakes";
const chart = readFileSync(join(fixtures, "images/posts/water/decile.png"));
const flat = (s: string) => s.replace(/\s+/g, " ");

/** A copy of the fixtures folder (so the build's out/ is its own), with `hurried.md` changed. */
function project(change: (text: string) => string = (t) => t): string {
  const dir = mkdtempSync(join(tmpdir(), "folio-mistakes-"));
  cpSync(fixtures, dir, { recursive: true });
  const hurried = join(dir, "hurried.md");
  writeFileSync(hurried, change(readFileSync(hurried, "utf8")));
  return dir;
}

interface Reported {
  line: number;
  column: number;
  severity: string;
  reason: string;
}

/** The messages a run printed about `name`, in the order printed. */
function reported(stderr: string, name: string): Reported[] {
  const pattern = new RegExp(`^${name.replace(/\./g, "\\.")}:(\\d+):(\\d+): (error|warning): (.*)$`);
  return stderr.split("\n").flatMap((line) => {
    const match = pattern.exec(line);
    return match
      ? [
          {
            line: Number(match[1]),
            column: Number(match[2]),
            severity: match[3] as string,
            reason: match[4] as string,
          },
        ]
      : [];
  });
}

/** Line and column (1-based) of the first `needle` in `text` (after the first `after`, if given). */
function placeOf(text: string, needle: string, after = ""): { line: number; column: number } {
  const offset = text.indexOf(needle, text.indexOf(after));
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

describe("every hurried mistake, at its line, in one run", () => {
  const dir = project();
  const text = readFileSync(join(dir, "hurried.md"), "utf8");
  mkdirSync(join(dir, "out"));
  writeFileSync(join(dir, "out", "kept.txt"), "an earlier build");
  const run = runFolio(["build", "hurried.md", "--out", "out"], dir);
  const messages = reported(run.stderr, "hurried.md");

  it("fails with exit 1, no stack trace, and leaves out/ as it was", () => {
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    expect(readdirSync(join(dir, "out"))).toEqual(["kept.txt"]);
    expect(run.stderr.trim().split("\n").at(-1)).toBe("4 errors, 2 warnings");
  });

  it("names each mistake where it stands: errors by line, then warnings by line", () => {
    expect(messages).toEqual([
      {
        ...placeOf(text, "2025-13-14"),
        severity: "error",
        reason: "Front matter field `date`: `2025-13-14` is not a date: there is no month 13",
      },
      {
        ...placeOf(text, "[^adrw-2024]"),
        severity: "error",
        reason: "Footnote `[^adrw-2024]` has no definition: did you mean `[^adwr-2024]`?",
      },
      {
        ...placeOf(text, "[^adwr-missing]"),
        severity: "error",
        reason:
          "Footnote `[^adwr-missing]` has no definition: add its text on a line `[^adwr-missing]: …` (as written, it is printed as typed)",
      },
      {
        ...placeOf(text, "[^epa-needs]: EPA"),
        severity: "error",
        reason: `Footnote \`[^epa-needs]\` is defined twice (first at line ${placeOf(text, "[^epa-needs]: U.S.").line}): give each note its own label`,
      },
      {
        ...placeOf(text, "| System size"),
        severity: "warning",
        reason: "A table's header has 3 cells but its delimiter row has 2: it is printed as text",
      },
      {
        ...placeOf(text, "[^adwr-2024]: "),
        severity: "warning",
        reason: "Footnote `[^adwr-2024]` is defined but never referenced: it is not printed",
      },
    ]);
  });

  it("says how many days the month has for a day past its end", () => {
    // Both changed briefs in one build (each one's messages at its own name): one process, not two.
    const dir = project((t) => t.replace("2025-13-14", "2025-02-30"));
    writeFileSync(
      join(dir, "incident.md"),
      readFileSync(join(fixtures, "hurried.md"), "utf8").replace(
        "places: [Phoenix]",
        "places: [Phoenix]\nincidents:\n  - date: 2024-04-31\n    summary: A well fails\n    quote: When a well fails",
      ),
    );
    const both = runFolio(["build", "hurried.md", "incident.md", "--out", "out"], dir);
    const leap = { stderr: linesAbout(both.stderr, "hurried.md") };
    const incident = { stderr: linesAbout(both.stderr, "incident.md", "hurried.md") };
    expect(leap.stderr).toMatch(
      /^hurried\.md:7:7: error: Front matter field `date`: `2025-02-30` is not a date: February 2025 has 28 days$/m,
    );
    expect(incident.stderr).toMatch(
      /^hurried\.md:\d+:\d+: error: Front matter field `incidents\.0\.date`: `2024-04-31` is not a date: April 2024 has 30 days$/m,
    );
    const line =
      readFileSync(join(fixtures, "hurried.md"), "utf8").split("\n").indexOf("places: [Phoenix]") + 3;
    expect(incident.stderr).toContain(
      `hurried.md:${line}:11: error: Front matter field \`incidents.0.date\``,
    );
  });
});

describe("a brief written correctly", () => {
  const dir = project();
  // Built in this process (what the build reports is what `folio build` prints: formatMessages of
  // its files); the first describe runs the `folio` process itself.
  let run = { ok: false, printed: "" };
  const colons = [
    "Step:1 is always the well log",
    "Mr.:Doctor to his customers",
    "(see @fig:advisories)",
    "at 10:30 a.m. every Monday",
    "the ratio 3:a of notices",
  ];
  let html = "";
  let pdf = "";
  let docx = "";
  beforeAll(async () => {
    const built = await buildReportsIn(dir, ["clean.md"], ["html", "pdf", "docx"]);
    run = { ok: built.ok, printed: formatMessages(built.files) };
    html = readFileSync(join(dir, "out", "clean.html"), "utf8");
    pdf = flat((await pdfText(readFileSync(join(dir, "out", "clean.pdf")))).text);
    docx = flat(await docxText(readFileSync(join(dir, "out", "clean.docx"))));
  });

  it("builds with no message at all: a colon in prose is not a directive", () => {
    expect(run.ok).toBe(true);
    expect(run.printed).not.toMatch(/warning|error|directive/i);
  });

  it("prints prose with colons exactly as typed in every format", () => {
    const page = flat(visibleText(parsePage(html)));
    for (const phrase of colons) {
      expect(page, "HTML").toContain(phrase);
      expect(pdf, "PDF").toContain(phrase);
      expect(docx, "DOCX").toContain(phrase);
    }
  });

  it("reads an image written from the site root out of the source's folder, into the HTML and the PDF", () => {
    const images = selectAll("img", parsePage(html));
    expect(images.map((img) => attr(img, "alt"))).toEqual([
      "Share of household income spent on water, by income decile",
    ]);
    expect(attr(images[0], "src")).toBe(`data:image/png;base64,${chart.toString("base64")}`);
    const list = spawnSync("pdfimages", ["-list", join(dir, "out", "clean.pdf")], {
      encoding: "utf8",
    }).stdout;
    expect(list).toMatch(/^\s*2\s+0\s+image\s+400\s+230\s/m);
    expect(pdf).toContain("Share of household income spent on water, by income decile");
  });
});

describe("images by site-root path and `resource-path`", () => {
  /** A static site's repository: each brief (name: front matter) in content/posts/, images under static/. */
  function site(briefs: Record<string, string>, options: { repository?: boolean } = {}): string {
    const repo = mkdtempSync(join(tmpdir(), "folio-site-"));
    if (options.repository !== false) mkdirSync(join(repo, ".git"));
    mkdirSync(join(repo, "content", "posts"), { recursive: true });
    mkdirSync(join(repo, "static", "images", "posts", "water"), { recursive: true });
    writeFileSync(join(repo, "static", "images", "posts", "water", "decile.png"), chart);
    for (const [name, frontMatter] of Object.entries(briefs))
      writeFileSync(
        join(repo, "content", "posts", `${name}.md`),
        `---\ntitle: Keeping the Taps On\n${frontMatter}---\n\nThe chart shows water bills by decile.\n\n![Water bills by decile](/images/posts/water/decile.png)\n`,
      );
    return join(repo, "content", "posts");
  }

  // The briefs of one repository, and one outside any, in one build (a `folio` process costs
  // seconds before it builds): each brief's messages are at its own name, read as `brief.md`'s;
  // built means its HTML is written and no error names it.
  const briefs: Record<string, string> = {
    static: "resource-path: ../../static\n",
    list: "resource-path:\n  - ../../assets\n  - ../../static\n",
    both: "resource-path: [., ../../static]\n",
    climbs: "resource-path: ../../../elsewhere\n",
    unset: "",
    misspelt: "resource-paths: ../../static\n",
  };
  const folder = site(briefs);
  // A brief of a site outside any repository, built in the same run by its absolute path.
  const alone = join(site({ brief: "resource-path: ../../static\n" }, { repository: false }), "brief.md");
  const run = runFolio(
    ["build", ...Object.keys(briefs).map((name) => `${name}.md`), alone, "--out", "out", "--formats", "html"],
    folder,
  );
  const about = (name: string) => ({ stderr: linesAbout(run.stderr, `${name}.md`, "brief.md") });
  const built = (name: string) =>
    !/ error: /.test(about(name).stderr) && existsSync(join(folder, "out", `${name}.html`));

  it("reads a site-root path from the `resource-path` folder, inside the repository", () => {
    expect(built("static"), run.stderr).toBe(true);
    const img = selectAll("img", parsePage(readFileSync(join(folder, "out", "static.html"))))[0];
    expect(attr(img, "src")).toBe(`data:image/png;base64,${chart.toString("base64")}`);
  });

  it("takes a list of folders and uses the first that has the image", () => {
    expect(about("list").stderr).toMatch(
      /^brief\.md:4:5: error: `resource-path` `\.\.\/\.\.\/assets` not found/m,
    );
    expect(built("both"), run.stderr).toBe(true);
  });

  it("refuses a `resource-path` that climbs out of the repository, at its line", () => {
    expect(run.code).toBe(1);
    expect(built("climbs")).toBe(false);
    expect(about("climbs").stderr).toMatch(
      /^brief\.md:3:1: error: `resource-path` `\.\.\/\.\.\/\.\.\/elsewhere` is outside the repository \(\.\.\/\.\.\): give a folder inside it, relative to the source's folder$/m,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("keeps a source outside any repository to its own folder", () => {
    expect(linesAbout(run.stderr, alone, "brief.md")).toMatch(
      /^brief\.md:3:1: error: `resource-path` `\.\.\/\.\.\/static` is outside the source's folder/m,
    );
  });

  it("says where it looked for a site-root image it cannot find", () => {
    expect(built("unset")).toBe(false);
    expect(about("unset").stderr).toMatch(
      /^brief\.md:7:1: error: Image `\/images\/posts\/water\/decile\.png` not found: an absolute path is read from the project's root \(the source's folder\) \(looked for images\/posts\/water\/decile\.png\)$/m,
    );
  });

  it("suggests `resource-path` for a misspelt field", () => {
    expect(about("misspelt").stderr).toContain(
      "brief.md:3:1: warning: Unknown front matter field `resource-paths` (ignored): did you mean `resource-path`?",
    );
  });
});

describe("what is not a mistake, and mistakes in other places", () => {
  const load = (body: string, frontMatter = "") => {
    const file = new VFile({ path: join(tmpdir(), "edge.md") });
    try {
      loadReport(join(tmpdir(), "edge.md"), { text: `---\ntitle: Edge\n${frontMatter}---\n\n${body}`, file });
    } catch {
      // The errors are in `file`, as the CLI reports them.
    }
    return file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? "error" : "warning"} ${m.reason}`);
  };

  it("reads no footnote reference in code, inline code or an escaped bracket", () => {
    expect(load("Text `[^a]` and \\[^b] here.\n\n```\n[^c]\n```\n")).toEqual([]);
  });

  it("finds an undefined reference in a table cell and in a block quote, at its column", () => {
    expect(load("| a | b |\n|---|---|\n| x [^one] | y |\n\n> Quoted [^two].\n")).toEqual([
      "7:5 error Footnote `[^one]` has no definition: add its text on a line `[^one]: …` (as written, it is printed as typed)",
      "9:10 error Footnote `[^two]` has no definition: add its text on a line `[^two]: …` (as written, it is printed as typed)",
    ]);
  });

  it("warns at a table-like block inside a block quote, and not at a real table", () => {
    expect(
      load("> | a | b | c |\n> |---|---|\n> | 1 | 2 | 3 |\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
    ).toEqual([
      "5:3 warning A table's header has 3 cells but its delimiter row has 2: it is printed as text",
    ]);
  });

  it("warns at a row's cells past the header's width, which GFM leaves out, and not at a short row", () => {
    expect(
      load("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n| x |\n\n> | q | r |\n> |---|---|\n> | 1 | 2 |  3 | 4 |\n"),
    ).toEqual([
      "7:11 warning This table row has 3 cells but the header has 2 cells: “3” is not printed (add a header cell for it, or remove it)",
      "12:14 warning This table row has 4 cells but the header has 2 cells: “3”, “4” are not printed (add a header cell for them, or remove them)",
    ]);
  });

  it("warns at a link with no text, and not at one whose image has alt text", () => {
    expect(load("A [](https://example.org/) and [ok](b.html), <https://a.org>.\n")).toEqual([
      "5:3 warning A link with no text (`https://example.org/`): readers see nothing to follow, and a screen reader names it only “link”; write its text between the brackets: `[text](https://example.org/)`",
    ]);
  });

  it("warns at a reference link whose label is not defined, and not at one that is, nor in code", () => {
    expect(
      load(
        "See [the report][rpt], [the annex][], [ok][good], [sic] and `[a][b]`.\n\n[good]: https://a.org\n[rpt2]: https://b.org\n",
      ),
    ).toEqual([
      "5:5 warning `[the report][rpt]` is printed as typed: no line `[rpt]: …` defines the link; did you mean `[rpt2]`?",
      "5:24 warning `[the annex][]` is printed as typed: no line `[the annex]: …` defines the link",
    ]);
  });

  it("warns at a `**` with no partner, and not at an escaped one, a closed pair or code", () => {
    expect(
      load("**Note: the figures are final.\n\nAn escaped \\*\\* pair, **closed** and `**code**`.\n"),
    ).toEqual([
      "5:1 warning `**` has no closing `**`, so it is printed as typed: close it (`**bold**`) or write it as `\\*\\*`",
    ]);
  });

  it("warns at list items typed without the space after their marker, once per run, and not at prose or escapes", () => {
    expect(
      load(
        "1.Collect the data\n\n2.Publish it\n\n-Funding\n\nIt grew 3.5 percent; \\-not a list, and *emphasis*.\n",
      ),
    ).toEqual([
      "5:1 warning `1.Collect the data…` and the 2 paragraphs after it are printed as typed, not as a list: put a space after each one's marker (`1. `)",
    ]);
    expect(load("-Funding alone\n")).toEqual([
      "5:1 warning `-Funding alone…` is printed as typed, not as a list item: put a space after the `-`",
    ]);
  });

  it("warns at an address in angle brackets without its scheme, and not at an autolink or code", () => {
    expect(load("See <www.example.org>, <https://www.example.org> and `<www.code.org>`.\n")).toEqual([
      "5:5 warning `<www.example.org>` is printed with its angle brackets: they make a link only round an address with its scheme (write `<https://www.example.org>`)",
    ]);
  });

  it("warns at a misspelt character reference or one without its `;`, and not at real ones, escapes or code", () => {
    expect(
      load("Costs&nbps;rose &mdash and R&D, AT&T, &copy; 2026, \\&nbps; and `&nbps;` stay as they are.\n"),
    ).toEqual([
      "5:6 warning `&nbps;` is printed as typed: did you mean `&nbsp;`?",
      "5:17 warning `&mdash` is printed as typed: a character reference ends with `;` (`&mdash;`)",
    ]);
  });

  it("warns at a backtick that opens code nothing closes, and not at an escaped one or a closed span", () => {
    expect(load("Set it in the `config.yaml file.\n\nAn escaped \\` tick and `closed code`.\n")).toEqual([
      "5:15 warning A backtick (`) opens code that nothing closes in its paragraph, so it is printed as typed: add the closing `, or write it as \\`",
    ]);
  });

  it("refuses a footnote reference with a space in its label, naming the label meant", () => {
    expect(load("A note [^ 1] and [^note 2].\n\n[^1]: One.\n\n[^note2]: Two.\n")).toEqual([
      "5:8 error Footnote `[^ 1]` has a space in its label, so it is printed as typed: write `[^1]`",
      "5:18 error Footnote `[^note 2]` has a space in its label, so it is printed as typed: write `[^note2]`",
      "7:1 warning Footnote `[^1]` is defined but never referenced: it is not printed",
      "9:1 warning Footnote `[^note2]` is defined but never referenced: it is not printed",
    ]);
  });

  it("warns at a heading with no space after its #s, a link or image with a space in its address, and rows with no delimiter row", () => {
    expect(
      load(
        "##Findings\n\nSee [the plan](my plan.pdf), ![A chart](my chart.png) and [ok](<my plan.pdf>).\n\n| a | b |\n| 1 | 2 |\n\n#12 is an issue, ## is not a heading.\n",
      ),
    ).toEqual([
      "9:1 warning These lines look like a table's rows, but no delimiter row follows the first (`| --- | --- |`): they are printed as text",
      "5:1 warning `##Findings` is printed as typed, not as a heading: put a space after the `##`",
      "7:5 warning `[the plan](my plan.pdf)` is printed as typed, not as a link, because its address has a space: write `[the plan](<my plan.pdf>)` or `my%20plan.pdf`",
      "7:30 warning `![A chart](my chart.png)` is printed as typed, not as an image: it is not shown, because its address has a space: write `![A chart](<my chart.png>)` or `my%20chart.png`",
    ]);
  });

  it("warns at a link or image with a space before its `(`, and not at prose in brackets, escaped ones or code", () => {
    expect(
      load(
        "See [the plan] (https://example.org/plan.pdf), ![Chart] (chart.png), [Smith 2020] (p. 4), \\[x\\] (a.pdf), `[c] (d.pdf)`, [sic] (emphasis added).\n",
      ),
    ).toEqual([
      "5:5 warning `[the plan] (https://example.org/plan.pdf)` is printed as typed, not as a link, because of the space between `]` and `(`: write `[the plan](https://example.org/plan.pdf)`",
      "5:48 warning `![Chart] (chart.png)` is printed as typed, not as an image: it is not shown, because of the space between `]` and `(`: write `![Chart](chart.png)`",
    ]);
  });

  it("warns at an image whose alt text is a file name, and not at a description", () => {
    expect(
      load(
        "![image1.png](https://example.org/image1.png)\n\n![Lead pipes by county, 2024](https://example.org/map.png)\n",
      ),
    ).toEqual([
      "5:1 warning Image `https://example.org/image1.png` has a file name, `image1.png`, as its alt text: a screen reader reads that out; describe what the image shows",
      "5:1 warning Image `https://example.org/image1.png` is not local: it is not fetched; its alt text is shown instead",
      "7:1 warning Image `https://example.org/map.png` is not local: it is not fetched; its alt text is shown instead",
    ]);
  });

  it("warns at two sentences run together, and not at initials, addresses, code or numbers", () => {
    expect(
      load(
        "Foreign holdings of debt.Interest costs rose.Why? The *fund*.Then the U.S.Treasury, login.gov, www.data.gov/Open, i.e.The end, 2021.The year, `obj.Name` and [www.example.org/Page](http://www.example.org/Page).\n",
      ),
    ).toEqual([
      "5:25 warning `debt.Interest` has no space after its `.`: two sentences run together? (write `debt. Interest`)",
      "5:45 warning `rose.Why` has no space after its `.`: two sentences run together? (write `rose. Why`)",
    ]);
  });

  it("warns at a link whose title's quote is not closed, and not at a title that holds a `)`", () => {
    expect(load('See [the plan](plan.pdf "The plan) now, and [x](a.pdf "A (draft) plan").\n')).toEqual([
      '5:5 warning `[the plan](plan.pdf "The plan)` is printed as typed, not as a link, because its title\'s `"` is not closed: write `[the plan](plan.pdf "The plan")`',
    ]);
  });

  it("warns at an empty heading and at a sentence a `---` under it made a heading, not at a title underlined on purpose", () => {
    expect(
      load(
        "## \n\nThe committee found three applications that lacked budgets.\n---\n\nFindings\n---\n\nWhy does it matter?\n---\n\nText.\n",
      ),
    ).toEqual([
      "5:1 warning A heading with no text: it is printed as an empty title, and listed empty in the contents (write its title, or remove the line)",
      "7:1 warning This paragraph is a heading because of the `---` right under it: for a rule after the paragraph, put a blank line before the `---`",
    ]);
  });

  it("warns at a code block or `:::` block never closed, and not at closed ones, in a quote too", () => {
    expect(
      load(
        "> ```\n> quoted code\n> ```\n\n:::note\nA closed note.\n:::\n\n:::note\nA note left open.\n\n## Later\n\n```python\nprint(1)\n\n## Final\n",
      ),
    ).toEqual([
      "13:1 warning This `:::note` block is never closed: the 8 lines after it are inside it, headings and all (end it with a line of `:::`)",
      "18:1 warning This code block (opened with ```) is never closed: the 3 lines after it are printed as code, headings and all (end it with a line of ```)",
    ]);
  });

  it("warns at a note with no text, and not at one whose text is on the next line", () => {
    expect(
      load("One [^1], two [^2], three [^3].\n\n[^1]:\n\n[^2]: Said.\n\n[^3]:\n    On its own line.\n"),
    ).toEqual([
      "7:1 warning Footnote `[^1]` has no text: write it after the `:` (as it is, the note is printed empty)",
    ]);
  });

  it("warns at a note's paragraph left unindented among the notes, and not at body text between notes defined in place", () => {
    expect(
      load(
        "Text [^1] and [^2].\n\n[^1]: First note.\n\nIts second paragraph, typed without indent.\n\n[^2]: Second note,\n    indented as it should be.\n\n    And its second paragraph.\n",
      ),
    ).toEqual([
      "9:1 warning This paragraph sits between the notes' definitions but is not indented like note `[^1]` above it: it is printed in the body, not in the note (indent each of its lines 4 spaces to continue the note)",
    ]);
    expect(
      load(
        "One [^a].\n\n[^a]: Note a.\n\nTwo, with no note.\n\nThree [^b].\n\n[^b]: Note b.\n\n## Next\n\nFour.\n",
      ),
    ).toEqual([]);
    // A link's definition and a comment among the notes print nothing.
    expect(
      load(
        "One [^1], two [^2] and [x].\n\n[^1]: A.\n\n[x]: https://example.org\n\n<!-- the second -->\n\n[^2]: B.\n",
      ),
    ).toEqual([]);
  });

  it("warns at a list item indented under the item above but not nested in it, once per list", () => {
    expect(
      load(
        "1. Collect the data\n  - by county\n  - by year\n\nThen:\n\n- Plan\n - Fund\n\n1. Nested right\n   - under it\n\n- Flat\n- list\n\nSteps:\n\n1. One\n 2. Two\n",
      ),
    ).toEqual([
      "6:3 warning This list item is indented 2 spaces, as if under the item above, but is not nested in it: indent it 3 spaces (to where the text of the item above starts) to nest it; as typed, every format prints it flat",
      "12:2 warning This list item is indented 1 space, as if under the item above, but is not nested in it: indent it 2 spaces (to where the text of the item above starts) to nest it; as typed, every format prints it flat",
    ]);
  });

  it("warns at a link with no address and at each `#id` no part of the report has, once per id", () => {
    expect(
      load(
        '## Findings {#findings}\n\nSee [the plan](), [a](#findigns), [b](#findigns), [c](#here), [d](#findings) and [top](#).\n\n<a id="here"></a>\n',
      ),
    ).toEqual([
      "7:5 warning A link with no address (`[…]()`): a reader's click goes nowhere; write its address between the parentheses",
      "7:19 warning Link `#findigns` (2 links) goes to no heading, figure, table or element of this report: the web page's link goes nowhere and the PDF prints its text without one; did you mean `#findings`?",
    ]);
  });

  it("keeps a directive with a label or attributes, and warns when it is unknown", () => {
    expect(load("See :mystery[the survey] and :other{.x}, at 10:30.\n")).toEqual([
      "5:5 warning Unknown directive `:mystery`: kept as text",
      "5:30 warning Unknown directive `:other`: kept as text",
    ]);
  });

  it("accepts a real leap day, a month alone and a date in words", () => {
    for (const date of ["2024-02-29", "2025-03", "Spring 2025"])
      expect(load("Text.\n", `date: ${date}\n`)).toEqual([]);
    expect(load("Text.\n", "date: 2025-00\n")).toEqual([
      "3:7 error Front matter field `date`: `2025-00` is not a date: there is no month 0",
    ]);
  });
});
