import type { LayerStore } from './layerStore';
import { storeIndex } from './layerStore';

// Points in polygons at layer scale (issue 9): a flatbush probe per point and an even-odd ray cast straight over
// the store's typed arrays, with nothing allocated per point or per candidate.
//
// Points on an edge: the crossing test is half-open (an edge counts when one end is above the point's y and the
// other is not, and the point lies strictly left of where the edge meets that y), and every edge is evaluated from
// its lower end whichever way the ring runs. So for a polygon, points on its left and bottom edges are inside and
// points on its right and top edges are outside; and for parcels that share an edge (same vertices), a point on
// that edge — or on a shared vertex — is in exactly one of them: the parcel on its +x side (+y for a horizontal
// edge). Nothing is counted twice and no gap opens between neighbours.

/** Whether (px, py) is inside part p of the store: even-odd over all its rings, so holes are holes. */
function inPart(store: LayerStore, p: number, px: number, py: number): boolean {
  const { coords, ringStart, partStart } = store;
  let inside = false;
  for (let r = partStart[p]!, rEnd = partStart[p + 1]!; r < rEnd; r++) {
    const v0 = ringStart[r]!, v1 = ringStart[r + 1]!;
    if (v1 - v0 < 3) continue;
    // Start with the edge from the last vertex to the first: zero-length (never counted) when the ring is closed.
    let x1 = coords[(v1 - 1) * 2]!, y1 = coords[(v1 - 1) * 2 + 1]!;
    for (let v = v0; v < v1; v++) {
      const x2 = coords[v * 2]!, y2 = coords[v * 2 + 1]!;
      if ((y1 > py) !== (y2 > py)) {
        const xc = y1 < y2 ? x1 + ((py - y1) * (x2 - x1)) / (y2 - y1) : x2 + ((py - y2) * (x1 - x2)) / (y1 - y2);
        if (px < xc) inside = !inside;
      }
      x1 = x2;
      y1 = y2;
    }
  }
  return inside;
}

/** Whether (px, py) is inside feature i of the store (any of its parts). */
export function storeFeatureContains(store: LayerStore, i: number, px: number, py: number): boolean {
  for (let p = store.featureStart[i]!, pEnd = store.featureStart[i + 1]!; p < pEnd; p++) if (inPart(store, p, px, py)) return true;
  return false;
}

/**
 * For each x, y pair of `xy` (planar, in the store's CRS), the index of the first (lowest-index) feature that
 * contains it, or -1. See the note at the top of this file for points on edges. NaN coordinates give -1.
 */
export function locatePoints(store: LayerStore, xy: Float64Array): Int32Array {
  const count = xy.length >> 1;
  const out = new Int32Array(count).fill(-1);
  if (store.featureCount === 0 || count === 0) return out;
  const index = storeIndex(store);
  let px = 0, py = 0, best = -1;
  // One filter for every probe: it keeps the lowest containing index and never adds to flatbush's result array.
  const filter = (i: number): boolean => {
    if ((best < 0 || i < best) && storeFeatureContains(store, i, px, py)) best = i;
    return false;
  };
  // Probe in Morton (z-) order of the points, so consecutive probes walk the same tree nodes and parcels: at
  // 10^6 parcels the probes are bound by cache misses, not arithmetic.
  const order = mortonOrder(xy, count);
  for (let o = 0; o < count; o++) {
    const k = order[o]!;
    px = xy[k * 2]!;
    py = xy[k * 2 + 1]!;
    if (px !== px || py !== py) continue; // NaN
    best = -1;
    index.search(px, py, px, py, filter);
    out[k] = best;
  }
  return out;
}

/** Spreads the low 16 bits of v to the even bits. */
function part1By1(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}

/** Point indices sorted by the Morton code of their position on a 65536² grid over their extent. */
function mortonOrder(xy: Float64Array, count: number): Uint32Array {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let k = 0; k < count; k++) {
    const x = xy[k * 2]!, y = xy[k * 2 + 1]!;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const sx = maxX > minX ? 65535 / (maxX - minX) : 0, sy = maxY > minY ? 65535 / (maxY - minY) : 0;
  // code * 2^indexBits + index in one float64, exact while code bits + index bits ≤ 53: the code loses low
  // bits only past 2^21 points.
  const indexBits = Math.max(21, Math.ceil(Math.log2(count + 1)));
  const shift = indexBits - 21, scale = 2 ** indexBits;
  const keyed = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const x = xy[k * 2]!, y = xy[k * 2 + 1]!;
    const code = x === x && y === y ? ((part1By1((x - minX) * sx) | (part1By1((y - minY) * sy) << 1)) >>> 0) : 0;
    keyed[k] = Math.floor(code / 2 ** shift) * scale + k;
  }
  keyed.sort();
  const order = new Uint32Array(count);
  for (let o = 0; o < count; o++) order[o] = keyed[o]! % scale;
  return order;
}
