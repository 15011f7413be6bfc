/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch] as string,
  );
}

/** Rough advance width of a sans-serif label in points (no font metrics on the server: errs wide). */
export function estimateTextWidth(text: string, size: number): number {
  return text.length * size * 0.56;
}
