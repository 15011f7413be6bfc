import type { Labels } from "../labels.ts";
import { captionLabel } from "./cross-references.ts";
import { captionText } from "./figures.ts";
import type { Apparatus } from "./numbering.ts";

/** One line of a list of figures or tables: what it says and where it points. */
export interface CaptionListEntry {
  label: string;
  /** Anchor id of the figure or table. */
  id: string;
  /** "Figure 2: Counties with an advisory", as its caption begins. */
  text: string;
}

/** The numbered figures (`fig`) or tables (`tbl`) in order, as `::list-of-figures` / `::list-of-tables` list them. */
export function captionList(apparatus: Apparatus, kind: "fig" | "tbl", labels: Labels): CaptionListEntry[] {
  const captions =
    kind === "fig"
      ? apparatus.figures.map((figure) => ({ ...figure, text: figure.caption }))
      : apparatus.tables.map(({ caption }) => ({ ...caption, text: captionText(caption) }));
  return captions.flatMap(({ label, id, number, text }) =>
    label && id && number !== undefined
      ? [{ label, id, text: `${captionLabel(kind, number, labels)} ${text}` }]
      : [],
  );
}

/** The title of a list: "List of Figures" / "Liste des tableaux". */
export function captionListTitle(kind: "fig" | "tbl", labels: Labels): string {
  return labels.text(kind === "fig" ? "listOfFigures" : "listOfTables");
}
