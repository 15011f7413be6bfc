import type { Nodes, Root } from "mdast";
import type { Processor } from "unified";

// GFM's autolink literals (`www.x.org`, `https://…`, `a@b.org` typed without brackets) are found
// after parsing by a transform (mdast-util-gfm-autolink-literal) that runs four patterns over every
// text node of the document with mdast-util-find-and-replace: 18 ms of each load of the 27 KB CRS
// report (thousands of table cells), 6 ms of the factbook's, though those reports type such a
// literal on four and two lines. Each pattern needs `http://`, `https://`, `www.` or `@` inside one
// text node, so the transform is run only on the top-level blocks that hold one: the same links
// where they are, the same text elsewhere. A top-level block is never inside a link, so what the
// transform leaves alone (text within links) is the same from a block as from the root.

/** What every autolink literal pattern needs inside one text node. */
const marker = /https?:\/\/|www\.|@/i;

/** The transform's name in mdast-util-gfm-autolink-literal 2.x. */
const transformName = "transformGfmAutolinkLiterals";

type Transform = (tree: Root) => Root | undefined;
interface FromMarkdownExtension {
  transforms?: Transform[];
}
type Extensions = Array<FromMarkdownExtension | Extensions>;

function holdsMarker(node: Nodes): boolean {
  if (node.type === "text") return marker.test(node.value);
  return "children" in node && (node.children as Nodes[]).some(holdsMarker);
}

/** The GFM transform, run on each top-level block that holds a marker. */
function scoped(transform: Transform): Transform {
  const scopedTransform = (tree: Root) => {
    for (const block of tree.children) if (holdsMarker(block)) transform(block as unknown as Root);
    return undefined;
  };
  return Object.assign(scopedTransform, { scopes: transform });
}

/** The extensions with the transform scoped (copies along the way: the objects are remark-gfm's). */
function withScoped(extensions: Extensions): Extensions {
  return extensions.map((extension) => {
    if (Array.isArray(extension)) return withScoped(extension);
    const transforms = extension.transforms;
    if (!transforms?.some((transform) => transform.name === transformName)) return extension;
    return {
      ...extension,
      transforms: transforms.map((transform) =>
        transform.name === transformName ? scoped(transform) : transform,
      ),
    };
  });
}

/**
 * Use after remark-gfm: its autolink literal transform runs only where a block holds a marker.
 * `scopedAutolinks(processor)` says whether it was found (a test holds it: another version of
 * mdast-util-gfm-autolink-literal would leave the whole-document transform in place).
 */
export function remarkScopedAutolinkLiterals(this: Processor): undefined {
  const data = this.data();
  data.fromMarkdownExtensions = withScoped(
    (data.fromMarkdownExtensions ?? []) as Extensions,
  ) as typeof data.fromMarkdownExtensions;
}

/** Whether a frozen processor's autolink literal transform is the scoped one. */
export function scopedAutolinks(processor: Processor): boolean {
  const find = (extensions: Extensions): boolean =>
    extensions.some((extension) =>
      Array.isArray(extension)
        ? find(extension)
        : (extension.transforms ?? []).some((transform) => "scopes" in transform),
    );
  return find((processor.data().fromMarkdownExtensions ?? []) as Extensions);
}
