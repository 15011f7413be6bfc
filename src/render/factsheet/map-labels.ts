import { estimateTextWidth } from "./svg.ts";

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A label placed beside its point. */
export interface PlacedLabel {
  x: number;
  y: number;
  text: string;
  anchor: "start" | "end" | "middle";
  capital: boolean;
}

/**
 * Places each place name right, left, above or below its dot, taking the first spot that
 * overlaps no dot, no earlier label, no box to keep out of, and stays inside the map, in the order
 * given (the caller ranks them). A name that fits nowhere gets no label: it is left out, never
 * printed over another.
 */
export function placeLabels(
  points: Array<{ name: string; x: number; y: number; capital: boolean }>,
  o: {
    width: number;
    height: number;
    size: number;
    avoid: Array<{ x: number; y: number; text: string; size: number }>;
    keepOut?: Box[];
  },
): PlacedLabel[] {
  const taken: Box[] = points.map((p) => ({ x0: p.x - 3, y0: p.y - 3, x1: p.x + 3, y1: p.y + 3 }));
  for (const a of o.avoid) {
    const w = estimateTextWidth(a.text, a.size) + a.text.length * 2;
    taken.push({ x0: a.x - w / 2, y0: a.y - a.size, x1: a.x + w / 2, y1: a.y + 2 });
  }
  taken.push(...(o.keepOut ?? []));
  const inside = (b: Box) => b.x0 >= 2 && b.x1 <= o.width - 2 && b.y0 >= 2 && b.y1 <= o.height - 2;
  const labels: PlacedLabel[] = [];
  for (const p of points) {
    const w = estimateTextWidth(p.name, o.size);
    const h = o.size;
    const gap = 4.5;
    const spots: PlacedLabel[] = [
      { x: p.x + gap, y: p.y + h * 0.35, text: p.name, anchor: "start", capital: p.capital },
      { x: p.x - gap, y: p.y + h * 0.35, text: p.name, anchor: "end", capital: p.capital },
      { x: p.x, y: p.y - gap, text: p.name, anchor: "middle", capital: p.capital },
      { x: p.x, y: p.y + gap + h * 0.8, text: p.name, anchor: "middle", capital: p.capital },
    ];
    const box = (s: PlacedLabel): Box => {
      const x0 = s.anchor === "start" ? s.x : s.anchor === "end" ? s.x - w : s.x - w / 2;
      return { x0, y0: s.y - h * 0.8, x1: x0 + w, y1: s.y + h * 0.2 };
    };
    // Its own dot is in `taken`: a spot beside it never overlaps it.
    const own = taken.findIndex((t) => t.x0 === p.x - 3 && t.y0 === p.y - 3);
    const others = (b: Box) =>
      taken.some((t, i) => i !== own && b.x0 < t.x1 && b.x1 > t.x0 && b.y0 < t.y1 && b.y1 > t.y0);
    const spot = spots.find((s) => inside(box(s)) && !others(box(s)));
    if (!spot) continue;
    taken.push(box(spot));
    labels.push(spot);
  }
  return labels;
}
