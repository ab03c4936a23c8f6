// `npm run bench [-- --sizes 100000,1000000 --runs 3]`: a seeded synthetic county, and the figures of
// the verification engine on it, one JSON line per job (job, size, items, seconds = median of runs,
// itemsPerSecond, peakRssMB). Figures only: targets and the PostGIS comparison come with issue 9.
import { Delaunay } from 'd3-delaunay';
import seedrandom from 'seedrandom';
import { bboxOf, buildLayerStore, overlayLayer, parseRuleSet, planarArea, transformBetween, verifyCase } from '../src/core';
import type { CaseRecord, Feature, FeatureCollection, Position, VerifyWorkspace } from '../src/core';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIZES = arg('sizes', '100000,1000000').split(',').map(Number);
const RUNS = Number(arg('runs', '3'));
const CRS = 'EPSG:4547';
const ORIGIN: Position = [560_000, 3_340_000];
const toLonLat = transformBetween(CRS, 'EPSG:4490');
const ruleSet = parseRuleSet(readFileSync(new URL('../data/rules/default.json', import.meta.url), 'utf8'), 'default.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
function report(job: string, size: number, items: number, seconds: number, extra: Record<string, unknown> = {}) {
  console.log(JSON.stringify({ job, size, items, seconds: +seconds.toFixed(4), itemsPerSecond: Math.round(items / seconds), peakRssMB: peakRssMB(), ...extra }));
}
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const value = fn();
  return [value, (performance.now() - t) / 1000];
}

/** n Voronoi parcels (about 6–9 vertices each) over a square sized for ~1000 m² per parcel, in lon/lat. */
function parcels(n: number, random: () => number): { collection: FeatureCollection; side: number } {
  const side = Math.sqrt(n * 1000);
  const points = new Float64Array(n * 2);
  for (let i = 0; i < n * 2; i++) points[i] = random() * side;
  const voronoi = new Delaunay(points).voronoi([0, 0, side, side]);
  const features: Feature[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const cell = voronoi.cellPolygon(i) as unknown as Position[];
    features[i] = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [cell.map(([x, y]) => toLonLat([ORIGIN[0] + x, ORIGIN[1] + y]))] },
      properties: { ZDDM: `421102${String(i).padStart(13, '0')}`, QLR: `权利人${i % 997}` },
    };
  }
  return { collection: { type: 'FeatureCollection', features }, side };
}

function pointCases(count: number, side: number, random: () => number): CaseRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `B${i}`, receivedDate: '2026-01-01', channel: null, category: null, petitioner: null, phone: null, complaint: null, demands: null, place: null,
    status: null, officer: null, geometry: { type: 'Point', coordinates: toLonLat([ORIGIN[0] + random() * side, ORIGIN[1] + random() * side]) }, radiusM: 20, attributes: {},
  }));
}

/** Rectangles of 0.1–5 ha at random places and angles, planar. */
function rectangles(count: number, side: number, random: () => number, minHa = 0.1, maxHa = 5): Position[][][] {
  return Array.from({ length: count }, () => {
    const area = (minHa + random() * (maxHa - minHa)) * 10_000;
    const w = Math.sqrt(area * (0.5 + random())), h = area / w, a = random() * Math.PI;
    const c: Position = [ORIGIN[0] + random() * side, ORIGIN[1] + random() * side];
    const corners: Position[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2], [-w / 2, -h / 2]];
    return [corners.map(([x, y]) => [c[0] + x * Math.cos(a) - y * Math.sin(a), c[1] + x * Math.sin(a) + y * Math.cos(a)] as Position)];
  });
}

for (const size of SIZES) {
  const random = seedrandom(`landcheck-bench-${size}`);
  const { collection, side } = parcels(size, random);
  // Load: from lon/lat features to the typed-array store with its flatbush index.
  const loads: number[] = [];
  let store: ReturnType<typeof buildLayerStore> | null = null;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let r = 0; r < RUNS; r++) {
    const [built, seconds] = time(() => buildLayerStore('parcels', 'real_estate', collection, CRS, 'ZDDM'));
    store = built;
    loads.push(seconds);
  }
  const storeBytes = store!.coords.byteLength + store!.ringStart.byteLength + store!.partStart.byteLength + store!.featureStart.byteLength + store!.bbox.byteLength + store!.index.byteLength;
  report('load-layer', size, size, median(loads), { storeMB: +(storeBytes / 2 ** 20).toFixed(1), heapDeltaMB: Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20) });

  // 10k point cases (20 m circles) verified against the parcel layer: overlay, nearest, rules.
  const ws: VerifyWorkspace = { areaCrs: CRS, layers: [{ store: store!, fields: { id: 'ZDDM', owner: 'QLR' } }], cases: [], ruleSet };
  const cases = pointCases(10_000, side, random);
  const verifyTimes: number[] = [];
  let overlaps = 0;
  for (let r = 0; r < RUNS; r++) {
    const [results, seconds] = time(() => cases.map((c) => verifyCase(ws, c)));
    overlaps = results.reduce((n, x) => n + x.overlaps.length, 0);
    verifyTimes.push(seconds);
  }
  report('verify-point-cases', size, cases.length, median(verifyTimes), { overlaps });

  // 5k patches of 0.1–5 ha against 3k approved polygons: exact intersection areas.
  const approvedPolygons = rectangles(3_000, side, random, 0.5, 20);
  const approved = buildLayerStore('approved', 'approved_land', {
    type: 'FeatureCollection',
    features: approvedPolygons.map((p, i) => ({ type: 'Feature', properties: { PZWH: `A${i}` }, geometry: { type: 'Polygon', coordinates: p.map((ring) => ring.map(toLonLat)) } })),
  }, CRS, 'PZWH');
  const patches = rectangles(5_000, side, random);
  const patchTimes: number[] = [];
  let totalM2 = 0;
  for (let r = 0; r < RUNS; r++) {
    const [sum, seconds] = time(() => patches.reduce((total, p) => {
      const zone = [p];
      return total + overlayLayer({ store: approved, fields: { id: 'PZWH' } }, zone, bboxOf(zone), planarArea(zone)).reduce((s, o) => s + o.planarAreaM2, 0);
    }, 0));
    totalM2 = sum;
    patchTimes.push(seconds);
  }
  report('patch-overlay', size, patches.length, median(patchTimes), { approved: approvedPolygons.length, overlapHa: +(totalM2 / 10_000).toFixed(3) });
}
