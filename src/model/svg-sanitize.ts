/**
 * An SVG image made self-contained before any renderer sees it: every reference it makes to
 * something outside itself (`href`/`xlink:href` of `<image>`, `<use>`, `<a>`…, CSS `url()` and
 * `@import`, `<?xml-stylesheet?>`, a DOCTYPE's entities) is either inlined as a `data:` URL (a
 * raster image the caller has checked, as a Markdown image is checked) or dropped and named, so
 * that no renderer (svg-to-pdfkit, resvg, a browser) reads a file or fetches a URL on its behalf.
 */

/** What to do with one external reference: inline it (a `data:` URL) or drop it, saying why. */
export type SvgReferenceOutcome = { dataUrl: string } | { problem: string };

/** The sanitised SVG and, for each reference dropped, why (for a warning at the image's line). */
export interface SanitizedSvg {
  text: string;
  dropped: string[];
}

/** A raster `data:` URL draws from the SVG's own bytes: kept. Anything else `data:` (SVG, HTML) is not. */
const rasterDataUrl = /^data:image\/(?:png|jpe?g|gif|webp)[;,]/i;
/** A transparent 1×1 PNG: what a dropped `<image>` shows. */
const emptyPng =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
const predefinedEntities = new Set(["amp", "lt", "gt", "quot", "apos"]);
/** An attribute naming another resource, whatever its namespace prefix (`href`, `xlink:href`, `src`). */
const referenceAttribute = /^(?:[\w.-]+:)?(?:href|src)$/i;

/**
 * Makes `text` (an SVG document) self-contained: `inline` decides each relative reference (it
 * checks the path as a Markdown image's); URLs, absolute paths and entities are always dropped.
 */
export function sanitizeSvg(text: string, inline: (path: string) => SvgReferenceOutcome): SanitizedSvg {
  const dropped: string[] = [];
  const decide = (raw: string, what: string): string | undefined => {
    const value = decodeCharacterReferences(raw).trim();
    if (value.startsWith("#") || rasterDataUrl.test(value)) return raw;
    if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith("//") || value.startsWith("/")) {
      dropped.push(`${what} \`${shorten(value)}\` is not inside the source folder: not read or fetched`);
      return undefined;
    }
    let path: string;
    try {
      path = decodeURIComponent(value.split(/[?#]/)[0] ?? "");
    } catch {
      dropped.push(`${what} \`${shorten(value)}\` is not a valid path`);
      return undefined;
    }
    const outcome = inline(path);
    if ("dataUrl" in outcome) return outcome.dataUrl;
    dropped.push(`${what} \`${shorten(value)}\` ${outcome.problem}`);
    return undefined;
  };

  // Every pattern below stops at the next `<` or is a plain scan: work stays linear in the size.
  let out = withoutDoctypes(text, dropped);
  out = out.replace(/&([A-Za-z_:][\w:.-]*);/g, (whole, name: string) => {
    if (predefinedEntities.has(name)) return whole;
    dropped.push(`entity \`&${shorten(name)};\` is not expanded`);
    return "";
  });
  // Processing instructions other than the XML declaration (`<?xml-stylesheet href?>`) load things.
  out = out.replace(/<\?(?!xml\s)[^<]*?\?>/gi, (instruction) => {
    dropped.push(`processing instruction \`${shorten(instruction)}\` is not followed`);
    return "";
  });
  out = withSafeStyles(out, (css) => sanitizeCss(css, decide, dropped));
  // Attribute values cannot hold `<` in XML: a start tag ends before the next `<`.
  out = out.replace(
    /<([A-Za-z_][\w:.-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*?)(\/?)>/g,
    (_whole, name: string, attributes: string, end: string) =>
      `<${name}${sanitizeAttributes(name, attributes, decide, dropped)}${end}>`,
  );
  return { text: out, dropped };
}

/**
 * The document without its DOCTYPE: from `<!DOCTYPE` to the root element's start tag (an internal
 * subset's declarations start `<!`, an element `<` and a letter), found by plain scans.
 */
function withoutDoctypes(text: string, dropped: string[]): string {
  const doctype = /<!DOCTYPE/gi;
  const root = /<[A-Za-z_]/g;
  let out = "";
  let from = 0;
  for (let found = doctype.exec(text); found; found = doctype.exec(text)) {
    out += text.slice(from, found.index);
    root.lastIndex = doctype.lastIndex;
    const end = root.exec(text)?.index ?? text.length;
    if (/<!ENTITY/i.test(text.slice(found.index, end)))
      dropped.push("its DOCTYPE declares entities: they are not expanded");
    from = end;
    doctype.lastIndex = end;
  }
  return out + text.slice(from);
}

/** The document with each `<style>` element's CSS passed through `sanitize` (an unclosed one to the end). */
function withSafeStyles(text: string, sanitize: (css: string) => string): string {
  const open = /<(?:[\w.-]+:)?style\b[^<>]*>/gi;
  const close = /<\/(?:[\w.-]+:)?style\s*>/gi;
  let out = "";
  let from = 0;
  for (let found = open.exec(text); found; found = open.exec(text)) {
    close.lastIndex = open.lastIndex;
    const end = close.exec(text)?.index ?? text.length;
    out += text.slice(from, open.lastIndex) + sanitize(text.slice(open.lastIndex, end));
    from = end;
    open.lastIndex = end;
  }
  return out + text.slice(from);
}

function sanitizeAttributes(
  element: string,
  attributes: string,
  decide: (raw: string, what: string) => string | undefined,
  dropped: string[],
): string {
  return attributes.replace(
    /([^\s=/>"']+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+))?/g,
    (whole, name: string, equals: string | undefined, quoted: string | undefined, offset: number) => {
      if (quoted === undefined) return whole;
      // A lenient parser reads `a="1"b="2"` as two attributes: so is each here, a space put between.
      const gap = offset > 0 && !/\s/.test(attributes[offset - 1] ?? "") ? " " : "";
      const quote = quoted.startsWith('"') || quoted.startsWith("'") ? quoted[0] : "";
      const value = quote ? quoted.slice(1, -1) : quoted;
      if (referenceAttribute.test(name)) {
        const kept = decide(value, `\`${name}\``);
        // An `<image>` without a picture makes svg-to-pdfkit complain on the console: it gets an empty one.
        if (kept === undefined) return /(?:^|:)image$/i.test(element) ? `${gap}${name}="${emptyPng}"` : "";
        return `${gap}${name}${equals}"${escapeAttribute(kept === value ? decodeCharacterReferences(value) : kept)}"`;
      }
      // Any attribute may hold a CSS value with `url()` (`style`, `fill`, `filter`, `mask`…).
      if (!/url|\\|&/i.test(value)) return `${gap}${whole}`;
      const css = sanitizeCss(decodeCharacterReferences(value), decide, dropped);
      return `${gap}${name}${equals}"${escapeAttribute(css)}"`;
    },
  );
}

/** CSS with every `@import` dropped and every `url()` kept (fragment, raster data), inlined or `none`. */
function sanitizeCss(
  css: string,
  decide: (raw: string, what: string) => string | undefined,
  dropped: string[],
): string {
  // A CSS escape can spell `url(` or `@import` unrecognisably: style with escapes is dropped whole.
  if (css.includes("\\")) {
    dropped.push("a style with CSS escapes is left out");
    return "";
  }
  if (/@import/i.test(css)) {
    dropped.push("a style with `@import` is left out: it is not followed");
    return "";
  }
  const url = /\burl\(/gi;
  let out = "";
  let from = 0;
  for (let found = url.exec(css); found; found = url.exec(css)) {
    const close = css.indexOf(")", url.lastIndex);
    const end = close < 0 ? css.length : close;
    const target = css.slice(url.lastIndex, end).trim();
    const unquoted = /^(["']).*\1$/s.test(target) ? target.slice(1, -1) : target;
    const kept = decide(unquoted, "`url()`");
    const value =
      kept === undefined
        ? "none"
        : /^[^\s()"'\\]*$/.test(kept)
          ? `url(${kept})`
          : `url("${kept.replace(/"/g, "%22")}")`;
    out += css.slice(from, found.index) + value;
    from = Math.min(css.length, end + 1);
    url.lastIndex = from;
  }
  out += css.slice(from);
  // What is left that still names a function able to load (`image-set()`, `src()`) is not kept.
  if (/\b(?:image-set|src|image)\s*\(/i.test(out)) {
    dropped.push("a style loading images by `image-set()` or `src()` is left out");
    return "";
  }
  return out;
}

function decodeCharacterReferences(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_w, hex: string) => safeCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#([0-9]+);?/g, (_w, dec: string) => safeCodePoint(Number.parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function safeCodePoint(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}
