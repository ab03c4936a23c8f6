import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Position } from '../../src/core';
import { binaryGeometry, styleFieldFor } from '../../src/map/binaryGeometry';

// The binary form the map draws from: counts, offsets and triangles checked against hand-computed values.

const square = (x: number, y: number, side: number): Position[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

const collection: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    // 10 × 10 with a 4 × 4 hole: area 84.
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4).reverse()] }, properties: { DLBM: '0101' } },
    { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 2)], [square(30, 0, 3)]] }, properties: { DLBM: '0702' } },
    { type: 'Feature', geometry: null, properties: { DLBM: '0101' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [5, 5], [9, 0]] }, properties: {} },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { DLBM: null } },
    // An empty polygon (Cambridge has one) and a ring too short to draw are skipped.
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: {} },
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }, properties: {} },
  ],
};

function triangleArea(p: Float64Array, t: Uint32Array): number {
  let sum = 0;
  for (let i = 0; i < t.length; i += 3) {
    const [a, b, c] = [t[i]!, t[i + 1]!, t[i + 2]!];
    sum += Math.abs((p[b * 2]! - p[a * 2]!) * (p[c * 2 + 1]! - p[a * 2 + 1]!) - (p[c * 2]! - p[a * 2]!) * (p[b * 2 + 1]! - p[a * 2 + 1]!)) / 2;
  }
  return sum;
}

describe('binary geometry for the map', () => {
  const g = binaryGeometry(collection, 'DLBM');

  it('lays out polygons, rings and their features', () => {
    expect([...g.polygons.polygonStarts]).toEqual([0, 10, 15, 20]);
    expect([...g.polygons.ringStarts]).toEqual([0, 5, 10, 15, 20]);
    expect([...g.polygons.polygonFeature]).toEqual([0, 1, 1]);
    expect([...g.polygons.ringFeature]).toEqual([0, 0, 1, 1]);
    expect([...g.polygons.positions.subarray(10, 14)]).toEqual([3, 3, 3, 7]); // the hole, reversed: its corner, then up
  });

  it('cuts each polygon into the right triangles: holes left out, areas add up', () => {
    // 8 distinct vertices + 1 hole → 8 triangles; two squares → 2 each.
    expect(g.polygons.triangles.length).toBe(3 * (8 + 2 + 2));
    expect(triangleArea(g.polygons.positions, g.polygons.triangles)).toBeCloseTo(84 + 4 + 9, 9);
    const firstPolygon = g.polygons.triangles.subarray(0, 24);
    expect(triangleArea(g.polygons.positions, firstPolygon)).toBeCloseTo(84, 9);
    expect(Math.max(...firstPolygon)).toBeLessThan(10);
  });

  it('keeps lines and points with their features', () => {
    expect([...g.lines.pathStarts]).toEqual([0, 3]);
    expect([...g.lines.pathFeature]).toEqual([3]);
    expect([...g.lines.positions]).toEqual([0, 0, 5, 5, 9, 0]);
    expect([...g.points.positions]).toEqual([1, 2]);
    expect([...g.points.pointFeature]).toEqual([4]);
  });

  it('indexes each feature by its style value, no value first', () => {
    expect(g.styleValues).toEqual(['', '0101', '0702']);
    expect([...g.featureStyle]).toEqual([1, 2, 1, 0, 0, 0, 0]);
    expect(binaryGeometry(collection, null).styleValues).toEqual(['']);
  });

  it('styles land use by its code and patches by their judgement, through the field mapping', () => {
    expect(styleFieldFor('land_use', { code: 'DLBM' })).toBe('DLBM');
    expect(styleFieldFor('satellite_patch', { judgement: 'PDLX' })).toBe('PDLX');
    expect(styleFieldFor('real_estate', { id: 'ZDDM' })).toBeNull();
    expect(styleFieldFor('land_use', {})).toBeNull();
  });
});
