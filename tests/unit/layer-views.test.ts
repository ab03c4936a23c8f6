import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Position } from '../../src/core';
import { largeLayer, layerView, MAX_VECTOR_FEATURES } from '../../src/workers/layerViews';

// Large layers by view: the index finds the features in a box, the answer keeps the layer's colours.
// (Pictures need an OffscreenCanvas: the performance e2e draws them in Chromium.)

/** A 100 × 100 grid of 0.001° squares from (114, 30), coded by column parity. */
function grid(): FeatureCollection {
  const features: Feature[] = [];
  for (let row = 0; row < 100; row++) {
    for (let col = 0; col < 100; col++) {
      const x = 114 + col * 0.001, y = 30 + row * 0.001;
      const ring: Position[] = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]];
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id: `${row}-${col}`, code: col % 2 ? '0101' : '0702' } });
    }
  }
  features.push({ type: 'Feature', geometry: null, properties: { id: 'none', code: '1001' } });
  return { type: 'FeatureCollection', features };
}

describe('large layers drawn by view', () => {
  const layer = largeLayer('land_use', grid(), 'code');

  it('indexes every feature by its extent, and lists the style values of the whole layer', () => {
    expect(layer.styleValues).toEqual(['', '0702', '0101', '1001']);
    expect([...layer.bboxes.subarray(0, 4)].map((v) => +v.toFixed(6))).toEqual([114, 30, 114.001, 30.001]);
  });

  it('answers a small view with the features in it, as vectors coloured as in the whole layer', () => {
    // A box inside squares (row 10–11, col 20–22) touches 2 rows × 3 columns.
    const view = layerView(layer, [114.0205, 30.0105, 114.0225, 30.0115], 256, 256);
    expect(view.kind).toBe('vector');
    expect(view.featuresInView).toBe(6);
    if (view.kind !== 'vector') return;
    expect(view.geometry.polygons.polygonStarts.length - 1).toBe(6);
    expect(view.geometry.styleValues).toBe(layer.styleValues);
    // Columns 20, 21, 22 → 0702, 0101, 0702 in the layer's own indices (1, 2, 1), rows in the layer's order.
    expect([...view.geometry.featureStyle]).toEqual([1, 2, 1, 1, 2, 1]);
    expect(view.geometry.polygons.positions[0]).toBeCloseTo(114.02, 9);
  });

  it('goes to a picture when more features than the vector limit are in view', () => {
    const all: [number, number, number, number] = [113.9, 29.9, 114.2, 30.2];
    expect(10_000).toBeGreaterThan(MAX_VECTOR_FEATURES);
    // No OffscreenCanvas in Node: reaching for it proves the picture branch was taken.
    expect(() => layerView(layer, all, 256, 256)).toThrow(/OffscreenCanvas/);
  });
});
