import type { VFile } from "vfile";
import type { Cite } from "../model/apparatus/cite-syntax.ts";

/**
 * A `cite` node that reaches a renderer unresolved. The loader reports every citation it cannot
 * resolve, so this is a bug upstream: the build fails at the citation's line, never printing `[@key]`.
 */
export function unresolvedCite(node: Cite, file: VFile, format: string): never {
  const keys = node.items.map((item) => `@${item.key}`).join("; ");
  return file.fail(`The ${format} renderer met an unresolved citation (${keys})`, {
    place: node.position,
    ruleId: "citation",
    source: "folio",
  });
}
