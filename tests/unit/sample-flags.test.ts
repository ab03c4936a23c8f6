import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, booleanIntersects, booleanPointInPolygon, circle, difference, distance, featureCollection, intersect, union } from '@turf/turf';
import type { Feature as TurfFeature, MultiPolygon as TurfMultiPolygon, Polygon as TurfPolygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord, Feature } from '../../src/core';
import type { LoadedWorkspace } from '../../src/io/workspace';
import { loadWorkspaceFromDir, SAMPLE_DIR } from '../support/paths';

// Checks, with Turf and nothing of LandCheck's own analysis, that each sample case really shows the
// flags it was made for (DESIGN §4 thresholds). These are design checks of the data, not figures of
// record: the verification engine is checked against its own independent numbers later.

const ALL_FLAGS = ['BASIC_FARMLAND', 'ECO_REDLINE', 'NO_APPROVAL', 'PATCH_ILLEGAL', 'FARMLAND_USE', 'OUTSIDE_URBAN_BOUNDARY', 'APPROVED_AFTER_CHANGE', 'PATCH_UNJUDGED', 'REGISTERED_RIGHTS', 'REPEAT', 'NO_DATA'];

interface Design { cases: { id: string; madeFor: string[]; noFinding: boolean }[] }
type Area = TurfFeature<TurfPolygon | TurfMultiPolygon>;

let ws: LoadedWorkspace;
let design: Design;
const layer = (id: string) => ws.layers.find((l) => l.id === id)!.lonLat.features as unknown as Area[];
const caseArea = (c: CaseRecord) => circle(c.geometry.coordinates as [number, number], c.radiusM / 1000, { steps: 128, units: 'kilometers' });
const overlapM2 = (a: Area, b: Area) => {
  const i = intersect(featureCollection([a, b]));
  return i ? area(i) : 0;
};
const hits = (c: CaseRecord, features: Area[]) => features.filter((f) => booleanIntersects(caseArea(c), f));

function observedFlags(c: CaseRecord): Set<string> {
  const flags = new Set<string>();
  const zone = caseArea(c);
  const landUse = ws.layers.find((l) => l.id === 'land-use')!;
  const [minX, minY, maxX, maxY] = landUse.bboxLonLat!;
  const [lon, lat] = c.geometry.coordinates as [number, number];
  if (lon < minX || lon > maxX || lat < minY || lat > maxY) {
    flags.add('NO_DATA');
    return flags;
  }
  if (hits(c, layer('basic-farmland')).some((f) => overlapM2(zone, f) >= 1)) flags.add('BASIC_FARMLAND');
  if (hits(c, layer('eco-redline')).some((f) => overlapM2(zone, f) >= 1)) flags.add('ECO_REDLINE');
  const approved = hits(c, layer('approved'));
  const approvedUnion = approved.length > 1 ? union(featureCollection(approved)) : approved[0] ?? null;
  const uncovered = approvedUnion ? difference(featureCollection([zone, approvedUnion as Area])) : zone;
  const uncoveredM2 = uncovered ? area(uncovered) : 0;
  if (uncoveredM2 >= 50 || uncoveredM2 >= 0.1 * area(zone)) flags.add('NO_APPROVAL');
  const patches = hits(c, layer('patches'));
  if (patches.some((p) => p.properties?.PD === '违法')) flags.add('PATCH_ILLEGAL');
  if (patches.some((p) => !p.properties?.PD)) flags.add('PATCH_UNJUDGED');
  for (const patch of patches) {
    const after = String(patch.properties?.HSX);
    if (layer('approved').some((a) => booleanIntersects(a, patch) && String(a.properties?.['批准日期']) > after)) flags.add('APPROVED_AFTER_CHANGE');
  }
  if (hits(c, layer('land-use')).some((f) => String(f.properties?.DLBM).startsWith('01') && overlapM2(zone, f) > 0)) flags.add('FARMLAND_USE');
  const boundary = layer('urban-boundary')[0]!;
  if (!booleanPointInPolygon(c.geometry.coordinates as [number, number], boundary) || area(difference(featureCollection([zone, boundary])) ?? featureCollection([])) > 0) flags.add('OUTSIDE_URBAN_BOUNDARY');
  if (hits(c, layer('real-estate')).length > 0) flags.add('REGISTERED_RIGHTS');
  const earlier = ws.cases.filter((o) => o.id !== c.id && (o.receivedDate ?? '') < (c.receivedDate ?? ''));
  if (earlier.some((o) => distance(o.geometry.coordinates as [number, number], c.geometry.coordinates as [number, number], { units: 'meters' }) <= 50 || (o.petitioner !== null && o.petitioner === c.petitioner))) flags.add('REPEAT');
  return flags;
}

describe('the sample county covers every flag of DESIGN §4', () => {
  beforeAll(async () => {
    ws = await loadWorkspaceFromDir(SAMPLE_DIR);
    design = JSON.parse(readFileSync(join(SAMPLE_DIR, 'sample-design.json'), 'utf8')) as Design;
  });

  it('has about 30 cases, one design entry each', () => {
    expect(ws.cases.length).toBeGreaterThanOrEqual(25);
    expect(design.cases.map((c) => c.id)).toEqual(ws.cases.map((c) => c.id));
  });

  it('targets every flag at least once, and has a case with no finding', () => {
    const targeted = new Set(design.cases.flatMap((c) => c.madeFor));
    expect([...targeted].sort()).toEqual([...ALL_FLAGS].sort());
    expect(design.cases.some((c) => c.noFinding)).toBe(true);
  });

  it('places every case where the flags it was made for really arise', () => {
    const problems: string[] = [];
    for (const entry of design.cases) {
      const c = ws.cases.find((x) => x.id === entry.id)!;
      const observed = observedFlags(c);
      const missing = entry.madeFor.filter((f) => !observed.has(f));
      if (missing.length) problems.push(`${c.id} lacks ${missing.join(', ')} (observed ${[...observed].join(', ') || 'none'})`);
      if (entry.noFinding && observed.size > 0) problems.push(`${c.id} should show nothing but shows ${[...observed].join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('has satellite patches, some judged and most not, and imagery of two dates', () => {
    const patches = ws.layers.find((l) => l.id === 'patches')!.lonLat.features as Feature[];
    const judged = patches.filter((p) => p.properties.PD);
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.length).toBeLessThan(patches.length / 2);
    expect(new Set(ws.imagery.map((i) => i.date)).size).toBe(2);
  });
});
