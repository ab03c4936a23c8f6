import { describe, expect, it } from 'vitest';
import { findRepeatCases } from '../../src/core';
import type { CaseRecord } from '../../src/core';

// Five cases on the 114°E meridian, the central meridian of EPSG:4547 (CGCS2000 3° Gauss-Kruger),
// where planar distance along the meridian is the meridian arc. At 30°N on GRS80
// (a = 6378137, e² = 0.00669438): M = a(1 − e²)/(1 − e² sin²30°)^1.5 = 6335439.3 / 0.9974907 = 6351377 m
// per radian, so 1° of latitude = 110851 m: 0.0002° = 22.2 m, 0.0003° = 33.3 m, 0.0004° = 44.3 m,
// 0.0005° = 55.4 m, 0.0006° = 66.5 m, 0.01° = 1109 m. Repeat distance 50 m.

const base = { channel: null, category: null, complaint: null, demands: null, status: null, officer: null, radiusM: 20, attributes: {} };
const point = (lat: number): CaseRecord['geometry'] => ({ type: 'Point', coordinates: [114, lat] });

const A: CaseRecord = { ...base, id: 'XF-2026-0001', receivedDate: '2026-03-01', petitioner: '张三', phone: '13800000001', place: '李家湾村', geometry: point(30) };
// 0.0004° north of A: 44.3 m.
const B: CaseRecord = { ...base, id: 'XF-2026-0002', receivedDate: '2026-03-05', petitioner: '李四', phone: '13900000002', place: '王家畈', geometry: point(30.0004) };
// 99.8 m from A, 55.4 m from B: near neither; A's phone written with dashes.
const C: CaseRecord = { ...base, id: 'XF-2026-0003', receivedDate: '2026/3/10', petitioner: '王五', phone: '138-0000-0001', place: '王家畈', geometry: point(30.0009) };
// The earliest case, 1.1 km away: the same name at the same place as A.
const D: CaseRecord = { ...base, id: 'XF-2026-0004', receivedDate: '2026-02-20', petitioner: '张三', phone: null, place: '李家湾村', geometry: point(30.01) };
// A square 0.001° on a side centred on (114, 30.0006): its centroid is 22.2 m from B, 33.3 m from C,
// 66.5 m from A; its first corner (113.9995, 30.0001) is √(48.2² + 33.3²) = 58.6 m from B, so a
// first-vertex rule would miss B (0.0005° of longitude at 30°N: N = a/√(1 − e²/4) = 6383480 m,
// N cos 30° = 5528258 m per radian = 96486 m per degree → 48.2 m). Same name as A elsewhere; D's ID number.
const E: CaseRecord = {
  ...base, id: 'XF-2026-0005', receivedDate: '2026-03-20', petitioner: '张三', phone: null, place: '石桥镇',
  geometry: { type: 'Polygon', coordinates: [[[113.9995, 30.0001], [114.0005, 30.0001], [114.0005, 30.0011], [113.9995, 30.0011], [113.9995, 30.0001]]] },
};

describe('possible repeat complaints', () => {
  it('lists, for each case, the earlier cases nearby (centroid for polygons) or from the same petitioner', () => {
    const idNumbers = new Map([['XF-2026-0004', '42010219900101123x'], ['XF-2026-0005', '42010219900101123X']]);
    const repeats = findRepeatCases([A, B, C, D, E], 'EPSG:4547', 50, idNumbers);
    expect(Object.fromEntries(repeats)).toEqual({
      'XF-2026-0004': [],
      'XF-2026-0001': ['XF-2026-0004'], // same name and place as D, which came earlier
      'XF-2026-0002': ['XF-2026-0001'], // 44.3 m ≤ 50 m
      'XF-2026-0003': ['XF-2026-0001'], // same phone as A; B at 55.4 m is too far
      'XF-2026-0005': ['XF-2026-0004', 'XF-2026-0002', 'XF-2026-0003'], // D by ID number; B 22.2 m, C 33.3 m; not A (66.5 m, same name elsewhere)
    });
  });

  it('a name alone is not the same petitioner, and a later case is never listed as earlier', () => {
    const repeats = findRepeatCases([E, A], 'EPSG:4547', 50);
    expect(repeats.get('XF-2026-0005')).toEqual([]);
    expect(repeats.get('XF-2026-0001')).toEqual([]);
  });

  it('handles a county ledger of 5,000 cases quickly', () => {
    // 2,500 pairs on a 0.01° grid (≥ 960 m apart), the second of each pair 0.0002° (22.2 m) north of the
    // first and received a day later; every petitioner different. Each second case repeats its first only.
    const cases: CaseRecord[] = [];
    for (let i = 0; i < 2500; i++) {
      const lon = 113.75 + (i % 50) * 0.01;
      const lat = 30 + Math.floor(i / 50) * 0.01;
      const first = `P${String(i).padStart(4, '0')}a`;
      cases.push({ ...base, id: first, receivedDate: '2026-01-01', petitioner: `甲${i}`, phone: null, place: null, geometry: { type: 'Point', coordinates: [lon, lat] } });
      cases.push({ ...base, id: `P${String(i).padStart(4, '0')}b`, receivedDate: '2026-01-02', petitioner: `乙${i}`, phone: null, place: null, geometry: { type: 'Point', coordinates: [lon, lat + 0.0002] } });
    }
    const started = performance.now();
    const repeats = findRepeatCases(cases, 'EPSG:4547', 50);
    const elapsedMs = performance.now() - started;
    expect(repeats.size).toBe(5000);
    expect(repeats.get('P0000a')).toEqual([]);
    expect(repeats.get('P0000b')).toEqual(['P0000a']);
    expect(repeats.get('P2499b')).toEqual(['P2499a']);
    expect([...repeats.values()].filter((ids) => ids.length > 0)).toHaveLength(2500);
    expect([...repeats.values()].every((ids) => ids.length <= 1)).toBe(true);
    expect(elapsedMs).toBeLessThan(2000);
  });
});
