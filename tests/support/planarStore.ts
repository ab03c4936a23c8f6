import Flatbush from 'flatbush';
import type { LayerStore, Position } from '../../src/core';

// A LayerStore built straight from planar parts (features of one or more parts, rings as given), without the
// reprojection of buildLayerStore: for tests that need exact hand-made coordinates.

export type Part = Position[][];

export function storeOf(features: Part[][], crs = 'EPSG:4547'): LayerStore {
  const coords: number[] = [], ringStart: number[] = [], partStart: number[] = [], featureStart: number[] = [], bbox: number[] = [];
  const index = new Flatbush(Math.max(1, features.length));
  for (const parts of features) {
    featureStart.push(partStart.length);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const rings of parts) {
      partStart.push(ringStart.length);
      for (const ring of rings) {
        ringStart.push(coords.length / 2);
        for (const [x, y] of ring) {
          coords.push(x!, y!);
          minX = Math.min(minX, x!); minY = Math.min(minY, y!); maxX = Math.max(maxX, x!); maxY = Math.max(maxY, y!);
        }
      }
    }
    bbox.push(minX, minY, maxX, maxY);
    if (minX > maxX) index.add(Infinity, Infinity, Infinity, Infinity);
    else index.add(minX, minY, maxX, maxY);
  }
  featureStart.push(partStart.length);
  partStart.push(ringStart.length);
  ringStart.push(coords.length / 2);
  if (features.length === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  return {
    id: 't', kind: 'real_estate', crs, featureCount: features.length, coords: new Float64Array(coords), ringStart: new Uint32Array(ringStart),
    partStart: new Uint32Array(partStart), featureStart: new Uint32Array(featureStart), bbox: new Float64Array(bbox), index: index.data as ArrayBuffer,
    ids: features.map((_, i) => `#${i + 1}`), attributes: features.map(() => ({})),
  };
}
