import type { Construct, Extension, State, TokenizeContext } from "micromark-util-types";
import remarkDirective from "remark-directive";
import { type Processor, unified } from "unified";

/** remark-directive's own micromark syntax and mdast conversions, as its plugin registers them. */
const generic = unified().use(remarkDirective).freeze().data();
const genericSyntax = generic.micromarkExtensions?.[0] as Extension;
const textDirective = (genericSyntax.text as Record<number, Construct>)[58] as Construct;

/** The tokens that make `:name` a directive rather than prose. */
const labelOrAttributes = new Set<string>(["directiveTextLabel", "directiveTextAttributes"]);

/**
 * remark-directive's `:name` text directive, made only when a label or attributes follow the name
 * (`:abbr[CDC]`, `:span{.x}`). A bare `:name` is what prose writes all the time (`Step:1`,
 * `Mr.:Doctor`, `@fig:advisories`, `10:30`, `ratio 3:a`, `mailto:x@y.org`): it stays text, exactly
 * as typed, and the rest of the line parses as if the colon were any other character.
 */
const unambiguousTextDirective: Construct = {
  ...textDirective,
  name: "unambiguousTextDirective",
  tokenize(this: TokenizeContext, effects, ok, nok) {
    const start = this.events.length;
    // The label and attributes are tokenised by nested attempts whose events land in this same list.
    const afterDirective: State = (code) =>
      this.events.slice(start).some(([kind, token]) => kind === "enter" && labelOrAttributes.has(token.type))
        ? ok(code)
        : nok(code);
    return textDirective.tokenize.call(this, effects, afterDirective, nok);
  },
};

/**
 * remark-directive, except that a text directive needs a label or attributes: `:::name` and
 * `::name` blocks as usual, `:name[…]` and `:name{…}` inline, and any other colon is text.
 */
export function remarkUnambiguousDirectives(this: Processor): undefined {
  const data = this.data();
  data.micromarkExtensions = [
    ...(data.micromarkExtensions ?? []),
    { ...genericSyntax, text: { 58: unambiguousTextDirective } },
  ];
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    ...(generic.fromMarkdownExtensions ?? []),
  ];
}
