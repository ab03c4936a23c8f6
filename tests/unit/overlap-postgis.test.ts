import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationRun } from '../../src/io/verification';
import { ROOT } from '../support/paths';
import { verifySample } from '../support/sampleVerification';

// Overlap areas of the sample cases against PostGIS/GEOS (tests/fixtures/areas/postgis-overlaps.json,
// made by scripts/fixtures/postgis-overlaps.sh with layers loaded by ogr2ogr, not by LandCheck).

interface Row { caseId: string; layer: string; featureId: string; planarM2: number; ellipsoidalM2: number }
const fixture = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/areas/postgis-overlaps.json'), 'utf8')) as { overlaps: Row[] };
const LAYER_IDS: Record<string, string> = { land_use: 'land-use', basic_farmland: 'basic-farmland', approved: 'approved', patches: 'patches', real_estate: 'real-estate', eco_redline: 'eco-redline', urban_boundary: 'urban-boundary' };
let run: VerificationRun;

beforeAll(async () => {
  run = await verifySample();
});

describe('overlap areas agree with PostGIS', () => {
  it('finds the same overlapping features, and each area within 0.01% (or 0.001 m² for slivers)', () => {
    const ours = run.document.cases.flatMap((c) => c.overlaps.filter((o) => o.layerId !== 'approved-txt').map((o) => ({ caseId: c.id, ...o })));
    const key = (caseId: string, layerId: string, featureId: string) => `${caseId}|${layerId}|${featureId}`;
    const byKey = new Map(ours.map((o) => [key(o.caseId, o.layerId, o.featureId), o]));
    // PostGIS reports slivers below a millionth of a m² that are rounding noise; compare the rest.
    const theirs = fixture.overlaps.filter((r) => r.planarM2 > 1e-6);
    expect(theirs.length).toBeGreaterThan(80);
    const problems: string[] = [];
    for (const row of theirs) {
      const mine = byKey.get(key(row.caseId, LAYER_IDS[row.layer]!, row.featureId));
      if (!mine) {
        problems.push(`missing ${row.caseId} ${row.layer} ${row.featureId} (${row.planarM2} m²)`);
        continue;
      }
      for (const [a, b, what] of [[mine.planarAreaM2, row.planarM2, 'planar'], [mine.ellipsoidalAreaM2, row.ellipsoidalM2, 'ellipsoidal']] as const) {
        const ok = b >= 1 ? Math.abs(a - b) / b <= 1e-4 : Math.abs(a - b) <= 1e-3;
        if (!ok) problems.push(`${row.caseId} ${row.layer} ${row.featureId} ${what}: ${a} vs PostGIS ${b}`);
      }
    }
    const extra = ours.filter((o) => o.planarAreaM2 > 1e-3 && !theirs.some((r) => key(r.caseId, LAYER_IDS[r.layer]!, r.featureId) === key(o.caseId, o.layerId, o.featureId)));
    expect(problems).toEqual([]);
    expect(extra.map((o) => `${o.caseId} ${o.layerId} ${o.featureId}`)).toEqual([]);
  });
});
