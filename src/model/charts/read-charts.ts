import type { Image, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from "mdast";
import type { LeafDirective } from "mdast-util-directive";
import { toString as nodeText } from "mdast-util-to-string";
import type { VFile } from "vfile";
import type { Theme } from "../../theme/theme.ts";
import { captionText, labelKind } from "../apparatus/figures.ts";
import type { Apparatus } from "../apparatus/numbering.ts";
import type { Labels } from "../labels.ts";
import { placeAfter, type SourcePlace } from "../source-place.ts";
import { suggestion } from "../suggest.ts";
import { visit } from "../visit.ts";
import { chartAlt } from "./alt-text.ts";
import { dataFileShownAs, readDataFile } from "./data-files.ts";
import { readCell, sameUnit, unitName } from "./numbers.ts";
import {
  type Chart,
  type ChartKind,
  chartKinds,
  type DataCell,
  type DataTable,
  type NumberUnit,
} from "./types.ts";

// `::chart{…}` and `::table{src=…}`, read once here for every format: a data table becomes a real
// table of the body (its caption and number from the cross-reference system), a chart becomes a
// figure (numbered, labelled, listed) whose image carries the chart as data (src/model/charts/types.ts).

/** The directives this file replaces (model directives: no renderer sees them). */
export const dataDirectives = ["chart", "table"] as const;

const chartAttributes = [
  "table",
  "src",
  "type",
  "x",
  "y",
  "title",
  "caption",
  "x-title",
  "y-title",
  "unit",
  "alt",
  "id",
];
const tableAttributes = ["src", "caption", "id"];
const kindAliases: Record<string, ChartKind> = {
  column: "bar",
  "grouped-bar": "grouped",
  "stacked-bar": "stacked",
  points: "dot",
  "dot-plot": "dot",
};

/** What reading the data directives needs: where messages go, the source text, folder and theme. */
export interface DataDirectiveOptions {
  file: VFile;
  /** The source text (to place a message at an attribute). */
  text: string;
  /** The report's path as given (to name a data file beside it in messages). */
  path: string;
  sourceDir: string;
  theme: Theme;
  labels: Labels;
  /** The report's base name: chart keys are unique across a book's chapters. */
  name: string;
}

/**
 * Replaces each `::table{src=…}` with the table its file holds and each `::chart{…}` with a figure
 * drawn from a labelled table or a data file. Run after the body's table captions are read (a chart
 * names a table by its label) and before numbering. Every problem is an error at its place.
 */
export function readDataDirectives(tree: Root, options: DataDirectiveOptions): void {
  const fromFiles = new WeakMap<Table, DataTable>();
  replaceDirectives(tree, "table", (node) => dataTableNode(node, options, fromFiles));
  const tables = labelledTables(tree);
  let count = 0;
  replaceDirectives(tree, "chart", (node) => chartFigure(node, options, tables, fromFiles, ++count));
}

/**
 * The number of each table a chart was drawn from, once tables are numbered (a report's or a
 * book's numbers: the table is found by its anchor, which a book renames with its chapter).
 */
export function numberChartSources(apparatus: Apparatus): void {
  const numbers = new Map<string, string | undefined>();
  for (const { caption } of apparatus.tables) if (caption.id) numbers.set(caption.id, caption.number);
  for (const figure of apparatus.figures) {
    const source = figure.image.data?.chart?.source;
    if (source?.kind !== "table") continue;
    const number = numbers.get(source.id);
    if (number !== undefined) source.number = number;
  }
}

function replaceDirectives(
  tree: Root,
  name: (typeof dataDirectives)[number],
  replace: (node: LeafDirective) => RootContent | undefined,
): void {
  visit(tree, "leafDirective", (node, index, parent) => {
    if (node.name !== name || !parent || index === undefined) return;
    const replacement = replace(node);
    if (replacement) (parent.children as RootContent[]).splice(index, 1, replacement);
    else parent.children.splice(index, 1);
    return index;
  });
}

/** Records an error at a place of the source, or of a data file. */
function error(
  options: DataDirectiveOptions,
  reason: string,
  place: SourcePlace | undefined,
  inFile?: string,
) {
  const message = options.file.message(reason, { place, ruleId: "chart-data", source: "folio" });
  message.fatal = true;
  if (inFile) message.file = inFile;
}

/** Where `name=` is written in the directive (else the directive's start). */
function attributePlace(node: LeafDirective, name: string, text: string): SourcePlace | undefined {
  const start = node.position?.start;
  const end = node.position?.end.offset;
  if (!start || start.offset === undefined || end === undefined) return start;
  const slice = text.slice(start.offset, end);
  const at = new RegExp(`[{\\s]${name === "id" ? "#" : `${name}\\s*=`}`).exec(slice);
  return at ? placeAfter(text, start, start.offset + at.index + 1) : start;
}

/** Warns about attributes the directive does not know (a typo would otherwise be ignored). */
function checkAttributes(node: LeafDirective, known: string[], options: DataDirectiveOptions): void {
  for (const name of Object.keys(node.attributes ?? {})) {
    if (known.includes(name) || name === "class") continue;
    options.file.message(
      `\`::${node.name}\` has no attribute \`${name}\`${suggestion(name, known)}; it is ignored`,
      { place: attributePlace(node, name, options.text), ruleId: "chart-attribute", source: "folio" },
    );
  }
}

/** The label of a directive's `#…`, checked against the kind it must name. */
function directiveLabel(
  node: LeafDirective,
  kind: "fig" | "tbl",
  options: DataDirectiveOptions,
): string | undefined {
  const id = node.attributes?.id ?? undefined;
  if (!id) return undefined;
  if (labelKind(id) === kind) return id;
  const what = kind === "fig" ? "A chart's label starts with `fig-`" : "A table's label starts with `tbl-`";
  const message = options.file.message(`${what} (or \`${kind}:\`): \`#${id}\` is not one`, {
    place: attributePlace(node, "id", options.text),
    ruleId: "crossref-label",
    source: "folio",
  });
  message.fatal = true;
  return undefined;
}

/** Reads a `src=` data file, or records why it cannot be read. */
function dataFile(node: LeafDirective, src: string, options: DataDirectiveOptions): DataTable | undefined {
  const shownAs = dataFileShownAs(options.path, src);
  const read = readDataFile(src, options.sourceDir, shownAs);
  if ("table" in read) return read.table;
  if (read.line !== undefined)
    error(options, read.problem, { line: read.line, column: read.column ?? 1 }, shownAs);
  else error(options, read.problem, attributePlace(node, "src", options.text));
  return undefined;
}

/** `::table{src=awards.csv caption="…" #tbl-awards}` as a table of the body, numbers right-aligned. */
function dataTableNode(
  node: LeafDirective,
  options: DataDirectiveOptions,
  fromFiles: WeakMap<Table, DataTable>,
): Table | undefined {
  checkAttributes(node, tableAttributes, options);
  const src = node.attributes?.src;
  if (!src) {
    error(options, "`::table` needs the data file it shows: `::table{src=data.csv}`", node.position?.start);
    return undefined;
  }
  const data = dataFile(node, src, options);
  const label = directiveLabel(node, "tbl", options);
  if (!data) return undefined;
  const width = data.header.length;
  for (const row of data.rows)
    if (row.length !== width)
      error(
        options,
        `This row has ${row.length} cells, the header ${width}: every row has one cell per column`,
        row[0]?.place,
        data.file,
      );
  const align = data.header.map((_, column) => (numericColumn(data, column) ? ("right" as const) : null));
  const cell = (text: string): TableCell => ({
    type: "tableCell",
    children: text ? [{ type: "text", value: text }] : [],
  });
  const table: Table = {
    type: "table",
    align,
    children: [data.header, ...data.rows].map((row) => ({
      type: "tableRow",
      children: data.header.map((_, i) => cell(row[i]?.text.trim() ?? "")),
    })),
    ...(node.position ? { position: node.position } : {}),
  };
  const caption: PhrasingContent[] =
    node.children.length > 0
      ? node.children
      : node.attributes?.caption
        ? [{ type: "text", value: node.attributes.caption }]
        : [];
  if (caption.length > 0 || label)
    table.data = {
      tableCaption: {
        children: caption,
        ...(label ? { label, id: label } : {}),
        ...(node.position ? { position: node.position } : {}),
      },
    };
  fromFiles.set(table, data);
  return table;
}

/** Whether a column holds numbers: every cell a number or missing, at least one a number. */
function numericColumn(data: DataTable, column: number): boolean {
  const kinds = data.rows.map((row) => readCell(row[column]?.text ?? "").kind);
  return kinds.includes("number") && !kinds.includes("text");
}

/** The body's labelled tables (captioned `{#tbl-…}`), by label. */
function labelledTables(tree: Root): Map<string, Table> {
  const tables = new Map<string, Table>();
  visit(tree, "table", (table) => {
    const label = table.data?.tableCaption?.label;
    if (label && !tables.has(label)) tables.set(label, table);
  });
  return tables;
}

/** A table of the body as data: its cells' text and where each is written. */
function bodyTableData(table: Table): DataTable {
  const cells = (row: Table["children"][number]): DataCell[] =>
    row.children.map((cell) => ({
      text: nodeText(cell).trim(),
      place: cell.position?.start ?? table.position?.start ?? { line: 1, column: 1 },
    }));
  const [header, ...rows] = table.children;
  return { header: header ? cells(header) : [], rows: rows.map(cells) };
}

/** The column a directive names, or an error with the table's columns (and the nearest one). */
function findColumn(
  name: string,
  role: string,
  data: DataTable,
  node: LeafDirective,
  options: DataDirectiveOptions,
  tableName: string,
): number | undefined {
  const names = data.header.map((cell) => cell.text.trim());
  let index = names.indexOf(name.trim());
  if (index < 0) index = names.findIndex((n) => n.toLowerCase() === name.trim().toLowerCase());
  if (index >= 0) return index;
  error(
    options,
    `Column \`${name}\` (${role}) is not in ${tableName}${suggestion(name, names) || "."} Its columns: ${names.map((n) => `\`${n}\``).join(", ")}`,
    attributePlace(node, role, options.text),
  );
  return undefined;
}

/** `::chart{…}` as a figure whose image carries the chart, or undefined after recording why not. */
function chartFigure(
  node: LeafDirective,
  options: DataDirectiveOptions,
  tables: Map<string, Table>,
  fromFiles: WeakMap<Table, DataTable>,
  count: number,
): Paragraph | undefined {
  checkAttributes(node, chartAttributes, options);
  const attributes = node.attributes ?? {};
  const start = node.position?.start;
  const label = directiveLabel(node, "fig", options);
  const kind = chartKind(node, options);
  // Where the data comes from: a labelled table of the body, or a file beside the source.
  let data: DataTable | undefined;
  let source: Chart["source"] | undefined;
  let tableName: string;
  let tableCaption = "";
  if (attributes.table && attributes.src) {
    error(options, "A chart's data comes from `table=` or from `src=`, not both", start);
    return undefined;
  }
  if (attributes.table) {
    const wanted = attributes.table.replace(/^#/, "");
    const table = tables.get(wanted);
    tableName = `table \`${wanted}\``;
    if (!table) {
      error(
        options,
        `No table is labelled \`${wanted}\`${suggestion(wanted, tables.keys())}: a chart names a table by its caption's label (\`Table: … {#tbl-x}\`)`,
        attributePlace(node, "table", options.text),
      );
      return undefined;
    }
    data = fromFiles.get(table) ?? bodyTableData(table);
    source = { kind: "table", label: wanted, id: wanted };
    const caption = table.data?.tableCaption;
    if (caption) tableCaption = captionText(caption).trim();
  } else if (attributes.src) {
    tableName = `\`${attributes.src}\``;
    data = dataFile(node, attributes.src, options);
    source = { kind: "file", path: attributes.src };
  } else {
    error(options, "A chart needs its data: `table=tbl-x` (a labelled table) or `src=data.csv`", start);
    return undefined;
  }
  if (!data || !source) return undefined;
  const names = data.header.map((cell) => cell.text.trim());
  const xIndex = attributes.x ? findColumn(attributes.x, "x", data, node, options, tableName) : 0;
  const yNames = attributes.y
    ? attributes.y
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean)
    : names.length === 2
      ? [names[1] as string]
      : [];
  if (yNames.length === 0) {
    error(
      options,
      `Name the column or columns to chart with \`y=\` (${tableName} has ${names.map((n) => `\`${n}\``).join(", ")})`,
      start,
    );
    return undefined;
  }
  const yIndexes = yNames.map((name) => findColumn(name, "y", data, node, options, tableName));
  if (xIndex === undefined || yIndexes.some((i) => i === undefined)) return undefined;
  const columns = yIndexes as number[];
  const colours = 2 + options.theme.charts.moreColors.length;
  if (columns.length > colours) {
    error(
      options,
      `A chart shows at most ${colours} series (the theme's colours); this one names ${columns.length}`,
      attributePlace(node, "y", options.text),
    );
    return undefined;
  }
  const max = options.theme.charts.maxCategories;
  if (data.rows.length > max) {
    error(
      options,
      `${tableName} has ${data.rows.length} categories: a chart shows at most ${max} (the theme's \`charts.maxCategories\`); chart fewer rows`,
      start,
    );
    return undefined;
  }
  const categories = data.rows.map((row) => row[xIndex]?.text.trim() ?? "");
  const seen = new Map<string, DataCell>();
  for (const row of data.rows) {
    const cell = row[xIndex];
    if (!cell) continue;
    const earlier = seen.get(cell.text.trim());
    if (earlier)
      error(
        options,
        `\`${cell.text.trim()}\` is in column \`${names[xIndex]}\` twice (also at line ${earlier.place.line}): each category once`,
        cell.place,
        data.file,
      );
    else seen.set(cell.text.trim(), cell);
  }
  // The values, as numbers, each in the one unit its column (and the chart's axis) is written in.
  let unit: { unit: NumberUnit; cell: DataCell } | undefined;
  let decimals = 0;
  let failed = false;
  const series = columns.map((column) => {
    const values: Array<number | null> = [];
    const texts: string[] = [];
    for (const row of data.rows) {
      const cell = row[column] ?? { text: "", place: row[0]?.place ?? { line: 1, column: 1 } };
      const read = readCell(cell.text);
      texts.push(cell.text.trim());
      if (read.kind === "text") {
        error(
          options,
          `\`${cell.text.trim()}\` in column \`${names[column]}\` is not a number: write it as the table writes numbers (1,540, $38.6, 81%) or \`—\` for no value`,
          cell.place,
          data.file,
        );
        failed = true;
        values.push(null);
        continue;
      }
      if (read.kind === "missing") {
        values.push(null);
        continue;
      }
      values.push(read.value);
      decimals = Math.max(decimals, read.decimals);
      if (!read.unit.prefix && !read.unit.suffix) continue;
      if (!unit) unit = { unit: read.unit, cell };
      else if (!sameUnit(unit.unit, read.unit)) {
        error(
          options,
          `\`${cell.text.trim()}\` is in ${unitName(read.unit)}, but \`${unit.cell.text.trim()}\` (line ${unit.cell.place.line}) in ${unitName(unit.unit)}: the values of a chart share one unit`,
          cell.place,
          data.file,
        );
        failed = true;
      }
    }
    return { name: names[column] as string, values, texts };
  });
  // A bad type is reported with the data's problems, then nothing is drawn.
  if (failed || !kind) return undefined;
  if (series.every((s) => s.values.every((v) => v === null))) {
    error(
      options,
      `${tableName} has no values to chart in ${yNames.map((n) => `\`${n}\``).join(", ")}`,
      start,
    );
    return undefined;
  }
  const unitAttribute = attributes.unit?.trim();
  const valueName = attributes["y-title"] ?? (series.length === 1 ? (series[0]?.name ?? "") : "");
  const yTitle = unitAttribute ? `${valueName} (${unitAttribute})`.trim() : valueName;
  const labelText =
    node.children.length > 0 ? nodeText({ type: "paragraph", children: node.children }).trim() : "";
  const title =
    attributes.caption?.trim() ||
    labelText ||
    attributes.title?.trim() ||
    tableCaption ||
    `${yTitle || series.map((s) => s.name).join(", ")} by ${attributes["x-title"] ?? names[xIndex]}`;
  const described: Omit<Chart, "alt" | "key"> = {
    kind: kind === "bar" && series.length > 1 ? "grouped" : kind,
    categories,
    series,
    xTitle: attributes["x-title"] ?? (names[xIndex] as string),
    yTitle,
    unit: unit?.unit ?? { prefix: "", suffix: "" },
    decimals,
    title: attributes.title?.trim() || title,
    source,
    table: {
      header: [names[xIndex] as string, ...columns.map((c) => names[c] as string)],
      rows: data.rows.map((row) => [
        row[xIndex]?.text.trim() ?? "",
        ...columns.map((c) => row[c]?.text.trim() ?? ""),
      ]),
    },
  };
  const chart: Chart = {
    ...described,
    alt: chartAlt(described, options.labels, attributes.alt ?? undefined),
    key: `folio-chart-${options.name}-${count}`,
  };
  const image: Image = {
    type: "image",
    url: chart.key,
    alt: chart.alt,
    data: { chart },
    ...(node.position ? { position: node.position } : {}),
  };
  return {
    type: "paragraph",
    children: [image],
    ...(node.position ? { position: node.position } : {}),
    data: { figure: { image, caption: title, alt: chart.alt, ...(label ? { label, id: label } : {}) } },
  };
}

/** The directive's `type=`, or an error naming the kinds. */
function chartKind(node: LeafDirective, options: DataDirectiveOptions): ChartKind | undefined {
  const asked = (node.attributes?.type ?? "bar").trim().toLowerCase();
  if ((chartKinds as readonly string[]).includes(asked)) return asked as ChartKind;
  if (kindAliases[asked]) return kindAliases[asked];
  error(
    options,
    `No chart type \`${asked}\`${suggestion(asked, [...chartKinds, ...Object.keys(kindAliases)]) || "."} Types: ${chartKinds.join(", ")}`,
    attributePlace(node, "type", options.text),
  );
  return undefined;
}
