import type { Image, Paragraph } from "mdast";

/**
 * Pandoc's implicit figures: an image with alt text, alone in its paragraph, is a figure whose
 * caption is the alt text, in every format. Returns that image, or undefined for any other paragraph.
 */
export function implicitFigure(paragraph: Paragraph): Image | undefined {
  const content = paragraph.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  const [only] = content;
  return content.length === 1 && only?.type === "image" && only.alt?.trim() ? only : undefined;
}
