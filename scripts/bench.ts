// `npm run bench [-- --sizes 100000,1000000 --runs 3 --only engine,patches --postgis]`: a seeded synthetic county, and
// the figures of the verification engine on it, one JSON line per job (job, size, items, seconds = median of runs,
// itemsPerSecond, peakRssMB, engine); then the patch review queue on 5,000 synthetic rows and the facts and suggestion
// of every sample-county patch; then each sample-county case verified against all the sample layers. `--only` picks
// the groups (engine, patches, sample; all by default).
// `--postgis` (issue 9) also starts a throwaway local PostgreSQL 15 + PostGIS 3 (scripts/bench/postgis.ts; install
// line: apt-get install postgresql-15-postgis-3), loads the same data, runs the equivalent SQL, prints the same lines
// with "engine":"postgis", a "ratio" line per job (LandCheck items/s ÷ PostGIS items/s) and an agreement line; if
// the results disagree (parcel per point, total overlay areas within 0.01 %) it says what differs and exits 1.
// Figures, setup and targets: docs/performance.md.
import seedrandom from 'seedrandom';
import {
  bboxOf, buildLayerStore, filterPatchRows, overlayLayer, parseRuleSet, patchFacts, patchInfo, planarArea, sortPatchRows,
  stepPatch, suggestJudgement, transformBetween, verifyCase,
} from '../src/core';
import { storePointGrid } from '../src/core/store/pointGrid';
import type { FeatureCollection, PatchFilter, PatchJudgement, PatchRow, Position, VerifyWorkspace } from '../src/core';
import { openWorkspace } from '../src/cli/files';
import { loadLocatePoints } from './bench/locate';
import { approvedAndPatches, CRS, parcels, pointCases } from './bench/synthetic';
import { runPostgisJobs, startCluster } from './bench/postgis';
import type { Cluster } from './bench/postgis';
import { loadRuleSet, prepareVerification, verifyAndDraft } from '../src/io/verification';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize as serializeFlatGeobuf } from 'flatgeobuf/lib/mjs/geojson.js';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SIZES = arg('sizes', '100000,1000000').split(',').map(Number);
const RUNS = Number(arg('runs', '3'));
const ONLY = arg('only', 'engine,patches,sample').split(',');
const POSTGIS = args.includes('--postgis');
const toPlane = transformBetween('EPSG:4490', CRS);
const ruleSet = parseRuleSet(readFileSync(new URL('../data/rules/default.json', import.meta.url), 'utf8'), 'default.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
interface JobLine { job: string; size: number; items: number; seconds: number; itemsPerSecond: number; peakRssMB: number | null; engine: string }
/** The last line printed per engine, job and size: what the ratios are made of. */
const lines = new Map<string, JobLine>();
function print(line: JobLine & Record<string, unknown>) {
  lines.set(`${line.engine} ${line.job} ${line.size}`, line);
  console.log(JSON.stringify(line));
}
function report(job: string, size: number, items: number, seconds: number, extra: Record<string, unknown> = {}) {
  print({ job, size, items, seconds: +seconds.toFixed(4), itemsPerSecond: Math.round(items / seconds), peakRssMB: peakRssMB(), engine: 'landcheck', ...extra });
}
function reportPostgis(job: string, size: number, items: number, seconds: number, serverPeakMB: number | null, extra: Record<string, unknown> = {}) {
  print({ job, size, items, seconds: +seconds.toFixed(4), itemsPerSecond: Math.round(items / seconds), peakRssMB: serverPeakMB, engine: 'postgis', ...extra });
}
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const value = fn();
  return [value, (performance.now() - t) / 1000];
}

const { locate, impl: locateImpl } = await loadLocatePoints();
const cluster: Cluster | null = POSTGIS && ONLY.includes('engine') ? await startCluster() : null;
if (cluster) console.log(JSON.stringify({ postgis: cluster.version, port: cluster.port }));
try {
  for (const size of ONLY.includes('engine') ? SIZES : []) {
    const random = seedrandom(`landcheck-bench-${size}`);
    const generated = parcels(size, random);
    const { side } = generated;
    let collection: FeatureCollection | null = generated.collection;
    // Load: from lon/lat features to the typed-array store with its flatbush index.
    const loads: number[] = [];
    let store: ReturnType<typeof buildLayerStore> | null = null;
    const heapBefore = process.memoryUsage().heapUsed;
    for (let r = 0; r < RUNS; r++) {
      const [built, seconds] = time(() => buildLayerStore('parcels', 'real_estate', collection!, CRS, 'ZDDM'));
      store = built;
      loads.push(seconds);
    }
    const storeBytes = store!.coords.byteLength + store!.ringStart.byteLength + store!.partStart.byteLength + store!.featureStart.byteLength + store!.bbox.byteLength + store!.index.byteLength;
    report('load-layer', size, size, median(loads), { storeMB: +(storeBytes / 2 ** 20).toFixed(1), heapDeltaMB: Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20) });

    // The same layer from a FlatGeobuf file in the planar CRS, read straight into the store (issue 9: ≤ 1.5 s and
    // ≤ 400 MB resident at 10^6), each run in a child process of its own so its resident memory is the load's.
    {
      const toPlane = transformBetween('EPSG:4490', CRS);
      const planar = { type: 'FeatureCollection', features: collection!.features.map((f) => ({ ...f, geometry: { type: 'Polygon', coordinates: (f.geometry as { coordinates: Position[][] }).coordinates.map((ring) => ring.map(toPlane)) } })) };
      const dir = mkdtempSync(join(tmpdir(), 'landcheck-bench-'));
      const file = join(dir, `parcels-${size}.fgb`);
      const bytes = serializeFlatGeobuf(planar as never, 4547);
      writeFileSync(file, bytes);
      const runs = Array.from({ length: RUNS }, () => JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bench/loadFlatGeobuf.ts', import.meta.url)), file, CRS], { encoding: 'utf8' })) as { seconds: number; peakRssMB: number });
      rmSync(dir, { recursive: true, force: true });
      print({ job: 'load-flatgeobuf', size, items: size, seconds: +median(runs.map((r) => r.seconds)).toFixed(4), itemsPerSecond: Math.round(size / median(runs.map((r) => r.seconds))), peakRssMB: median(runs.map((r) => r.peakRssMB)), engine: 'landcheck', fileMB: +(bytes.length / 2 ** 20).toFixed(1) });
    }

    // The lon/lat features were the layer's input, read by now: the jobs below query the store. Dropped, as the
    // engine does not hold them, so that gigabytes of them do not make every later collection of garbage dearer.
    collection = null;
    generated.collection = { type: 'FeatureCollection', features: [] };

    // 10k point cases (20 m circles) verified against the parcel layer: overlay, nearest, rules.
    const ws: VerifyWorkspace = { areaCrs: CRS, layers: [{ store: store!, fields: { id: 'ZDDM', owner: 'QLR' } }], cases: [], ruleSet };
    const cases = pointCases(10_000, side, random);
    const verifyTimes: number[] = [];
    let overlaps = 0;
    for (let r = 0; r < RUNS; r++) {
      // Counted as they come, not kept: 10k results held at once would be promoted to the old generation and
      // make the collector mark them during the jobs after this one.
      const [count, seconds] = time(() => {
        let n = 0;
        for (const c of cases) n += verifyCase(ws, c).overlaps.length;
        return n;
      });
      overlaps = count;
      verifyTimes.push(seconds);
    }
    report('verify-point-cases', size, cases.length, median(verifyTimes), { overlaps });

    // The same 10k points, planar: the parcel containing each (one index probe per point).
    const xy = new Float64Array(cases.length * 2);
    cases.forEach((c, i) => {
      const [x, y] = toPlane((c.geometry as { coordinates: Position }).coordinates);
      xy[i * 2] = x;
      xy[i * 2 + 1] = y;
    });
    // The point grid locatePoints probes through is built on a store's first query: timed here on its own, so
    // the locate figures are the queries' (a layer ready to query is its load plus this).
    const [, gridSeconds] = time(() => storePointGrid(store!));
    report('index-points', size, size, gridSeconds, { step: 'storePointGrid (built once per layer, on its first point query)' });
    const locateTimes: number[] = [];
    let located: Int32Array = new Int32Array(0);
    for (let r = 0; r < RUNS; r++) {
      const [ids, seconds] = time(() => locate(store!, xy));
      located = ids;
      locateTimes.push(seconds);
    }
    report('locate-points', size, cases.length, median(locateTimes), { matched: located.filter((i) => i >= 0).length, impl: locateImpl });

    // 5k patches of 0.1–5 ha against 3k approved polygons: exact intersection areas.
    const { approved, approvedCount, patches } = approvedAndPatches(side, random);
    const patchTimes: number[] = [];
    let totalM2 = 0, totalEllipsoidalM2 = 0, overlapCount = 0;
    for (let r = 0; r < RUNS; r++) {
      const [sums, seconds] = time(() => patches.reduce((total, p) => {
        const zone = [p];
        for (const o of overlayLayer({ store: approved, fields: { id: 'PZWH' } }, zone, bboxOf(zone), planarArea(zone))) {
          total.planar += o.planarAreaM2;
          total.ellipsoidal += o.ellipsoidalAreaM2;
          total.count++;
        }
        return total;
      }, { planar: 0, ellipsoidal: 0, count: 0 }));
      totalM2 = sums.planar;
      totalEllipsoidalM2 = sums.ellipsoidal;
      overlapCount = sums.count;
      patchTimes.push(seconds);
    }
    report('patch-overlay', size, patches.length, median(patchTimes), {
      approved: approvedCount, overlaps: overlapCount, overlapHa: +(totalM2 / 10_000).toFixed(3), ellipsoidalHa: +(totalEllipsoidalM2 / 10_000).toFixed(3),
    });

    if (cluster) {
      const pgResults = await runPostgisJobs(cluster, { size, parcels: store!, points: xy, patches, approved }, RUNS, reportPostgis);
      // Ratios: LandCheck items/s ÷ PostGIS items/s. A layer "ready to query" is PostGIS's load plus its index.
      const ratio = (job: string, pgJobs: string[]) => {
        const lc = lines.get(`landcheck ${job} ${size}`)!;
        const pgLines = pgJobs.map((j) => lines.get(`postgis ${j} ${size}`)!);
        const pgSeconds = pgLines.reduce((s, l) => s + l.seconds, 0);
        const pgPerSecond = pgLines[0]!.items / pgSeconds;
        console.log(JSON.stringify({ job, size, ratio: +(lc.itemsPerSecond / pgPerSecond).toFixed(3), landcheckItemsPerSecond: lc.itemsPerSecond, postgisItemsPerSecond: Math.round(pgPerSecond), postgisJobs: pgJobs }));
      };
      ratio('load-layer', ['load-layer', 'index-layer']);
      // From bytes of planar coordinates on both sides: a FlatGeobuf file, and COPY of EWKB.
      ratio('load-flatgeobuf', ['load-layer', 'index-layer']);
      ratio('locate-points', ['locate-points']);
      ratio('patch-overlay', ['patch-overlay']);

      // Agreement: the same parcel for every point not on a shared edge; total areas within 0.01 %.
      const differing: { point: number; landcheck: number; postgis: number }[] = [];
      for (let i = 0; i < located.length; i++) {
        if (!pgResults.onEdge.has(i) && located[i] !== pgResults.located[i]) differing.push({ point: i, landcheck: located[i]!, postgis: pgResults.located[i]! });
      }
      const pct = (a: number, b: number) => (b === 0 ? (a === 0 ? 0 : Infinity) : (Math.abs(a - b) / Math.abs(b)) * 100);
      const planarPct = pct(totalM2, pgResults.overlay.planarM2), ellipsoidalPct = pct(totalEllipsoidalM2, pgResults.overlay.ellipsoidalM2);
      const ok = differing.length === 0 && planarPct <= 0.01 && ellipsoidalPct <= 0.01;
      console.log(JSON.stringify({
        job: 'agreement', size, ok, points: located.length, samePoints: located.length - pgResults.onEdge.size - differing.length, onSharedEdge: pgResults.onEdge.size, differingPoints: differing.length,
        planarHa: { landcheck: +(totalM2 / 10_000).toFixed(4), postgis: +(pgResults.overlay.planarM2 / 10_000).toFixed(4), diffPct: +planarPct.toPrecision(3) },
        ellipsoidalHa: { landcheck: +(totalEllipsoidalM2 / 10_000).toFixed(4), postgis: +(pgResults.overlay.ellipsoidalM2 / 10_000).toFixed(4), diffPct: +ellipsoidalPct.toPrecision(3) },
        overlaps: { landcheck: overlapCount, postgis: pgResults.overlay.overlaps },
      }));
      if (!ok) {
        if (differing.length) console.error(`size ${size}: ${differing.length} points located differently (not on a shared edge), first ones:`, JSON.stringify(differing.slice(0, 10)));
        if (planarPct > 0.01) console.error(`size ${size}: planar overlay totals differ by ${planarPct.toPrecision(3)} % (> 0.01 %)`);
        if (ellipsoidalPct > 0.01) console.error(`size ${size}: ellipsoidal overlay totals differ by ${ellipsoidalPct.toPrecision(3)} % (> 0.01 %)`);
        process.exitCode = 1;
      }
    }
  }
} finally {
  cluster?.stop();
}

/** n review-queue rows like a county's (seeded): a third judged, types, towns, areas of 0.05–75 mu, risk as the queue ranks it. */
function patchQueueRows(n: number, random: () => number): PatchRow[] {
  const types = ['20', 'YH', 'DT', 'TD', 'GF', 'CK', 'ND', 'KT', 'DL2', '01'];
  const judgements: (PatchJudgement | null)[] = [null, null, '违法', '合法', '其他', '伪变化'];
  return Array.from({ length: n }, (_, i) => {
    const areaM2 = 30 + random() ** 2 * 50_000;
    const judgement = judgements[Math.floor(random() * judgements.length)]!;
    const suggested = judgements[Math.floor(random() * 5)]!;
    const basicFarmland = random() < 0.3, redline = random() < 0.05;
    const tier = suggested === '违法' ? (basicFarmland || redline ? 3 : 2) : suggested === null ? 1 : 0;
    return {
      index: i, id: `4211022026${String(i + 1).padStart(5, '0')}`, type: types[Math.floor(random() * types.length)]!,
      district: `421102${String(100 + Math.floor(random() * 12)).padStart(3, '0')}`, areaM2, areaMu: areaM2 / (10000 / 15),
      beforeDate: '2025-03-18', afterDate: '2026-06-22', judgement, subtype: '', vintage: judgement === '违法' ? (random() < 0.8 ? '新增' : '存量') : null,
      from: judgement ? 'review' : null, reviewer: judgement ? '王敏' : '', at: '', note: '', suggested, suggestedSubtype: '', reason: '',
      basicFarmland, redline, risk: tier * 1000 + Math.min(999, (areaM2 * random()) / (10000 / 15)),
    };
  });
}

if (ONLY.includes('patches')) {
  // The review queue: filters, the risk sort and stepping through 5,000 patches, as the panel does on each change.
  const rows = patchQueueRows(5_000, seedrandom('landcheck-bench-patch-queue'));
  const filters: PatchFilter[] = [
    { state: 'unjudged' },
    { judgement: '违法', basicFarmland: true },
    { type: '20', minAreaMu: 1, maxAreaMu: 20 },
    { state: 'judged', district: '421102105', redline: false },
  ];
  const REPEATS = 20;
  const filterTimes: number[] = [], sortTimes: number[] = [], stepTimes: number[] = [];
  let matched = 0, last: string | null = null;
  for (let r = 0; r < RUNS; r++) {
    const [n, filterSeconds] = time(() => {
      let total = 0;
      for (let k = 0; k < REPEATS; k++) for (const f of filters) total += filterPatchRows(rows, f).length;
      return total / REPEATS;
    });
    matched = n;
    filterTimes.push(filterSeconds);
    sortTimes.push(time(() => { for (let k = 0; k < REPEATS; k++) sortPatchRows(rows, 'risk'); })[1]);
    const sorted = sortPatchRows(rows, 'risk');
    const [end, stepSeconds] = time(() => {
      let id: string | null = null;
      for (let k = 0; k < rows.length; k++) id = stepPatch(sorted, id, 1);
      return id;
    });
    last = end;
    stepTimes.push(stepSeconds);
  }
  const filterSeconds = median(filterTimes), sortSeconds = median(sortTimes), stepSeconds = median(stepTimes);
  report('patch-queue-filter', rows.length, rows.length * filters.length * REPEATS, filterSeconds, { filters: filters.length, repeats: REPEATS, matched, msPerFilter: +((filterSeconds * 1000) / (filters.length * REPEATS)).toFixed(4) });
  report('patch-queue-sort-risk', rows.length, rows.length * REPEATS, sortSeconds, { repeats: REPEATS, msPerSort: +((sortSeconds * 1000) / REPEATS).toFixed(4) });
  report('patch-queue-step', rows.length, rows.length, stepSeconds, { steps: rows.length, reachedLast: last === sortPatchRows(rows, 'risk').at(-1)!.id, msPerStep: +((stepSeconds * 1000) / rows.length).toFixed(5) });

  // The facts (overlay of every layer, breakdown, approvals, homestead distance, rules) and the suggestion of
  // each sample-county patch, cycled to 5,000 evaluations.
  const { ws, read } = await openWorkspace(fileURLToPath(new URL('../data/sample/sample.landcheck.json', import.meta.url)));
  const rules = await loadRuleSet(ws, read, { text: readFileSync(new URL('../data/rules/default.json', import.meta.url), 'utf8'), file: 'default.json' });
  const sample = prepareVerification(ws, rules);
  const layer = sample.layers.find((l) => l.store.kind === 'satellite_patch')!;
  const infos = Array.from({ length: layer.store.featureCount }, (_, i) => patchInfo(layer.store, layer.fields, i));
  const EVALUATIONS = 5_000;
  const factTimes: number[] = [];
  let illegal = 0;
  for (let r = 0; r < RUNS; r++) {
    const [n, seconds] = time(() => {
      let count = 0;
      for (let k = 0; k < EVALUATIONS; k++) {
        const info = infos[k % infos.length]!;
        if (suggestJudgement(info, patchFacts(sample, info)).judgement === '违法') count++;
      }
      return count;
    });
    illegal = n;
    factTimes.push(seconds);
  }
  const factSeconds = median(factTimes);
  report('patch-facts-suggest', infos.length, EVALUATIONS, factSeconds, { samplePatches: infos.length, suggestedIllegal: illegal, msPerPatch: +((factSeconds * 1000) / EVALUATIONS).toFixed(4) });
}

if (ONLY.includes('sample')) {
  // One case against all the sample layers (issue 9: ≤ 2 ms median; the browser worker's figure comes from the
  // performance e2e): the core verification and the drafted opinion of each sample case, 20 rounds after 5 warm-up
  // rounds, as the worker's 核查 runs them.
  const { ws, read } = await openWorkspace(fileURLToPath(new URL('../data/sample/sample.landcheck.json', import.meta.url)));
  const rules = await loadRuleSet(ws, read, { text: readFileSync(new URL('../data/rules/default.json', import.meta.url), 'utf8'), file: 'default.json' });
  const sample = prepareVerification(ws, rules);
  const perCase: number[] = [];
  for (let round = 0; round < 25; round++) {
    for (const record of ws.cases) {
      const [, seconds] = time(() => verifyAndDraft(ws, sample, record, 'zh-CN', '2026-11-30'));
      if (round >= 5) perCase.push(seconds);
    }
  }
  perCase.sort((a, b) => a - b);
  const at = (q: number) => +(perCase[Math.min(perCase.length - 1, Math.floor(q * perCase.length))]! * 1000).toFixed(3);
  report('verify-sample-case', ws.cases.length, perCase.length, perCase.reduce((a, b) => a + b, 0), {
    layers: ws.layers.length, medianMs: at(0.5), p90Ms: at(0.9), maxMs: at(1),
  });
}
