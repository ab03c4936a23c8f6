// LandCheck's side of the `locate-points` job: for each x, y pair (the store's planar CRS), the index of the
// feature containing it, or -1. Uses `locatePoints` from src/core/store/locatePoints.ts when that module exists;
// otherwise the same with the store's flatbush index and an even-odd point-in-polygon on its typed arrays, so the
// bench runs either way (the JSON line says which: `impl`).
import { Delaunay } from 'd3-delaunay';
import Flatbush from 'flatbush';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import seedrandom from 'seedrandom';
import { searchStore } from '../../src/core';
import type { LayerStore } from '../../src/core';

export type LocatePoints = (store: LayerStore, xy: Float64Array) => Int32Array;

/** Even-odd test of (x, y) against every ring of feature i (holes and parts included). */
function featureContains(store: LayerStore, i: number, x: number, y: number): boolean {
  const { coords, ringStart, partStart, featureStart } = store;
  let inside = false;
  for (let p = featureStart[i]!; p < featureStart[i + 1]!; p++) {
    for (let r = partStart[p]!; r < partStart[p + 1]!; r++) {
      const start = ringStart[r]!, end = ringStart[r + 1]!;
      for (let a = start, b = end - 1; a < end; b = a++) {
        const ax = coords[a * 2]!, ay = coords[a * 2 + 1]!, bx = coords[b * 2]!, by = coords[b * 2 + 1]!;
        if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

/** The fallback: bbox candidates from the index, lowest feature index first, first one containing the point. */
export function locatePointsFallback(store: LayerStore, xy: Float64Array): Int32Array {
  const out = new Int32Array(xy.length / 2).fill(-1);
  for (let k = 0; k < out.length; k++) {
    const x = xy[k * 2]!, y = xy[k * 2 + 1]!;
    const candidates = searchStore(store, x, y, x, y).sort((a, b) => a - b);
    for (const i of candidates) {
      if (featureContains(store, i, x, y)) {
        out[k] = i;
        break;
      }
    }
  }
  return out;
}

/** `locatePoints` from src/core/store/locatePoints.ts if it is there, else the fallback. */
export async function loadLocatePoints(): Promise<{ locate: LocatePoints; impl: 'locatePoints' | 'fallback' }> {
  const url = new URL('../../src/core/store/locatePoints.ts', import.meta.url);
  if (existsSync(url)) {
    const mod = (await import(url.href)) as { locatePoints?: LocatePoints };
    if (typeof mod.locatePoints === 'function') return { locate: mod.locatePoints, impl: 'locatePoints' };
  }
  return { locate: locatePointsFallback, impl: 'fallback' };
}

// Standalone (issue 9's locate target: 10k points in 10^6 parcels in ≤ 20 ms):
//   npx tsx scripts/bench/locate.ts [--size 1000000] [--points 10000] [--runs 7] [--compare a.ts,b.ts]
// builds the bench's seeded Voronoi county straight in the plane (no lon/lat round trip, so it takes seconds, not
// minutes; the points are the bench's to within that round trip), times the point grid's build on its own, then
// prints the first (cold: it builds the grid) run and the median wall and CPU time of the warm runs of
// `locatePoints`, and of any `--compare` modules exporting one, run round-robin so a busy machine slows them
// alike (CPU time is the steadier figure when other jobs share the machine). Every implementation must give the
// same answers as the first, and the first the same as the plain flatbush fallback above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();

/** n seeded Voronoi parcels over a square of ~1000 m² each, as in scripts/bench.ts, and then `points` points. */
export function seededCounty(n: number, pointCount: number): { store: LayerStore; xy: Float64Array } {
  const random = seedrandom(`landcheck-bench-${n}`);
  const [ox, oy] = [560_000, 3_340_000];
  const side = Math.sqrt(n * 1000);
  const seeds = new Float64Array(n * 2);
  for (let i = 0; i < n * 2; i++) seeds[i] = random() * side;
  const voronoi = new Delaunay(seeds).voronoi([0, 0, side, side]);
  const cells = Array.from({ length: n }, (_, i) => voronoi.cellPolygon(i) as unknown as [number, number][]);
  const vertexCount = cells.reduce((sum, cell) => sum + cell.length, 0);
  const coords = new Float64Array(vertexCount * 2), ringStart = new Uint32Array(n + 1), bbox = new Float64Array(n * 4);
  const index = new Flatbush(Math.max(1, n));
  let v = 0;
  cells.forEach((cell, i) => {
    ringStart[i] = v;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const [x, y] of cell) {
      coords[v * 2] = ox + x;
      coords[v * 2 + 1] = oy + y;
      minX = Math.min(minX, ox + x); minY = Math.min(minY, oy + y); maxX = Math.max(maxX, ox + x); maxY = Math.max(maxY, oy + y);
      v++;
    }
    bbox.set([minX, minY, maxX, maxY], i * 4);
    index.add(minX, minY, maxX, maxY);
  });
  ringStart[n] = v;
  index.finish();
  // One part of one ring per feature; separate offset arrays, as in a real store.
  const sequence = Uint32Array.from({ length: n + 1 }, (_, i) => i);
  const store: LayerStore = {
    id: 'parcels', kind: 'real_estate', crs: 'EPSG:4547', featureCount: n, coords, ringStart, partStart: sequence, featureStart: sequence.slice(), bbox,
    index: index.data as ArrayBuffer, ids: [], attributes: [],
  };
  const xy = new Float64Array(pointCount * 2);
  for (let k = 0; k < pointCount; k++) {
    xy[k * 2] = ox + random() * side;
    xy[k * 2 + 1] = oy + random() * side;
  }
  return { store, xy };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1]! : fallback;
  };
  const size = Number(arg('size', '1000000')), pointCount = Number(arg('points', '10000')), runs = Number(arg('runs', '7'));
  const impls: { name: string; locate: LocatePoints }[] = [{ name: 'locatePoints', locate: (await loadLocatePoints()).locate }];
  for (const file of arg('compare', '').split(',').filter(Boolean)) {
    impls.push({ name: file, locate: ((await import(pathToFileURL(resolve(file)).href)) as { locatePoints: LocatePoints }).locatePoints });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  let t = performance.now();
  const { store, xy } = seededCounty(size, pointCount);
  console.log(JSON.stringify({ size, points: pointCount, countySeconds: +((performance.now() - t) / 1000).toFixed(2) }));
  // The point grid's build counts toward a layer's readiness: time it on its own (uncached), and weigh it.
  const { buildPointGrid } = await import('../../src/core/store/pointGrid');
  const builds: number[] = [];
  let gridBytes = 0;
  for (let r = 0; r < 3; r++) {
    t = performance.now();
    const grid = buildPointGrid(store);
    builds.push(performance.now() - t);
    gridBytes = [grid.cellStart, grid.entries, grid.ringVertices].reduce((sum, a) => sum + a.byteLength, 0);
  }
  console.log(JSON.stringify({ pointGrid: { buildMs: +median(builds).toFixed(1), MB: +(gridBytes / 2 ** 20).toFixed(1) } }));
  const times = impls.map(() => [] as number[]), cpuTimes = impls.map(() => [] as number[]);
  const cold: number[] = [];
  let expected: Int32Array | null = null;
  for (let r = 0; r <= runs; r++) {
    impls.forEach((impl, j) => {
      const cpu = process.cpuUsage();
      t = performance.now();
      const found = impl.locate(store, xy);
      const ms = performance.now() - t, { user, system } = process.cpuUsage(cpu);
      if (r === 0) cold.push(ms);
      else {
        times[j]!.push(ms);
        cpuTimes[j]!.push((user + system) / 1000);
      }
      expected ??= found;
      const differing = found.reduce((n, id, k) => n + (id === expected![k] ? 0 : 1), 0);
      if (differing) throw new Error(`${impl.name}: ${differing} points located differently from ${impls[0]!.name}`);
    });
  }
  // And once against the plain flatbush + ray-cast fallback (no seeded point falls exactly on an edge).
  const fallback = locatePointsFallback(store, xy);
  const differing = fallback.reduce((n, id, k) => n + (id === expected![k] ? 0 : 1), 0);
  if (differing) throw new Error(`${differing} points located differently from the fallback`);
  impls.forEach((impl, j) => {
    console.log(JSON.stringify({
      impl: impl.name, coldMs: +cold[j]!.toFixed(2), medianMs: +median(times[j]!).toFixed(2), minMs: +Math.min(...times[j]!).toFixed(2),
      cpuMedianMs: +median(cpuTimes[j]!).toFixed(2), runs, matched: expected!.filter((i) => i >= 0).length,
    }));
  });
}
