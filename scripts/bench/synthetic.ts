import { Delaunay } from 'd3-delaunay';
import { buildLayerStore, transformBetween } from '../../src/core';
import type { CaseRecord, Feature, FeatureCollection, LayerStore, Position } from '../../src/core';

// The bench's seeded synthetic county (scripts/bench.ts, and the overlay harness scripts/bench/overlay.ts, which
// must draw the same data from the same random stream): Voronoi parcels, point cases and rectangles, south-west of
// ORIGIN in EPSG:4547.

export const CRS = 'EPSG:4547';
export const ORIGIN: Position = [560_000, 3_340_000];
export const toLonLat = transformBetween(CRS, 'EPSG:4490');

/** n Voronoi parcels (about 6–9 vertices each) over a square sized for ~1000 m² per parcel, in lon/lat. */
export function parcels(n: number, random: () => number): { collection: FeatureCollection; side: number } {
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

export function pointCases(count: number, side: number, random: () => number): CaseRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `B${i}`, receivedDate: '2026-01-01', channel: null, category: null, petitioner: null, phone: null, complaint: null, demands: null, place: null,
    status: null, officer: null, geometry: { type: 'Point', coordinates: toLonLat([ORIGIN[0] + random() * side, ORIGIN[1] + random() * side]) }, radiusM: 20, attributes: {},
  }));
}

/** Rectangles of 0.1–5 ha at random places and angles, planar. */
export function rectangles(count: number, side: number, random: () => number, minHa = 0.1, maxHa = 5): Position[][][] {
  return Array.from({ length: count }, () => {
    const area = (minHa + random() * (maxHa - minHa)) * 10_000;
    const w = Math.sqrt(area * (0.5 + random())), h = area / w, a = random() * Math.PI;
    const c: Position = [ORIGIN[0] + random() * side, ORIGIN[1] + random() * side];
    const corners: Position[] = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2], [-w / 2, -h / 2]];
    return [corners.map(([x, y]) => [c[0] + x * Math.cos(a) - y * Math.sin(a), c[1] + x * Math.sin(a) + y * Math.cos(a)] as Position)];
  });
}


/** The patch-overlay job's data: 3,000 approved rectangles of 0.5–20 ha as a store (ids A0…), then 5,000 patches. */
export function approvedAndPatches(side: number, random: () => number): { approved: LayerStore; approvedCount: number; patches: Position[][][] } {
  const approvedPolygons = rectangles(3_000, side, random, 0.5, 20);
  const approved = buildLayerStore('approved', 'approved_land', {
    type: 'FeatureCollection',
    features: approvedPolygons.map((p, i) => ({ type: 'Feature', properties: { PZWH: `A${i}` }, geometry: { type: 'Polygon', coordinates: p.map((ring) => ring.map(toLonLat)) } })),
  }, CRS, 'PZWH');
  return { approved, approvedCount: approvedPolygons.length, patches: rectangles(5_000, side, random) };
}
