import type { Document, IStylesOptions } from "docx";
import { KeptByKey } from "../../assets/kept.ts";
import { plainKey } from "../plain-key.ts";

// docx builds a document's `Styles` from the options it is given and formats them (`prepForXml`)
// three times per document: for styles.xml, for the page-number layout's reading of the styles
// (which docx keeps in a WeakMap by the `Styles` object, new in every document) and for the
// contents' heading levels. Folio's styles are the same for every report of a theme, language and
// top heading depth, and the same across a watch session's rebuilds. So a document is given the
// `Styles` kept for its options, formatted once: what each of the three reads is the same object
// docx formatted from the same options. Styles that number paragraphs are not kept: formatting
// them adds the document's numbering instances (a side effect each document needs).

/** docx's `Styles`, as this uses it. */
interface Styles {
  prepForXml(context: object): object | undefined;
}
/** docx's `File` (a `Document`), whose private `styles` its getter `Styles` returns. */
interface FileWithStyles {
  styles?: Styles;
}

// One `Styles` per set of options seen: a theme, a language and a top heading depth each. A
// snapshot's processes render other reports than its training one.
const kept = new KeptByKey<Styles>(64, { notInSnapshot: true });

/**
 * Gives `document`, built with `options` as its `styles`, the `Styles` kept for those options, or
 * keeps its own, formatted once from now on. Options that are not plain data, or that number
 * paragraphs, leave the document as docx built it.
 */
export function keepStyles(document: Document, options: IStylesOptions): void {
  const file = document as unknown as FileWithStyles;
  const own = file.styles;
  if (typeof own?.prepForXml !== "function")
    throw new Error(
      "docx's Document has no `styles` to keep: this docx is not the one Folio was written for",
    );
  const key = plainKey(options);
  if (key === undefined || key.includes('"numbering":')) return;
  file.styles = kept.get(key, () => formattedOnce(own));
}

/** `styles`, its `prepForXml` giving the object it first made each time it is called. */
function formattedOnce(styles: Styles): Styles {
  const prepForXml = styles.prepForXml.bind(styles);
  let formatted: object | undefined;
  styles.prepForXml = (context) => {
    formatted ??= prepForXml(context);
    return formatted;
  };
  return styles;
}
