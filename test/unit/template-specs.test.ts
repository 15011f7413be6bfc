import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { templateSpec } from "../../src/templates/specs.ts";

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
