import { existsSync, readFileSync } from "node:fs";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { loadTemplates } from "../../src/assets/templates.ts";
import {
  precompiledSpecs,
  precompiledSpecsFile,
  specFromPrecompiled,
  templateSpec,
} from "../../src/templates/specs.ts";

const options = { noEscape: false, knownHelpersOnly: true, knownHelpers: { shout: true } };
const source = "{{#each items}}<b>{{shout this}}</b>{{#if @last}}.{{else}}, {{/if}}{{/each}}{{> tail}}";

/** An environment with its own `shout` helper and `tail` partial. */
function environment(shout: (s: string) => string, tail: string) {
  const hb = Handlebars.create();
  hb.registerHelper("shout", shout);
  hb.registerPartial("tail", tail);
  return hb;
}

describe("template specs kept by text and options", () => {
  it("renders what Handlebars' own compile renders", () => {
    const hb = environment((s) => s.toUpperCase(), " <i>end</i>");
    const data = { items: ["a", "b & c"] };
    const ours = hb.template(templateSpec(hb, source, options))(data);
    expect(ours).toBe(hb.compile(source, options)(data));
    expect(ours).toBe("<b>A</b>, <b>B &amp; C</b>. <i>end</i>");
  });

  it("makes one spec per text and options, and binds it to each environment's helpers and partials", () => {
    const loud = environment((s) => s.toUpperCase(), "!");
    const quiet = environment((s) => s.toLowerCase(), "?");
    const spec = templateSpec(loud, source, options);
    expect(templateSpec(quiet, source, { ...options })).toBe(spec);
    expect(templateSpec(loud, source, { ...options, noEscape: true })).not.toBe(spec);
    expect(loud.template(spec)({ items: ["Ab"] })).toBe("<b>AB</b>.!");
    expect(quiet.template(spec)({ items: ["Ab"] })).toBe("<b>ab</b>.?");
  });

  it("throws a syntax error with its line, as the first render of a compiled template does", () => {
    const hb = Handlebars.create();
    const broken = "line one\n{{#if x}}\nno close";
    const caught = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return String((error as Error).message);
      }
      return "no error";
    };
    const ours = caught(() => templateSpec(hb, broken, options));
    expect(ours).toMatch(/line 3|Expecting/);
    expect(ours).toBe(caught(() => hb.compile(broken, options)({})));
  });
});

describe("template specs precompiled when the bundle is built", () => {
  it("render what Handlebars' own compile renders, in each environment", () => {
    const file = precompiledSpecs(Handlebars, [{ source, options }]);
    expect(file.handlebars).toBe(Handlebars.VERSION);
    const [js] = Object.values(file.specs);
    if (!js) throw new Error("no spec precompiled");
    const spec = specFromPrecompiled(js);
    const loud = environment((s) => s.toUpperCase(), "!");
    const quiet = environment((s) => s.toLowerCase(), "?");
    const data = { items: ["Ab", "c & d"] };
    expect(loud.template(spec)(data)).toBe(loud.compile(source, options)(data));
    expect(quiet.template(spec)(data)).toBe("<b>ab</b>, <b>c &amp; d</b>.?");
  });

  it("holds every shipped template under the key templateSpec looks it up by", () => {
    const set = loadTemplates("templates");
    const file = precompiledSpecs(Handlebars, set.compileInputs());
    expect(Object.keys(file.specs).length).toBe(set.compileInputs().length);
    expect(set.compileInputs().length).toBeGreaterThanOrEqual(9);
    // The file `make` wrote beside the bundle (absent when only the sources are run) holds the same
    // spec for every template unchanged since (an edited one is compiled when it renders).
    const made: Record<string, string> = existsSync(precompiledSpecsFile)
      ? JSON.parse(readFileSync(precompiledSpecsFile, "utf8")).specs
      : {};
    for (const [key, js] of Object.entries(file.specs)) if (key in made) expect(made[key]).toBe(js);
    for (const { source: text, options: compiledWith } of set.compileInputs())
      expect(
        file.specs[`${JSON.stringify({ ...compiledWith, data: true })}\n${text}`],
        text.slice(0, 40),
      ).toBeDefined();
  });
});
