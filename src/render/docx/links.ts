import { decodeOrAsTyped } from "../../model/url-decode.ts";

/** Protocols a reader's link may use; others (javascript:, data: …) lose the link and keep their text, as in the HTML edition. */
const safeProtocol = /^(https?|mailto|tel|ftp):/i;

/**
 * A URL as a relationship target Word accepts: characters outside RFC 3986 percent-encoded (existing
 * `%XX` escapes kept), the way mdast-util-to-hast normalises hrefs. Word refuses to open a document
 * whose hyperlink target is not a valid URI.
 */
export function normalizeUrl(url: string): string {
  let out = "";
  for (let i = 0; i < url.length; i++) {
    const ch = url[i] as string;
    if (ch === "%" && /^[0-9a-f]{2}$/i.test(url.slice(i + 1, i + 3))) {
      out += ch;
    } else if (/[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]/.test(ch)) {
      out += ch;
    } else {
      const code = url.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      if (code > 0xffff) i++;
      out += encodeURIComponent(char);
    }
  }
  return out;
}

export type LinkTarget =
  | { kind: "internal"; anchor: string }
  | { kind: "external"; url: string }
  | { kind: "none" };

/** Where a Markdown link goes in Word: a bookmark in the document, an external address, or nowhere. */
export function linkTarget(url: string): LinkTarget {
  if (url.startsWith("#") && url.length > 1)
    return { kind: "internal", anchor: bookmarkName(decodeOrAsTyped(url.slice(1))) };
  if (url === "" || url.startsWith("#")) return { kind: "none" };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme && !safeProtocol.test(url)) return { kind: "none" };
  return { kind: "external", url: normalizeUrl(url) };
}

/**
 * The bookmark name of a heading id. Word keeps bookmark names to 40 characters; a longer slug is
 * cut and given a short hash of the whole so two long headings never share one.
 */
export function bookmarkName(id: string): string {
  if (id.length <= 40) return id;
  let hash = 0;
  for (const ch of id) hash = (Math.imul(hash, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `${id.slice(0, 33)}_${hash.toString(36).padStart(6, "0").slice(0, 6)}`;
}
