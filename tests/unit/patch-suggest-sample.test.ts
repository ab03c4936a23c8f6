import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureCollection, intersect, polygon, union } from '@turf/turf';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/cli/files';
import { patchFacts } from '../../src/core/patches/patchFacts';
import type { PatchFacts } from '../../src/core/patches/patchFacts';
import { patchInfo } from '../../src/core/patches/patchModel';
import type { PatchInfo } from '../../src/core/patches/patchModel';
import { DEFAULT_SUGGESTION_SETTINGS, suggestJudgement } from '../../src/core/patches/suggest';
import type { PatchSuggestion } from '../../src/core/patches/suggest';
import { loadRuleSet, prepareVerification } from '../../src/io/verification';
import { ROOT, SAMPLE_DIR } from '../support/paths';

// Every patch of the sample county gets the suggestion it was made for (data/sample/sample-design.json,
// written by scripts/make-sample-data.ts), and its facts agree with figures computed here without the
// code under test: the shapefiles are read byte by byte below (they are in EPSG:4547, the workspace's
// area CRS), areas are shoelace sums, overlaps come from turf (polyclip) instead of the app's Clipper.

const M2_PER_MU = 10000 / 15;
const BEFORE = '2025-03-18';
const AFTER = '2026-06-22';

// ---------------------------------------------------------------- independent readers and geometry

type Pt = [number, number];
type Ring = Pt[];
interface Shapes { rings: Ring[]; records: Record<string, string>[] }

/** A zipped polygon shapefile: the outer ring of each record (the sample has one ring per record) and the DBF text fields, GBK. */
function readShapefileZip(file: string): Shapes {
  const files = unzipSync(new Uint8Array(readFileSync(join(SAMPLE_DIR, file))));
  const part = (ext: string) => Object.entries(files).find(([name]) => name.toLowerCase().endsWith(ext))![1];
  const shp = part('.shp'), dbf = part('.dbf');
  const sv = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  const rings: Ring[] = [];
  for (let at = 100; at < shp.byteLength;) {
    const contentBytes = sv.getInt32(at + 4, false) * 2;
    const c = at + 8;
    if (sv.getInt32(c, true) !== 5) throw new Error(`${file}: not a polygon record`);
    const numParts = sv.getInt32(c + 36, true), numPoints = sv.getInt32(c + 40, true);
    if (numParts !== 1) throw new Error(`${file}: a record with ${numParts} rings; this reader expects one`);
    const points = c + 44 + 4 * numParts;
    rings.push(Array.from({ length: numPoints }, (_, k): Pt => [sv.getFloat64(points + 16 * k, true), sv.getFloat64(points + 16 * k + 8, true)]));
    at = c + contentBytes;
  }
  const dv = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const count = dv.getUint32(4, true), headerBytes = dv.getUint16(8, true), recordBytes = dv.getUint16(10, true);
  const gbk = new TextDecoder('gbk');
  const fields: { name: string; size: number }[] = [];
  for (let f = 32; dbf[f] !== 0x0d; f += 32) {
    const name = dbf.subarray(f, f + 11);
    const end = name.indexOf(0);
    fields.push({ name: gbk.decode(name.subarray(0, end < 0 ? 11 : end)), size: dbf[f + 16]! });
  }
  const records = Array.from({ length: count }, (_, r) => {
    let p = headerBytes + r * recordBytes + 1;
    const record: Record<string, string> = {};
    for (const f of fields) {
      record[f.name] = gbk.decode(dbf.subarray(p, p + f.size)).trim();
      p += f.size;
    }
    return record;
  });
  if (records.length !== rings.length) throw new Error(`${file}: ${rings.length} shapes, ${records.length} records`);
  return { rings, records };
}

/** Planar area, m²: the shoelace sum about the ring's first vertex (Gauss-Krüger values are millions of metres). */
function shoelace(ring: Ring): number {
  const [ox, oy] = ring[0]!;
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += (ring[i]![0] - ox) * (ring[i + 1]![1] - oy) - (ring[i + 1]![0] - ox) * (ring[i]![1] - oy);
  return Math.abs(twice / 2);
}

type Box = [number, number, number, number];
const boxOf = (ring: Ring): Box => [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))];
const boxesMeet = (a: Box, b: Box, by = 0) => a[0] - by <= b[2] && b[0] - by <= a[2] && a[1] - by <= b[3] && b[1] - by <= a[3];

function segmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0], dy = b[1] - a[1], len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}
function pointInRing(p: Pt, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const cross = (a: Pt, b: Pt, c: Pt) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
/** Segments ab and cd cross at a point inside both (beyond `eps` of turning). */
function segmentsCross(a: Pt, b: Pt, c: Pt, d: Pt, eps: number): boolean {
  const side = (v: number) => (v > eps ? 1 : v < -eps ? -1 : 0);
  const s1 = side(cross(a, b, c)), s2 = side(cross(a, b, d)), s3 = side(cross(c, d, a)), s4 = side(cross(c, d, b));
  return s1 * s2 < 0 && s3 * s4 < 0;
}
/** The inner ring lies inside the outer one (its vertices and edge midpoints inside or on it, no edge crossing). */
function ringWithin(inner: Ring, outer: Ring): boolean {
  const probes: Pt[] = [...inner, ...inner.slice(1).map((p, i): Pt => [(p[0] + inner[i]![0]) / 2, (p[1] + inner[i]![1]) / 2])];
  const onEdge = (p: Pt) => outer.slice(1).some((q, i) => segmentDistance(p, outer[i]!, q) < 1e-6);
  if (!probes.every((p) => onEdge(p) || pointInRing(p, outer))) return false;
  return !inner.slice(1).some((p, i) => outer.slice(1).some((q, j) => segmentsCross(inner[i]!, p, outer[j]!, q, 1e-6)));
}
/** Edge-to-edge distance of two polygons, 0 when they meet or overlap. */
function ringDistanceIndependent(a: Ring, b: Ring): number {
  if (a.slice(1).some((p, i) => b.slice(1).some((q, j) => segmentsCross(a[i]!, p, b[j]!, q, 0)))) return 0;
  if (pointInRing(a[0]!, b) || pointInRing(b[0]!, a)) return 0;
  let best = Infinity;
  for (let i = 0; i < a.length - 1; i++) for (const p of b) best = Math.min(best, segmentDistance(p, a[i]!, a[i + 1]!));
  for (let j = 0; j < b.length - 1; j++) for (const p of a) best = Math.min(best, segmentDistance(p, b[j]!, b[j + 1]!));
  return best;
}

type Piece = NonNullable<ReturnType<typeof intersect>>;

/** Area of the overlap of two rings by turf (polyclip), about a local origin. */
function overlapM2(a: Ring, b: Ring, origin: Pt): number {
  const local = (r: Ring) => polygon([r.map(([x, y]) => [x - origin[0], y - origin[1]])]);
  const piece = intersect(featureCollection([local(a), local(b)]));
  return piece ? multiArea(piece) : 0;
}
function multiArea(f: Piece): number {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys.reduce((s, rings) => s + shoelace(rings[0] as Ring) - rings.slice(1).reduce((h, r) => h + shoelace(r as Ring), 0), 0);
}
/** Area of (a ∩ union of bs), by turf. */
function coveredM2(a: Ring, bs: Ring[], origin: Pt): number {
  const local = (r: Ring) => polygon([r.map(([x, y]) => [x - origin[0], y - origin[1]])]);
  const pieces = bs.map((b) => intersect(featureCollection([local(a), local(b)]))).filter((p): p is Piece => p !== null);
  if (pieces.length === 0) return 0;
  const merged = pieces.length === 1 ? pieces[0]! : union(featureCollection(pieces));
  return merged ? multiArea(merged) : 0;
}

/** The three land categories of GB/T 21010-2017 (annex: 农用地 / 建设用地 / 未利用地), farmland split off, written out here. */
function landGroup(code: string): 'farmland' | 'otherAgricultural' | 'unused' | 'construction' {
  if (/^01/.test(code)) return 'farmland';
  if (/^0[23]/.test(code) || ['0401', '0402', '0403', '1006', '1103', '1104', '1107', '1202', '1203'].includes(code)) return 'otherAgricultural';
  if (['0404', '1101', '1102', '1105', '1106', '1108', '1110', '1204', '1205', '1206', '1207'].includes(code)) return 'unused';
  if (/^0[5-9]/.test(code) || ['1001', '1002', '1003', '1004', '1005', '1007', '1008', '1009', '1109', '1201'].includes(code)) return 'construction';
  throw new Error(`land-use code ${code} is not in the test's table`);
}

// ---------------------------------------------------------------- the sample, loaded as the CLI does

interface Expected { judgement: '合法' | '违法' | '其他' | '伪变化' | null; subtype: string; why: string; reason: string }
interface DesignPatch { id: string; type: string; judged: string | null; expected: Expected }

interface Independent {
  areaM2: number;
  jcmj: number;
  record: Record<string, string>;
  landUseM2: Map<string, number>;
  basicFarmlandM2: number;
  redlineM2: number;
  /** Approvals (approved_land.zip) overlapping the patch by more than 0.01 m², with number, date and overlap. */
  approvals: { number: string; date: string; m2: number }[];
  approvedBeforeM2: number;
  /** Approvals dated on or before the after-date that contain the whole patch. */
  containedIn: string[];
  /** Land-use plot codes whose plot contains the whole patch. */
  insideLandUse: string[];
  homesteadM: number;
}

const design = JSON.parse(readFileSync(join(SAMPLE_DIR, 'sample-design.json'), 'utf8')) as { patches: DesignPatch[] };
let evaluated: { info: PatchInfo; facts: PatchFacts; suggestion: PatchSuggestion; expected: DesignPatch; mine: Independent }[] = [];

beforeAll(async () => {
  const { ws, read } = await openWorkspace(join(SAMPLE_DIR, 'sample.landcheck.json'));
  const rules = await loadRuleSet(ws, read, { text: readFileSync(join(ROOT, 'data/rules/default.json'), 'utf8'), file: 'default.json' });
  const vws = prepareVerification(ws, rules);
  const layer = vws.layers.find((l) => l.store.kind === 'satellite_patch')!;

  const patches = readShapefileZip('satellite_patches.zip');
  const approved = readShapefileZip('approved_land.zip');
  const farmland = readShapefileZip('basic_farmland.zip');
  const landUse = readShapefileZip('land_use.zip');
  const redline = JSON.parse(readFileSync(join(SAMPLE_DIR, 'eco_redline.geojson'), 'utf8')) as { crs: { properties: { name: string } }; features: { geometry: { type: 'Polygon'; coordinates: number[][][] } }[] };
  expect(redline.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4547');
  const redRings = redline.features.map((f) => f.geometry.coordinates[0] as Ring);
  const boxes = (s: Shapes) => s.rings.map(boxOf);
  const approvedBoxes = boxes(approved), farmlandBoxes = boxes(farmland), landUseBoxes = boxes(landUse);

  const independent = (ring: Ring): Independent => {
    const box = boxOf(ring), origin = ring[0]!;
    const index = patches.rings.indexOf(ring);
    const landUseM2 = new Map<string, number>();
    landUse.rings.forEach((plot, k) => {
      if (!boxesMeet(box, landUseBoxes[k]!)) return;
      const m2 = overlapM2(ring, plot, origin);
      if (m2 > 0) landUseM2.set(landUse.records[k]!.DLBM!, (landUseM2.get(landUse.records[k]!.DLBM!) ?? 0) + m2);
    });
    const near = (boxesOf: Box[]) => boxesOf.flatMap((b, k) => (boxesMeet(box, b) ? [k] : []));
    const approvals = near(approvedBoxes)
      .map((k) => ({ number: approved.records[k]!['批准文号']!, date: approved.records[k]!['批准日期']!, m2: overlapM2(ring, approved.rings[k]!, origin), k }))
      .filter((a) => a.m2 > 0.01);
    const beforeRings = approvals.filter((a) => a.date <= AFTER).map((a) => approved.rings[a.k]!);
    let homesteadM = Infinity;
    landUse.rings.forEach((plot, k) => {
      if (landUse.records[k]!.DLBM === '0702' && boxesMeet(box, landUseBoxes[k]!, 150)) homesteadM = Math.min(homesteadM, ringDistanceIndependent(ring, plot));
    });
    return {
      areaM2: shoelace(ring),
      jcmj: Number(patches.records[index]!.JCMJ),
      record: patches.records[index]!,
      landUseM2,
      basicFarmlandM2: near(farmlandBoxes).reduce((s, k) => s + overlapM2(ring, farmland.rings[k]!, origin), 0),
      redlineM2: redRings.reduce((s, r) => s + overlapM2(ring, r, origin), 0),
      approvals: approvals.map(({ number, date, m2 }) => ({ number, date, m2 })),
      approvedBeforeM2: coveredM2(ring, beforeRings, origin),
      containedIn: approvals.filter((a) => a.date <= AFTER && ringWithin(ring, approved.rings[a.k]!)).map((a) => a.number),
      insideLandUse: near(landUseBoxes).filter((k) => ringWithin(ring, landUse.rings[k]!)).map((k) => landUse.records[k]!.DLBM!),
      homesteadM,
    };
  };

  evaluated = Array.from({ length: layer.store.featureCount }, (_, i) => {
    const info = patchInfo(layer.store, layer.fields, i);
    const facts = patchFacts(vws, info);
    const suggestion = suggestJudgement(info, facts);
    const expected = design.patches.find((p) => p.id === info.id);
    if (!expected) throw new Error(`patch ${info.id} is not in sample-design.json`);
    const fileIndex = patches.records.findIndex((r) => r.JCBH === info.id);
    return { info, facts, suggestion, expected, mine: independent(patches.rings[fileIndex]!) };
  });
});

const mu = (m2: number) => (m2 / M2_PER_MU).toFixed(2);
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

describe('the sample county’s patches: suggestions', () => {
  it('covers every patch of the design, once', () => {
    expect(evaluated.map((e) => e.info.id).sort()).toEqual(design.patches.map((p) => p.id).sort());
    expect(evaluated).toHaveLength(33);
  });

  it('suggests the judgement and reason each patch was made for', () => {
    const got = evaluated.map((e) => [e.info.id, e.suggestion.judgement, e.suggestion.reason]);
    expect(got).toEqual(evaluated.map((e) => [e.info.id, e.expected.expected.judgement, e.expected.expected.reason]));
  });

  it('suggests the subtype the patch type tells; a building (type 20) that is illegal gets none', () => {
    for (const { info, suggestion, expected } of evaluated) {
      const want = info.type === '20' && expected.expected.judgement === '违法' ? '' : expected.expected.subtype;
      expect(suggestion.subtype, `${info.id} (${info.type}, ${expected.expected.why})`).toBe(want);
    }
  });

  it('marks illegal ones 新增 (before-date 2025-03-18 is after 2025-01-01), and 存量 with a later period start', () => {
    for (const { info, facts, suggestion } of evaluated) {
      expect(suggestion.vintage, info.id).toBe(suggestion.judgement === '违法' ? '新增' : null);
      const later = suggestJudgement(info, facts, { ...DEFAULT_SUGGESTION_SETTINGS, periodStart: '2025-04-01' });
      expect(later.vintage, info.id).toBe(suggestion.judgement === '违法' ? '存量' : null);
    }
  });

  it('says why in words, naming the figures and ids it rests on (computed here independently)', () => {
    const seen = new Set<string>();
    for (const { info, suggestion, mine } of evaluated) {
      const t = suggestion.text;
      const where = `${info.id} ${suggestion.reason}: ${t}`;
      expect(t.length, where).toBeGreaterThan(0);
      seen.add(suggestion.reason);
      const unapproved = `未批部分 ${pct(1 - mine.approvedBeforeM2 / mine.areaM2)}`;
      const sumCodes = (pred: (code: string) => boolean) => [...mine.landUseM2].filter(([c]) => pred(c)).reduce((s, [, m2]) => s + m2, 0);
      switch (suggestion.reason) {
        case 'approved': {
          const before = mine.approvals.filter((a) => a.date <= AFTER);
          expect(before.length, where).toBeGreaterThan(0);
          for (const a of before) expect(t, where).toContain(`${a.number}（${a.date}）`);
          expect(t, where).toContain(`后时相 ${AFTER}`);
          expect(t, where).toContain(`覆盖图斑 ${pct(mine.approvedBeforeM2 / mine.areaM2)}`);
          break;
        }
        case 'approvedAfterChange': {
          const late = mine.approvals.filter((a) => a.date > AFTER);
          expect(late.length, where).toBeGreaterThan(0);
          for (const a of late) expect(t, where).toContain(`${a.number}（${a.date}）`);
          expect(t, where).toContain('先建后批');
          break;
        }
        case 'basicFarmland':
          expect(t, where).toContain(`占用永久基本农田 ${mu(mine.basicFarmlandM2)} 亩`);
          expect(t, where).toContain(unapproved);
          break;
        case 'redline':
          expect(t, where).toContain(`占用生态保护红线 ${mu(mine.redlineM2)} 亩`);
          expect(t, where).toContain(unapproved);
          break;
        case 'farmland':
          expect(t, where).toContain(`占用耕地 ${mu(sumCodes((c) => landGroup(c) === 'farmland'))} 亩`);
          expect(t, where).toContain(unapproved);
          break;
        case 'noApproval':
          expect(t, where).toContain(`占用农用地或未利用地 ${mu(sumCodes((c) => landGroup(c) === 'otherAgricultural' || landGroup(c) === 'unused'))} 亩`);
          expect(t, where).toContain(unapproved);
          break;
        case 'homesteadEdge':
          expect(t, where).toContain(`相距 ${mine.homesteadM.toFixed(1)} 米`);
          break;
        case 'homestead':
          expect(t, where).toContain(`图斑 ${pct(sumCodes((c) => c === '0702') / mine.areaM2)} 位于农村宅基地（0702）`);
          break;
        case 'facilityAgriculture':
          expect(t, where).toContain(`图斑 ${pct(sumCodes((c) => c === '1202') / mine.areaM2)} 位于设施农用地（1202）`);
          break;
        case 'ruralRoad':
          expect(t, where).toContain('ND');
          break;
        default:
          throw new Error(`no text check for ${where}`);
      }
    }
    // The sample shows every reason but the undecided ones.
    expect([...seen].sort()).toEqual(['approved', 'approvedAfterChange', 'basicFarmland', 'facilityAgriculture', 'farmland', 'homestead', 'homesteadEdge', 'noApproval', 'redline', 'ruralRoad']);
  });
});

describe('the sample county’s patches: facts against independent figures', () => {
  it('reads each patch as its file describes it', () => {
    for (const { info, mine } of evaluated) {
      expect(info, info.id).toMatchObject({
        layerId: 'patches', id: mine.record.JCBH, district: '421102', type: mine.record.TBLX, beforeDate: BEFORE, afterDate: AFTER, landClass: mine.record.DLBM,
        declaredBasicFarmland: mine.record.SFYN === '是', declaredRedline: mine.record.SFHX === '是', declaredAreaM2: mine.jcmj,
        fileJudgement: mine.record.PD === '' ? null : mine.record.PD, fileSubtype: mine.record.PDZL, fileNote: mine.record.BZ,
      });
    }
  });

  it('measures each patch as the shoelace of its polygon, which is its JCMJ to the cent', () => {
    for (const { info, facts, mine } of evaluated) {
      expect(Math.abs(facts.areaM2 - mine.areaM2), info.id).toBeLessThan(1e-4); // the store went through lon/lat and back
      expect(Math.abs(facts.areaM2 - mine.jcmj), info.id).toBeLessThanOrEqual(0.005 + 1e-6);
      expect(facts.areaMu, info.id).toBeCloseTo(facts.areaM2 * 0.0015, 9);
    }
    // One patch by hand: 4211022026001, JCMJ 1976.00 m² in the DBF, 2.964 mu.
    const first = evaluated.find((e) => e.info.id === '4211022026001')!;
    expect(first.mine.record.JCMJ).toBe('1976.00');
    expect(Math.abs(first.facts.areaM2 - 1976)).toBeLessThanOrEqual(0.005);
    expect(first.facts.areaMu).toBeCloseTo(2.964, 3);
  });

  it('has a breakdown whose parts plus remainder make the total, each part the overlap with its land classes', () => {
    for (const { info, facts, mine } of evaluated) {
      const b = facts.breakdown;
      expect(b.farmlandMu + b.otherAgriculturalMu + b.unusedMu + b.constructionMu + b.remainderMu, info.id).toBeCloseTo(b.totalMu, 9);
      expect(b.totalMu, info.id).toBeCloseTo(mine.areaM2 / M2_PER_MU, 6);
      const group = (name: string) => [...mine.landUseM2].filter(([c]) => landGroup(c) === name).reduce((s, [, m2]) => s + m2, 0) / M2_PER_MU;
      expect(b.farmlandMu, info.id).toBeCloseTo(group('farmland'), 5);
      expect(b.otherAgriculturalMu, info.id).toBeCloseTo(group('otherAgricultural'), 5);
      expect(b.unusedMu, info.id).toBeCloseTo(group('unused'), 5);
      expect(b.constructionMu, info.id).toBeCloseTo(group('construction'), 5);
      const coveredMu = [...mine.landUseM2.values()].reduce((s, m2) => s + m2, 0) / M2_PER_MU;
      expect(b.remainderMu, info.id).toBeCloseTo(mine.areaM2 / M2_PER_MU - coveredMu, 5);
      expect(b.basicFarmlandMu, info.id).toBeCloseTo(mine.basicFarmlandM2 / M2_PER_MU, 5);
      expect(b.ecoRedlineMu, info.id).toBeCloseTo(mine.redlineM2 / M2_PER_MU, 5);
    }
  });

  it('lists the land-use classes under each patch, largest first, with their areas and shares', () => {
    for (const { info, facts, mine } of evaluated) {
      const significant = facts.landUse.filter((l) => l.areaM2 > 0.01);
      expect(significant.map((l) => l.code).sort(), info.id).toEqual([...mine.landUseM2].filter(([, m2]) => m2 > 0.01).map(([c]) => c).sort());
      for (const l of significant) {
        expect(Math.abs(l.areaM2 - mine.landUseM2.get(l.code)!), `${info.id} ${l.code}`).toBeLessThan(0.01);
        expect(l.share, `${info.id} ${l.code}`).toBeCloseTo(l.areaM2 / facts.areaM2, 12);
      }
      expect(facts.landUse.map((l) => l.areaM2), info.id).toEqual([...facts.landUse.map((l) => l.areaM2)].sort((a, b) => b - a));
      // A patch inside one plot is all of that plot's class.
      if (mine.insideLandUse.length === 1) {
        expect(facts.landUse[0]!.code, info.id).toBe(mine.insideLandUse[0]);
        expect(facts.landUse[0]!.share, info.id).toBeCloseTo(1, 9);
      }
    }
    expect(evaluated.filter((e) => e.mine.insideLandUse.length === 1).length).toBeGreaterThanOrEqual(15);
  });

  it('takes basic farmland and red line areas as measured', () => {
    for (const { info, facts, mine } of evaluated) {
      expect(Math.abs(facts.basicFarmlandM2 - mine.basicFarmlandM2), info.id).toBeLessThan(0.01);
      expect(Math.abs(facts.redlineM2 - mine.redlineM2), info.id).toBeLessThan(0.01);
    }
    expect(evaluated.filter((e) => e.mine.basicFarmlandM2 > 1).length).toBeGreaterThanOrEqual(10);
    expect(evaluated.filter((e) => e.mine.redlineM2 > 1).length).toBeGreaterThanOrEqual(2);
  });

  it('finds the approvals with their numbers and dates; a patch inside one dated before the change is wholly approved', () => {
    for (const { info, facts, mine } of evaluated) {
      for (const a of mine.approvals) {
        const found = facts.approvals.find((x) => x.id === a.number && x.date === a.date);
        expect(found, `${info.id} ${a.number}`).toBeDefined();
        expect(Math.abs(found!.areaM2 - a.m2), `${info.id} ${a.number}`).toBeLessThan(0.01);
        expect(found!.beforeChange, `${info.id} ${a.number}`).toBe(a.date <= AFTER);
      }
      expect(facts.approvedBeforeShare, info.id).toBeCloseTo(mine.approvedBeforeM2 / mine.areaM2, 6);
      if (mine.containedIn.length > 0) {
        expect(facts.approvedBeforeShare, `${info.id} inside ${mine.containedIn.join(', ')}`).toBeCloseTo(1, 9);
        expect(facts.approvedAnyShare, info.id).toBeCloseTo(1, 9);
      }
      if (mine.approvals.length === 0) expect(facts.approvedBeforeShare, info.id).toBe(0);
    }
    const inside = evaluated.filter((e) => e.mine.containedIn.length > 0);
    expect(inside.length).toBeGreaterThanOrEqual(5);
    for (const e of inside) expect(e.suggestion.judgement, e.info.id).toBe('合法');
  });

  it('measures the distance to rural homestead land (0 on it, null beyond 100 m)', () => {
    for (const { info, facts, mine } of evaluated) {
      if (mine.homesteadM === 0) expect(facts.homesteadDistanceM, info.id).toBe(0);
      else if (mine.homesteadM <= 100) expect(facts.homesteadDistanceM, info.id).toBeCloseTo(mine.homesteadM, 6);
      else expect(facts.homesteadDistanceM, info.id).toBeNull();
    }
    expect(evaluated.filter((e) => e.mine.homesteadM > 0 && e.mine.homesteadM <= 100).map((e) => e.info.id)).toEqual(['4211022026010']);
  });

  it('finds every patch inside the survey', () => {
    for (const { info, facts } of evaluated) expect(facts.outside, info.id).toBe(false);
  });
});
