import type { TemplateSet } from "../templates/set.ts";
import type { Credits } from "./credits.ts";
import type { Labels } from "./labels.ts";
import { parseMarkdown } from "./parse.ts";
import type { ReportMeta } from "./schema.ts";
import type { RunningText, TemplateParts } from "./types.ts";

const PAGE = "\uE000page\uE000";
const PAGES = "\uE000pages\uE000";

/** Backslash-escapes ASCII punctuation so metadata values stay literal text when a partial is parsed as Markdown. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]<>()#+\-.!|~:&"'$%^=@]/g, "\\$&").replace(/\s+/g, " ");
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return value;
}

function running(text: string): RunningText {
  return text
    .trim()
    .split(/(\uE000page\uE000|\uE000pages\uE000)/)
    .filter((s) => s !== "")
    .map((s) => (s === PAGE ? { field: "page" as const } : s === PAGES ? { field: "pages" as const } : s));
}

/**
 * The running header of pages headed by something other than the report's title: a book's part
 * or chapter (`series` the book, `title` the chapter), from the same partial as every page's.
 */
export function runningHeader(
  set: TemplateSet,
  data: { series?: string; title: string; labels: Labels },
): RunningText {
  const plain = mapStrings({ series: data.series, title: data.title }, (s) =>
    s.replace(/\s+/g, " "),
  ) as object;
  return running(set.render("partials/running-header.txt", { ...plain, labels: data.labels.all }));
}

export interface PartsContext {
  meta: ReportMeta;
  credits: Credits;
  fullTitle: string;
  sourceName: string;
  folioVersion: string;
  labels: Labels;
  /** Whether the brand has a logo for the title block (`{{#if logo}}::logo{{/if}}`). */
  logo?: boolean;
}

/**
 * Renders the shared partials once. Markdown partials are parsed by the same parser as the body,
 * so every format renders the title block and colophon with its ordinary node handlers.
 */
export function renderParts(set: TemplateSet, context: PartsContext): TemplateParts {
  const data = {
    ...context.meta,
    authors: context.credits.byline,
    dateText: context.credits.date,
    fullTitle: context.fullTitle,
    sourceName: context.sourceName,
    folioVersion: context.folioVersion,
    logo: context.logo === true,
  };
  // Labels are Folio's own words (templates/labels/): the `label` helper fills them with the
  // escaped values, so they are not escaped themselves.
  const labels = context.labels.all;
  // The colophon's sentence ends after the title unless the title ends one itself ("…Water?").
  const titleStop = /[.?!…]$/.test(context.fullTitle.trim()) ? "" : ".";
  const md = { ...(mapStrings(data, escapeMarkdown) as object), labels, titleStop };
  const plain = { ...(mapStrings(data, (s) => s.replace(/\s+/g, " ")) as object), labels };
  return {
    titleBlock: parseMarkdown(set.render("partials/title-block.md", md)),
    colophon: parseMarkdown(set.render("partials/colophon.md", md)),
    metaLine: set.render("partials/meta-line.txt", plain).trim(),
    header: running(set.render("partials/running-header.txt", plain)),
    footer: running(set.render("partials/running-footer.txt", { ...plain, page: PAGE, pages: PAGES })),
  };
}
