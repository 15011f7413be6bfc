import { factorySpace } from "micromark-factory-space";
import {
  asciiAlpha,
  asciiAlphanumeric,
  markdownLineEnding,
  markdownLineEndingOrSpace,
  markdownSpace,
} from "micromark-util-character";
import type { Code, Construct, Effects, State, TokenizeContext } from "micromark-util-types";

/**
 * An inline HTML open tag whose unquoted attribute value holds a `/`: `<a href=https://x.gov/a>`.
 * CommonMark allows it (“an unquoted attribute value is a nonempty string of characters not
 * including whitespace, `"`, `'`, `=`, `<`, `>`, or `` ` ``”, as cmark and browsers read it), but
 * micromark 4's `htmlText` ends the value at a `/` and then wants `/>`, so the tag was text: every
 * link of the OMB memo's notes printed its `<a href=…>` in every format. Tried at `<` only after
 * micromark's own constructs (autolink, `htmlText`) fail, it accepts an open tag by the spec's
 * grammar and gives the events `htmlText` gives (`htmlText`, `htmlTextData`, line endings and
 * their prefixes), so the rest of the pipeline reads it as any inline HTML.
 */
export const htmlOpenTagWithSlashes: Construct = {
  name: "htmlOpenTagWithSlashes",
  tokenize: tokenizeOpenTag,
};

function tokenizeOpenTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let marker: Code | undefined;
  let returnState: State;

  const consumed =
    (next: State): State =>
    (code) => {
      effects.consume(code);
      return next;
    };

  const start: State = (code) => {
    effects.enter("htmlText");
    effects.enter("htmlTextData");
    effects.consume(code);
    return tagNameStart;
  };
  const tagNameStart: State = (code) => (asciiAlpha(code) ? consumed(tagName)(code) : nok(code));
  const tagName: State = (code) => {
    if (code === 45 || asciiAlphanumeric(code)) return consumed(tagName)(code);
    return code === 47 || code === 62 || markdownLineEndingOrSpace(code) ? between(code) : nok(code);
  };
  const between: State = (code) => {
    if (code === 47) return consumed(end)(code);
    if (code === 58 || code === 95 || asciiAlpha(code)) return consumed(attributeName)(code);
    if (markdownLineEnding(code)) return lineEndingBefore(between)(code);
    if (markdownSpace(code)) return consumed(between)(code);
    return end(code);
  };
  const attributeName: State = (code) =>
    code === 45 || code === 46 || code === 58 || code === 95 || asciiAlphanumeric(code)
      ? consumed(attributeName)(code)
      : attributeNameAfter(code);
  const attributeNameAfter: State = (code) => {
    if (code === 61) return consumed(valueBefore)(code);
    if (markdownLineEnding(code)) return lineEndingBefore(attributeNameAfter)(code);
    if (markdownSpace(code)) return consumed(attributeNameAfter)(code);
    return between(code);
  };
  const valueBefore: State = (code) => {
    if (code === null || code === 60 || code === 61 || code === 62 || code === 96) return nok(code);
    if (code === 34 || code === 39) {
      marker = code;
      return consumed(quoted)(code);
    }
    if (markdownLineEnding(code)) return lineEndingBefore(valueBefore)(code);
    if (markdownSpace(code)) return consumed(valueBefore)(code);
    return consumed(unquoted)(code);
  };
  const quoted: State = (code) => {
    if (code === marker) {
      marker = undefined;
      return consumed(quotedAfter)(code);
    }
    if (code === null) return nok(code);
    if (markdownLineEnding(code)) return lineEndingBefore(quoted)(code);
    return consumed(quoted)(code);
  };
  const quotedAfter: State = (code) =>
    code === 47 || code === 62 || markdownLineEndingOrSpace(code) ? between(code) : nok(code);
  // The one difference from micromark's `htmlText`: a `/` is part of an unquoted value. A value
  // ending in `/` just before `>` keeps it too (`<a href=https://x.gov/>`), as an HTML parser does.
  const unquoted: State = (code) => {
    if (code === null || code === 34 || code === 39 || code === 60 || code === 61 || code === 96)
      return nok(code);
    if (code === 62 || markdownLineEndingOrSpace(code)) return between(code);
    return consumed(unquoted)(code);
  };
  const end: State = (code) => {
    if (code !== 62) return nok(code);
    effects.consume(code);
    effects.exit("htmlTextData");
    effects.exit("htmlText");
    return ok;
  };
  const lineEndingBefore =
    (next: State): State =>
    (code) => {
      returnState = next;
      effects.exit("htmlTextData");
      effects.enter("lineEnding");
      effects.consume(code);
      effects.exit("lineEnding");
      return lineEndingAfter;
    };
  const lineEndingAfter: State = (code) =>
    markdownSpace(code)
      ? factorySpace(
          effects,
          lineEndingAfterPrefix,
          "linePrefix",
          this.parser.constructs.disable.null?.includes("codeIndented") ? undefined : 4,
        )(code)
      : lineEndingAfterPrefix(code);
  const lineEndingAfterPrefix: State = (code) => {
    effects.enter("htmlTextData");
    return returnState(code);
  };
  return start;
}

/** The remark plugin that adds the construct to the parser's inline constructs at `<`, after micromark's own. */
export function remarkHtmlOpenTagsWithSlashes(this: {
  data(): { micromarkExtensions?: unknown[] };
}): undefined {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), { text: { 60: htmlOpenTagWithSlashes } }];
}
