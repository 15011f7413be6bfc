import type { FontFormat, FontStyle } from "../assets/types.ts";
import type { BrandFace } from "./font-file.ts";

/**
 * The face of a list closest to the weight and style asked for (CSS's font matching, simplified):
 * the style first (an upright face when there is no italic), then the nearest weight, heavier for
 * a bold; among equals, the file in the format asked for (WOFF2 for a web page, else an sfnt or WOFF).
 */
export function nearestFace(
  list: readonly BrandFace[],
  weight: number,
  style: FontStyle,
  format: FontFormat,
): BrandFace {
  const styled = list.filter((f) => f.style === style);
  const pool = styled.length > 0 ? styled : list.filter((f) => f.style === "normal");
  const candidates = pool.length > 0 ? pool : list;
  const rank = (face: BrandFace) => {
    const distance = Math.abs(face.weight - weight) + (weight >= 600 && face.weight < weight ? 0.5 : 0);
    const formatFit =
      format === "woff2" ? (face.format === "woff2" ? 0 : 0.1) : face.format === "woff2" ? 0.1 : 0;
    return distance + formatFit;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b))[0] as BrandFace;
}
