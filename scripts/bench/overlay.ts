// The bench's `patch-overlay` job alone (issue 9), on the same seeded data as `npm run bench` at that size: 5,000
// rectangular patches of 0.1–5 ha, each overlaid with `overlayLayer` against a 3,000-polygon approved layer (exact
// intersections, planar and ellipsoidal areas). Prints each run (wall and CPU time), the median, and the total planar
// and ellipsoidal areas at full precision, so that a change to the overlay can be checked to the last digit.
//
//   npx tsx scripts/bench/overlay.ts [--size 100000] [--runs 7] [--context verify|heap|none]
//       [--dump file.json] [--compare file.json] [--profile file.cpuprofile] [--alloc file.heapprofile]
//
// The data comes from the bench's own generators (scripts/bench/synthetic.ts), drawn from the random stream in the
// same order (parcels: 2 per parcel; point cases: 2 per case; rectangles: 5 each).
// `--context` (default `verify`) reproduces what the job runs after in `npm run bench`, which changes its timing a
// lot (a large live heap makes garbage dearer; verifyCase has already run overlayLayer on other shapes): `heap` builds
// and keeps the parcel layer (Voronoi cells in lon/lat and their store) and the 10k point cases; `verify` also runs
// verifyCase on those cases once, as the `verify-point-cases` job does; `none` builds only what the job uses.
// For figures comparable with the bench's, run it as the bench runs:
//   node --max-old-space-size=8192 --import tsx scripts/bench/overlay.ts
// `--dump` writes every overlap (patch, feature index and id, planar and ellipsoidal m², mu, ha, share, pieces) as
// JSON; `--compare` checks them against such a file from another version: same pieces, figures and order, or where
// they first differ. `--profile` records a CPU profile of the timed runs only, `--alloc` a sampling allocation
// profile of them (objects collected since included), both through node:inspector.
import seedrandom from 'seedrandom';
import { bboxOf, buildLayerStore, overlayLayer, parseRuleSet, planarArea, verifyCase } from '../../src/core';
import type { VerifyWorkspace } from '../../src/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { approvedAndPatches, CRS, parcels, pointCases } from './synthetic';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIZE = Number(arg('size', '100000'));
const RUNS = Math.max(1, Number(arg('runs', '7')));
const DUMP = arg('dump', '');
const COMPARE = arg('compare', '');
const CONTEXT = arg('context', 'verify');
const PROFILE = arg('profile', '');
const ALLOC = arg('alloc', '');
const random = seedrandom(`landcheck-bench-${SIZE}`);
const side = Math.sqrt(SIZE * 1000);
/** Kept alive to the end, as the bench keeps them (its live heap is part of the job's conditions). */
const ballast: unknown[] = [];
if (CONTEXT === 'none') {
  for (let i = 0; i < SIZE * 2; i++) random(); // the parcels' Voronoi sites
  for (let i = 0; i < 10_000 * 2; i++) random(); // the 10k point cases
} else {
  const { collection } = parcels(SIZE, random);
  const store = buildLayerStore('parcels', 'real_estate', collection, CRS, 'ZDDM');
  const cases = pointCases(10_000, side, random);
  // As the bench: the lon/lat features are dropped once the store is built; the store and the cases stay.
  ballast.push(store, cases);
  if (CONTEXT === 'verify') {
    const ruleSet = parseRuleSet(readFileSync(new URL('../../data/rules/default.json', import.meta.url), 'utf8'), 'default.json');
    const ws: VerifyWorkspace = { areaCrs: CRS, layers: [{ store, fields: { id: 'ZDDM', owner: 'QLR' } }], cases: [], ruleSet };
    const t = performance.now();
    let overlaps = 0;
    for (const c of cases) overlaps += verifyCase(ws, c).overlaps.length;
    console.log(`context: verifyCase on ${cases.length} point cases, ${overlaps} overlaps, ${((performance.now() - t) / 1000).toFixed(2)} s`);
  }
}
const { approved, patches } = approvedAndPatches(side, random);
const layer = { store: approved, fields: { id: 'PZWH' } };

const run = () => {
  const total = { planar: 0, ellipsoidal: 0, count: 0 };
  for (const p of patches) {
    const zone = [p];
    for (const o of overlayLayer(layer, zone, bboxOf(zone), planarArea(zone))) {
      total.planar += o.planarAreaM2;
      total.ellipsoidal += o.ellipsoidalAreaM2;
      total.count++;
    }
  }
  return total;
};

const session = PROFILE || ALLOC ? new Session() : null;
session?.connect();
if (PROFILE) {
  await session!.post('Profiler.enable');
  await session!.post('Profiler.start');
}
if (ALLOC) {
  await session!.post('HeapProfiler.enable');
  await session!.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
}
const times: number[] = [], cpuTimes: number[] = [];
let sums = { planar: 0, ellipsoidal: 0, count: 0 };
for (let r = 0; r < RUNS; r++) {
  const t = performance.now(), cpu = process.cpuUsage();
  sums = run();
  const seconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu), cpuSeconds = (used.user + used.system) / 1e6;
  times.push(seconds);
  cpuTimes.push(cpuSeconds);
  console.log(`run ${r + 1}: ${seconds.toFixed(4)} s (cpu ${cpuSeconds.toFixed(4)} s, all threads)`);
}
if (PROFILE) writeFileSync(PROFILE, JSON.stringify((await session!.post('Profiler.stop')).profile));
if (ALLOC) writeFileSync(ALLOC, JSON.stringify((await session!.post('HeapProfiler.stopSampling')).profile));
session?.disconnect();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({
  job: 'patch-overlay', size: SIZE, runs: RUNS, median: +median(times).toFixed(4), min: +sorted[0]!.toFixed(4), cpuMedian: +median(cpuTimes).toFixed(4),
  context: CONTEXT, overlaps: sums.count, planarM2: sums.planar, ellipsoidalM2: sums.ellipsoidal, overlapHa: +(sums.planar / 10_000).toFixed(3), ellipsoidalHa: +(sums.ellipsoidal / 10_000).toFixed(3),
}));

if (DUMP || COMPARE) {
  const rows: unknown[] = [];
  patches.forEach((p, k) => {
    const zone = [p];
    for (const o of overlayLayer(layer, zone, bboxOf(zone), planarArea(zone))) {
      rows.push([k, o.featureIndex, o.featureId, o.planarAreaM2, o.ellipsoidalAreaM2, o.areaMu, o.areaHa, o.shareOfCase, o.pieces]);
    }
  });
  if (DUMP) {
    writeFileSync(DUMP, JSON.stringify(rows));
    console.log(`wrote ${rows.length} overlaps to ${DUMP}`);
  }
  if (COMPARE) {
    const reference = JSON.parse(readFileSync(COMPARE, 'utf8')) as unknown[];
    const first = rows.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(reference[i]));
    if (first < 0 && rows.length === reference.length) console.log(`same ${rows.length} overlaps as ${COMPARE}: pieces, figures and order`);
    else {
      const at = first < 0 ? rows.length : first;
      console.log(`differs from ${COMPARE} (${reference.length} overlaps there, ${rows.length} here) first at overlap ${at}:`);
      console.log(`  there: ${JSON.stringify(reference[at]) ?? '(none)'}`.slice(0, 400));
      console.log(`  here:  ${JSON.stringify(rows[at]) ?? '(none)'}`.slice(0, 400));
      process.exitCode = 1;
    }
  }
}
