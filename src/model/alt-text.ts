import type { Root } from "mdast";
import type { VFile } from "vfile";
import { visit } from "./visit.ts";

/** A file name as alt text: `image1.png`, `IMG_2034.JPG`, `chart-3.svg`. */
const fileName = /^[^\s/\\]+\.(?:png|jpe?g|gif|svg|webp|tiff?|bmp)$/i;

/**
 * Warns at an image with no alt text, and at one whose alt text is a file name (`![image1.png](image1.png)`, as converters and
 * hurried editors leave it): it is what a screen reader reads, in every format, and what a print
 * format shows where the image cannot be drawn, and it says nothing of the picture.
 */
export function checkAltText(tree: Root, file: VFile): void {
  visit(tree, "image", (node) => {
    const alt = node.alt?.trim() ?? "";
    // No alt text: decoration, as `alt=""` is on the web; every format marks it so (the web page's
    // empty alt, the PDF's artifact, Word's decorative flag), and the author is told, in every build.
    if (alt === "") {
      file.message(
        `Image \`${node.url}\` has no alt text: every format marks it decorative, and screen readers skip it; describe it between the brackets if it says something`,
        { place: node.position?.start, ruleId: "image-alt", source: "folio" },
      );
      return;
    }
    if (!fileName.test(alt)) return;
    file.message(
      `Image \`${node.url}\` has a file name, \`${alt}\`, as its alt text: a screen reader reads that out; describe what the image shows`,
      { place: node.position?.start, ruleId: "image-alt-file-name", source: "folio" },
    );
  });
}
