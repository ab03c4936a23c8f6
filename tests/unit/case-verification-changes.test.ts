import { describe, expect, it } from 'vitest';
import { compareVerifications } from '../../src/core';
import type { FactsSnapshot } from '../../src/core';

// Two verifications of one case, built by hand: what the officer must be told changed.

const overlap = (layerId: string, featureId: string, areaMu: number) => ({ layerId, featureId, areaMu });
const facts = (layers: [string, string][], overlaps: ReturnType<typeof overlap>[], flags: string[]) =>
  ({
    verifiedAt: '2026-11-22T09:00:00+08:00', rulesVersion: '2026.1', softwareVersion: 'LandCheck 0.1.0', draft: '', draftLang: 'zh-CN',
    layers: layers.map(([id, sha256]) => ({ id, kind: 'land_use', path: `${id}.shp`, sha256 })),
    result: { overlaps, flags: flags.map((code) => ({ code })) },
  }) as unknown as FactsSnapshot;

describe('what changed between two verifications', () => {
  it('names the changed layer, the new, gone and resized overlaps and the flags that came and went', () => {
    const before = facts([['bf', 'aa'], ['lu', 'bb']], [overlap('bf', 'JBNT1', 1.5), overlap('lu', 'T1', 1.0), overlap('lu', 'T1', 0.5), overlap('lu', 'T2', 0.3)], ['BASIC_FARMLAND', 'FARMLAND_USE']);
    const after = facts([['bf', 'aa'], ['lu', 'cc'], ['ap', 'dd']], [overlap('bf', 'JBNT1', 1.5), overlap('lu', 'T1', 1.2), overlap('ap', 'PZ-7', 0.4)], ['BASIC_FARMLAND', 'APPROVED_AFTER_CHANGE']);
    expect(compareVerifications(before, after)).toEqual([
      { kind: 'layerChanged', layerId: 'lu' },
      { kind: 'layerChanged', layerId: 'ap' },
      // T1 was two pieces, 1.0 + 0.5 = 1.5 mu, now one of 1.2 mu.
      { kind: 'overlapArea', layerId: 'lu', featureId: 'T1', fromMu: 1.5, toMu: 1.2 },
      { kind: 'overlapAdded', layerId: 'ap', featureId: 'PZ-7', areaMu: 0.4 },
      { kind: 'overlapRemoved', layerId: 'lu', featureId: 'T2', areaMu: 0.3 },
      { kind: 'flagAdded', code: 'APPROVED_AFTER_CHANGE' },
      { kind: 'flagRemoved', code: 'FARMLAND_USE' },
    ]);
  });

  it('reports nothing when only rounding noise below a hundredth of a square metre differs', () => {
    // 0.005 m² = 0.005 / (2000/3) mu = 0.0000075 mu.
    const a = facts([['lu', 'bb']], [overlap('lu', 'T1', 1.0)], ['FARMLAND_USE']);
    const b = facts([['lu', 'bb']], [overlap('lu', 'T1', 1.0 + 0.0000075)], ['FARMLAND_USE']);
    expect(compareVerifications(a, b)).toEqual([]);
  });
});
