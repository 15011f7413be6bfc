// Where a neighbour's name fits wholly inside its drawn outline: shared by the country maps and
// the U.S. maps (us-map.ts).
import { type GeoProjection, geoPath } from "d3-geo";
import type { AtlasCountry } from "../../assets/types.ts";

type Country = AtlasCountry;

/**
 * A spot for a neighbour's name wholly inside its visible part: the sampled point nearest the
 * centroid whose label box lies inside the country and the frame (so no label crosses a border).
 */
export function labelSpot(
  country: Country,
  name: string,
  [cx, cy]: [number, number],
  projection: GeoProjection,
  width: number,
  height: number,
): [number, number] | undefined {
  const half = (name.length * 6.5 * 0.62 + name.length * 0.6) / 2;
  // The country as drawn: its projected, clipped outline, tested in the plane (a test per point on
  // the sphere, geoContains on 1:50m outlines, was most of a cold fact sheet's map).
  const rings = projectedRings(country, projection);
  const inside = (x: number, y: number) => insideRings(rings, x, y);
  // Candidates nearest first (ties in scan order, top to bottom, left to right): the first that
  // fits is the answer, and only nearer ones, which all fail, were tested (geoContains on 1:50m
  // outlines was a third of a cold fact sheet when the grid was scanned from its corner).
  const candidates: Array<{ x: number; y: number; distance: number; order: number }> = [];
  for (let y = 12; y < height - 4; y += 6)
    for (let x = half + 4; x < width - half - 4; x += 6)
      candidates.push({ x, y, distance: (x - cx) ** 2 + (y - cy) ** 2, order: candidates.length });
  candidates.sort((a, b) => a.distance - b.distance || a.order - b.order);
  for (const { x, y } of candidates) {
    const box = [
      [x - half, y - 6],
      [x + half, y - 6],
      [x - half, y + 2],
      [x + half, y + 2],
      [x, y - 2],
    ] as const;
    if (box.every(([bx, by]) => inside(bx, by))) return [x, y];
  }
  return undefined;
}

/** A country's outline as the map draws it: the rings of its projected, clipped path, in points. */
function projectedRings(country: Country, projection: GeoProjection): number[][] {
  const rings: number[][] = [];
  let ring: number[] = [];
  const context = {
    moveTo(x: number, y: number) {
      ring = [x, y];
      rings.push(ring);
    },
    lineTo(x: number, y: number) {
      ring.push(x, y);
    },
    closePath() {},
    arc() {},
    beginPath() {},
  };
  geoPath(projection, context as unknown as CanvasRenderingContext2D)(country);
  return rings;
}

/** Even–odd rule: whether a point lies inside the rings (holes and islands counted). */
function insideRings(rings: readonly number[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const xi = ring[i] as number;
      const yi = ring[i + 1] as number;
      const xj = ring[j] as number;
      const yj = ring[j + 1] as number;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
