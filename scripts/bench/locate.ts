// LandCheck's side of the `locate-points` job: for each x, y pair (the store's planar CRS), the index of the
// feature containing it, or -1. Uses `locatePoints` from src/core/store/locatePoints.ts when that module exists;
// otherwise the same with the store's flatbush index and an even-odd point-in-polygon on its typed arrays, so the
// bench runs either way (the JSON line says which: `impl`).
import { existsSync } from 'node:fs';
import { searchStore } from '../../src/core';
import type { LayerStore } from '../../src/core';

export type LocatePoints = (store: LayerStore, xy: Float64Array) => Int32Array;

/** Even-odd test of (x, y) against every ring of feature i (holes and parts included). */
function featureContains(store: LayerStore, i: number, x: number, y: number): boolean {
  const { coords, ringStart, partStart, featureStart } = store;
  let inside = false;
  for (let p = featureStart[i]!; p < featureStart[i + 1]!; p++) {
    for (let r = partStart[p]!; r < partStart[p + 1]!; r++) {
      const start = ringStart[r]!, end = ringStart[r + 1]!;
      for (let a = start, b = end - 1; a < end; b = a++) {
        const ax = coords[a * 2]!, ay = coords[a * 2 + 1]!, bx = coords[b * 2]!, by = coords[b * 2 + 1]!;
        if ((ay > y) !== (by > y) && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

/** The fallback: bbox candidates from the index, lowest feature index first, first one containing the point. */
export function locatePointsFallback(store: LayerStore, xy: Float64Array): Int32Array {
  const out = new Int32Array(xy.length / 2).fill(-1);
  for (let k = 0; k < out.length; k++) {
    const x = xy[k * 2]!, y = xy[k * 2 + 1]!;
    const candidates = searchStore(store, x, y, x, y).sort((a, b) => a - b);
    for (const i of candidates) {
      if (featureContains(store, i, x, y)) {
        out[k] = i;
        break;
      }
    }
  }
  return out;
}

/** `locatePoints` from src/core/store/locatePoints.ts if it is there, else the fallback. */
export async function loadLocatePoints(): Promise<{ locate: LocatePoints; impl: 'locatePoints' | 'fallback' }> {
  const url = new URL('../../src/core/store/locatePoints.ts', import.meta.url);
  if (existsSync(url)) {
    const mod = (await import(url.href)) as { locatePoints?: LocatePoints };
    if (typeof mod.locatePoints === 'function') return { locate: mod.locatePoints, impl: 'locatePoints' };
  }
  return { locate: locatePointsFallback, impl: 'fallback' };
}
