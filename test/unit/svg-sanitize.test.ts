import { describe, expect, it } from "vitest";
import { sanitizeSvg } from "../../src/model/svg-sanitize.ts";
import { cpuMsSince } from "../support/cpu-time.ts";

/** The SVG pass alone (src/model/svg-sanitize.ts): whatever the spelling, no reference survives. */
describe("sanitizeSvg", () => {
  const asked: string[] = [];
  const refuse = (path: string) => {
    asked.push(path);
    return { problem: "refused" };
  };
  const hostile: Array<[string, string]> = [
    ["attributes without a space between", `<image x="1"href="http://h/a.png"/>`],
    ["an unquoted href", `<image href=http://h/a.png />`],
    ["character references", `<image href="&#104;ttp://h/a.png"/>`],
    ["a hex character reference", `<use xlink:href="&#x2f;etc/passwd#x"/>`],
    ["a prefixed style element", `<svg:style>@import "http://h/a.css";</svg:style>`],
    ["a CSS escape in url", `<style>rect { fill: \\75 rl(http://h/a) }</style>`],
    ["url() in a presentation attribute", `<rect filter="url(http://h/f.svg#f)"/>`],
    ["an href on another line", `<image\n  width="2"\n  href='http://h/a.png'\n/>`],
    ["a stylesheet instruction", `<?xml-stylesheet type="text/css" href="http://h/s.css"?>`],
    ["an SVG data URL", `<image href="data:image/svg+xml,%3Csvg%20href='http://h/'/%3E"/>`],
  ];
  it.each(hostile)("%s: dropped with a reason", (_, body) => {
    const { text, dropped } = sanitizeSvg(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`, refuse);
    const inside = text.replace('xmlns="http://www.w3.org/2000/svg"', "");
    expect(inside).not.toMatch(/http:\/\/h|etc\/passwd|&#104;|&#x2f;/);
    expect(dropped.length).toBeGreaterThan(0);
  });
  it("keeps fragments, raster data and the predefined entities; asks about relative paths", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/><rect fill="url(#g)"/><image href="data:image/png;base64,AAAA"/><image href="pic.png"/><text>a &amp; b</text></svg>`;
    asked.length = 0;
    const { text, dropped } = sanitizeSvg(svg, (path) => ({ dataUrl: `data:image/png;base64,${path}` }));
    expect(text).toContain('href="#a"');
    expect(text).toContain('fill="url(#g)"');
    expect(text).toContain('href="data:image/png;base64,AAAA"');
    expect(text).toContain('href="data:image/png;base64,pic.png"');
    expect(text).toContain("a &amp; b");
    expect(dropped).toEqual([]);
  });
  it.each([
    ["unclosed start tags with an open quote", '<a "'],
    ["unclosed style elements", "<style>"],
    ["unclosed url()", "<style>url("],
    ["unclosed DOCTYPEs", "<!DOCTYPE ["],
    ["unclosed processing instructions", "<?x "],
    ["whitespace in a tag", "<a           /"],
  ])("stays linear on %s (4 MB)", (_, unit) => {
    const text = `<svg>${unit.repeat(Math.ceil(4_000_000 / unit.length))}</svg>`;
    const started = process.cpuUsage();
    sanitizeSvg(text, refuse);
    expect(cpuMsSince(started)).toBeLessThan(3_000);
  });
});
