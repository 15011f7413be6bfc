import type { Nodes, Yaml } from "mdast";
import type { VFile } from "vfile";
import { VFileMessage } from "vfile-message";
import type { CountryGazetteer } from "../../assets/gazetteer-index.ts";
import { blockId } from "../anchors.ts";
import { parseFrontMatter, sourceIndex } from "../frontmatter.ts";
import { dateFormat } from "../intl-formats.ts";
import type { ReportMeta } from "../schema.ts";
import { didYouMean } from "../suggest.ts";
import type { ReportModel } from "../types.ts";
import {
  type DraftKey,
  draftedKeys,
  draftFacts,
  draftKeys,
  type FactDraft,
  withDraft,
} from "./draft/index.ts";
import { chooseSheetKind } from "./draft/kind.ts";
import { draftedItemPlace, draftMessages } from "./draft/messages.ts";
import { lookupPlace, placeNames } from "./places.ts";
import {
  type BodyText,
  bodyText,
  findQuote,
  monthName,
  nearMiss,
  standsIn,
  standsInBody,
  unsourcedFigures,
} from "./provenance.ts";
import type { Finding, Provenance, ReportFacts } from "./types.ts";

/** One country's gazetteer places (ISO 3166-1 alpha-2), indexed by name, as the assets give them. */
export type Gazetteer = (countryCode: string) => CountryGazetteer;

type Place = { line: number; column: number };

/**
 * Checks every fact of the front matter against the body (quote word for word, value inside the
 * quote), points each at the id its quoted block was given at load (`anchorQuotableBlocks`, so the
 * HTML report links to it) and looks places up in the gazetteer. Drafts the fields the front
 * matter lacks first. Reads the tree, never changes it. A fact that does not stand in the body fails the build
 * at its front matter line; an unknown place is a warning.
 */
export function loadFacts(
  model: Pick<ReportModel, "tree" | "file"> & { meta: ReportMeta },
  yaml: Yaml | undefined,
  gazetteer: Gazetteer,
): ReportFacts {
  const { tree, file } = model;
  const missing = draftKeys.filter((key) => model.meta[key] === undefined);
  // Drafting always runs: the summary and findings have no front matter field of their own.
  const draft = draftFacts({
    tree,
    meta: model.meta,
    lookupPlace: (name, code) => lookupPlace(name, gazetteer(code)),
    keys: new Set(missing),
  });
  // The fields' draft, only when a field is missing (a report that states them all keeps its own country name).
  const fieldDraft = missing.length > 0 ? draft : undefined;
  const meta = withDraft(model.meta, fieldDraft);
  const drafted = draftedKeys(model.meta, fieldDraft);
  const country =
    fieldDraft?.country ??
    (meta["country-code"] && { name: meta.country ?? meta.title, code: meta["country-code"] });
  const body = bodyText(tree);
  const frontMatterPlace = yamlPlaces(yaml);
  const facts: ReportFacts = {
    kind: "brief",
    ...briefWords(model.meta.abstract, draft, body, frontMatterPlace(["abstract"])?.line ?? 0),
    figures: [],
    groups: [],
    incidents: [],
    places: [],
    unlocated: [],
    drafted,
    country: country ? { name: country.name, code: country.code } : undefined,
    year: meta.year ?? fieldDraft?.year?.value,
  };
  const chooseKind = () =>
    chooseSheetKind(model.meta.factsheet, Boolean(country || draft.country), {
      groups: facts.groups.length,
      incidents: facts.incidents.length,
    });
  if (!meta.facts && !meta.incidents && !meta.groups && !meta.places) {
    facts.kind = chooseKind();
    return facts;
  }
  const placeOf = (path: Array<string | number>): Place | undefined =>
    drafted.includes(path[0] as DraftKey) ? draftedItemPlace(draft, body, path) : frontMatterPlace(path);
  const fail = (reason: string, path: Array<string | number>): never =>
    file.fail(reason, { place: placeOf(path), ruleId: "fact-provenance", source: "folio" });

  /** Finds the quote or fails; returns the anchor id of the block that holds it. */
  const source = (quote: string, path: Array<string | number>): Provenance => {
    const segment = findQuote(body, quote);
    // A figure may quote the abstract (front matter), which the report shows above its body.
    if (!segment && model.meta.abstract?.includes(quote))
      return { anchor: "", quote, line: frontMatterPlace(["abstract"])?.line ?? 0 };
    if (!segment) {
      const hint = nearMiss(body, quote);
      fail(`Fact quote not found word for word in the body${hint ? `: ${hint}` : ""}: “${quote}”`, path);
    }
    return {
      anchor: anchorOf((segment as NonNullable<typeof segment>).anchor),
      quote,
      line: placeOf(path)?.line ?? 0,
    };
  };
  const requireIn = (value: string, what: string, quote: string, path: Array<string | number>) => {
    if (!standsIn(value, quote))
      fail(`The ${what} “${value}” does not stand in the fact’s quote: “${quote}”`, path);
  };
  const requireFigures = (text: string, what: string, quote: string, path: Array<string | number>) => {
    const missing = unsourcedFigures(text, quote);
    if (missing.length > 0)
      fail(
        `The ${what} states ${missing.map((m) => `“${m}”`).join(", ")}, which the quote does not: “${quote}”`,
        path,
      );
  };

  // Each item is checked on its own: a failing one is recorded and the next still checked, so a
  // build reports every fact in error at once.
  const each = <T>(list: readonly T[] | undefined, check: (item: T, i: number) => void) =>
    list?.forEach((item, i) => {
      try {
        check(item, sourceIndex(list, i));
      } catch (error) {
        if (!(error instanceof VFileMessage)) throw error;
      }
    });

  each(meta.facts, (fact, i) => {
    const path = ["facts", i];
    const provenance = source(fact.quote, [...path, "quote"]);
    requireIn(fact.value, "value", fact.quote, [...path, "value"]);
    requireFigures(fact.label, "label", fact.quote, [...path, "label"]);
    if (fact.unit) requireFigures(fact.unit, "unit", fact.quote, [...path, "unit"]);
    facts.figures.push({
      ...provenance,
      label: fact.label,
      value: fact.value,
      unit: fact.unit,
      priority: fact.priority,
    });
  });

  each(meta.groups, (group, i) => {
    const items = group.items.map((item, j) => {
      const quote = item.quote ?? group.quote;
      if (!quote)
        return fail(`Group item “${item.name}” has no quote, and neither has its group`, [
          "groups",
          i,
          "items",
          j,
        ]);
      const provenance = source(
        quote,
        item.quote ? ["groups", i, "items", j, "quote"] : ["groups", i, "quote"],
      );
      requireIn(item.value, "name", quote, ["groups", i, "items", j]);
      return { ...provenance, name: item.name };
    });
    facts.groups.push({
      label: group.label,
      items,
      priority: group.priority,
      line: placeOf(["groups", i])?.line ?? 0,
    });
  });

  each(meta.incidents, (incident, i) => {
    const path = ["incidents", i];
    const provenance = source(incident.quote, [...path, "quote"]);
    // The month as the report's language writes it, or in English (a report may quote English text).
    const months = [...new Set([monthName(incident.date, meta.lang), monthName(incident.date, "en")])];
    if (!months.some((month) => standsIn(month, incident.quote)))
      fail(`The incident’s month (${months.join(" or ")}) does not stand in its quote`, [...path, "date"]);
    if (incident.place) requireIn(incident.place, "place", incident.quote, [...path, "place"]);
    if (incident.killed)
      requireIn(incident.killed.text, "number killed", incident.quote, [...path, "killed"]);
    if (incident.injured)
      requireIn(incident.injured.text, "number injured", incident.quote, [...path, "injured"]);
    requireFigures(incident.summary, "summary", incident.quote, [...path, "summary"]);
    facts.incidents.push({
      ...provenance,
      ...incident,
      dateLabel: dateLabel(incident.date, incident.quote, meta.lang),
      dateLabelWithYear: dateLabel(incident.date, incident.quote, meta.lang, true),
    });
  });
  facts.incidents.sort((a, b) => a.date.localeCompare(b.date));

  locatePlaces(meta, body, facts, file, placeOf, fail, gazetteer);
  facts.kind = chooseKind();
  for (const message of draftMessages(draft, drafted, file.path))
    file.message(message.reason, {
      place: placeOf(message.path),
      ruleId: "facts-drafted",
      source: "folio",
    });
  return facts;
}

/**
 * The brief sheet's summary (the abstract, else the drafted paragraph) and findings, each pointed
 * at the block its quote stands in. A drafted passage whose quote is not found is left out.
 */
function briefWords(
  abstract: string | undefined,
  draft: FactDraft,
  body: BodyText,
  abstractLine: number,
): Pick<ReportFacts, "summary" | "findings"> {
  const anchored = (p: { quote: string; line: number }) => {
    const segment = findQuote(body, p.quote);
    const id = segment && blockId(segment.anchor);
    return id === undefined ? undefined : { anchor: id, quote: p.quote, line: p.line };
  };
  const summary = abstract
    ? { text: abstract, anchor: "", quote: abstract, line: abstractLine }
    : draft.summary && anchored(draft.summary);
  const findings = draft.findings.flatMap((f, i): Finding[] => {
    const provenance = anchored(f);
    return provenance ? [{ ...provenance, text: f.text, priority: i + 1 }] : [];
  });
  return {
    ...(summary ? { summary: { ...summary, text: "text" in summary ? summary.text : summary.quote } } : {}),
    findings,
  };
}

function locatePlaces(
  meta: ReportMeta,
  body: BodyText,
  facts: ReportFacts,
  file: VFile,
  placeOf: (path: Array<string | number>) => Place | undefined,
  fail: (reason: string, path: Array<string | number>) => never,
  gazetteer: Gazetteer,
): void {
  if (!meta.places) return;
  if (!meta["country-code"]) {
    file.message("`places` needs `country-code` to look them up in the gazetteer: the map shows no places", {
      place: placeOf(["places"]),
      ruleId: "gazetteer",
      source: "folio",
    });
    return;
  }
  const cities = gazetteer(meta["country-code"]);
  meta.places.forEach((place, n) => {
    const i = sourceIndex(meta.places, n);
    if (!standsInBody(place.name, body)) {
      try {
        fail(`The place “${place.name}” is not named in the body`, ["places", i]);
      } catch {
        return; // recorded; the next place is still checked
      }
    }
    const found = lookupPlace(place.name, cities);
    if (!found) {
      facts.unlocated.push(place.name);
      // Place names are short and many look alike (Dioura, Dioila): one edit only, two from ten letters.
      const near = didYouMean(place.name, placeNames(cities), place.name.length >= 10 ? 2 : 1);
      file.message(
        `Place “${place.name}” not found in the gazetteer (GeoNames, ${meta["country-code"]}): not marked on the map${near ? `; did you mean “${near}”?` : ""}`,
        {
          place: placeOf(["places", i, "name"]) ?? placeOf(["places", i]),
          ruleId: "gazetteer",
          source: "folio",
        },
      );
      return;
    }
    if (found.homonyms > 0)
      file.message(
        `Place “${place.name}”: GeoNames has ${found.homonyms + 1} places of that name in ${meta["country-code"]} of a similar size; the map marks the most populous (${found.lat.toFixed(2)}, ${found.lon.toFixed(2)}). If the report means another, leave it out of \`places\``,
        {
          place: placeOf(["places", i, "name"]) ?? placeOf(["places", i]),
          ruleId: "gazetteer",
          source: "folio",
        },
      );
    facts.places.push({
      name: place.name,
      lon: found.lon,
      lat: found.lat,
      capital: found.capital,
      population: found.population,
      line: placeOf(["places", i])?.line ?? 0,
    });
  });
}

/**
 * `Jun 25` (`25 juin` in French), in the report's language; only the month (`Aug`) when the quote
 * does not state the day (“A day later”): the sheet shows no figure the report does not.
 */
function dateLabel(iso: string, quote: string, lang: string, withYear = false): string {
  const [year, month, day] = iso.split("-").map(Number) as [number, number, number | undefined];
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  // The quote may write the month in the report's language or in English, day first or last.
  const names = new Set([monthName(iso, lang), monthName(iso, "en")]);
  const stated =
    day !== undefined &&
    [...names].some((name) => standsIn(`${name} ${day}`, quote) || standsIn(`${day} ${name}`, quote));
  const format = {
    month: "short",
    ...(stated ? { day: "numeric" } : {}),
    ...(withYear ? { year: "numeric" } : {}),
  };
  return dateFormat(lang, { ...format, timeZone: "UTC" } as Intl.DateTimeFormatOptions).format(date);
}

/** The id of a quoted block, given at load to every block a quote can stand in. */
function anchorOf(node: Nodes): string {
  const id = blockId(node);
  if (id === undefined)
    throw new Error(`a ${node.type} quoted by a fact has no anchor id: the tree changed after load`);
  return id;
}

/** Line and column of a front matter node by its path (`["facts", 2]`), as in the source file. */
function yamlPlaces(yaml: Yaml | undefined): (path: Array<string | number>) => Place | undefined {
  const firstLine = (yaml?.position?.start.line ?? 0) + 1;
  const { doc, lines } = parseFrontMatter(yaml);
  return (path) => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const p = lines.linePos(node.range[0]);
        return { line: firstLine + p.line - 1, column: p.col };
      }
    }
    return yaml?.position?.start;
  };
}
