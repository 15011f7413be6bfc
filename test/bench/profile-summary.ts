// Summarises a V8 CPU profile (`node --cpu-prof`): self time by package and by function.
// Usage: node --import tsx/esm test/bench/profile-summary.ts FILE.cpuprofile [ROWS]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const profile = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
};
const rows = Number(process.argv[3] ?? 20);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
profile.samples.forEach((id, i) => {
  const frame = byId.get(id)?.callFrame;
  const us = profile.timeDeltas[i] ?? 0;
  if (!frame) return;
  total += us;
  const url = frame.url.replace(/^file:\/\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  const group =
    pkg === ".cache"
      ? "folio bundle"
      : (pkg ??
        (url.includes("/src/")
          ? `src/${url.split("/src/")[1]?.split("/")[0]}`
          : url.startsWith("node:")
            ? "node internals"
            : frame.functionName || "(native)"));
  add(byPackage, group, us);
  add(
    byFunction,
    `${frame.functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}`,
    us,
  );
});
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (of ${(total / 1000).toFixed(0)} ms sampled)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(
      `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`,
    );
};
show("Self time by package", byPackage);
show("Self time by function", byFunction);
