import type { LayerStore } from './layerStore';
import { boxHolds, cellAt, inCell, storePointGrid, subColumn, subRow } from './pointGrid';
import type { PointGrid } from './pointGrid';

// Points in polygons at layer scale (issue 9): a point grid over the feature bboxes (pointGrid.ts) and an even-odd
// ray cast straight over the store's typed arrays.
//
// Points on an edge: the crossing test is half-open (an edge counts when one end is above the point's y and the
// other is not, and the point lies strictly left of where the edge meets that y), and every edge is evaluated from
// its lower end whichever way the ring runs. So for a polygon, points on its left and bottom edges are inside and
// points on its right and top edges are outside; and for parcels that share an edge (same vertices), a point on
// that edge — or on a shared vertex — is in exactly one of them: the parcel on its +x side (+y for a horizontal
// edge). Nothing is counted twice and no gap opens between neighbours.
//
// Speed: at 10^6 parcels a probe costs what its cache misses cost (each random read is also a TLB miss, ~0.4 µs
// when it waits on the read before), not arithmetic. So points go in batches, and each step of the lookup
// (cell → grid entries → feature bbox → ring vertices) is its own pass over the whole batch: inside a pass the
// reads are independent of one another, and the CPU overlaps their misses instead of waiting on each in turn.

/** Whether (px, py) is inside the ring of vertices [v0, v1): the half-open crossing rule above. */
function inRing(coords: Float64Array, v0: number, v1: number, px: number, py: number): boolean {
  if (v1 - v0 < 3) return false;
  let inside = false;
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
  return inside;
}

/** Whether (px, py) is inside part p of the store: even-odd over all its rings, so holes are holes. */
function inPart(store: LayerStore, p: number, px: number, py: number): boolean {
  const { coords, ringStart, partStart } = store;
  let inside = false;
  for (let r = partStart[p]!, rEnd = partStart[p + 1]!; r < rEnd; r++) if (inRing(coords, ringStart[r]!, ringStart[r + 1]!, px, py)) inside = !inside;
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
 * The first call on a store builds its point grid (pointGrid.ts).
 */
export function locatePoints(store: LayerStore, xy: Float64Array): Int32Array {
  const count = xy.length >> 1;
  const out = new Int32Array(count).fill(-1);
  if (store.featureCount === 0 || count === 0) return out;
  const grid = storePointGrid(store);
  const batch = new Batch();
  let from = 0;
  while (from < count) {
    const to = findCells(grid, xy, from, Math.min(count, from + BATCH), batch);
    gatherEntries(grid, from, to, batch);
    keepExactBboxes(store, xy, batch);
    findVertices(grid, store, batch);
    testRings(store, xy, batch, out);
    from = to;
  }
  return out;
}

/** Points per batch: enough for the passes to overlap many misses, few enough that what they read stays in cache. */
const BATCH = 256;
/** Cell entries per batch, beyond which a batch ends early (layers of many overlapping features): bounds the memory. */
const BATCH_ENTRIES = 1 << 16;

/** One batch's working arrays: per point its cell's entries; then the candidate (point, feature) pairs. */
class Batch {
  /** Per point of the batch: its cell's entry range [entryFrom, entryTo), and its sub-cell in the cell (x | y << 8). */
  entryFrom = new Uint32Array(BATCH);
  entryTo = new Uint32Array(BATCH);
  subCell = new Uint32Array(BATCH);
  /** Candidates, each point's in ascending feature order: point, feature, and the vertices of a single-ring feature. */
  size = 0;
  point = new Uint32Array(0);
  feature = new Uint32Array(0);
  vertexFrom = new Uint32Array(0);
  vertexTo = new Uint32Array(0);

  /** Room for n candidates. */
  reserve(n: number): void {
    this.size = 0;
    if (n <= this.point.length) return;
    const length = Math.max(n, BATCH * 16);
    this.point = new Uint32Array(length);
    this.feature = new Uint32Array(length);
    this.vertexFrom = new Uint32Array(length);
    this.vertexTo = new Uint32Array(length);
  }
}

/** Sums what the read-ahead loops load, only so that the compiler keeps the loads. */
let _readAhead = 0;

/**
 * Pass 1: each point's cell, from `from` up to `to` or until the batch has `BATCH_ENTRIES` entries to scan;
 * returns where the batch ends. Points outside every bbox (and NaN) get no entries.
 */
function findCells(grid: PointGrid, xy: Float64Array, from: number, to: number, b: Batch): number {
  const { cellStart, columns, minX, minY, maxX, maxY } = grid;
  let total = 0, k = from;
  for (; k < to && total < BATCH_ENTRIES; k++) {
    const px = xy[k * 2]!, py = xy[k * 2 + 1]!;
    let first = 0, end = 0, sub = 0;
    if (px >= minX && px <= maxX && py >= minY && py <= maxY) {
      const sx = subColumn(grid, px), sy = subRow(grid, py), cell = cellAt(sy) * columns + cellAt(sx);
      first = cellStart[cell]!;
      end = cellStart[cell + 1]!;
      sub = inCell(sx) | (inCell(sy) << 8);
    }
    b.entryFrom[k - from] = first;
    b.entryTo[k - from] = end;
    b.subCell[k - from] = sub;
    total += end - first;
  }
  b.reserve(total);
  return k;
}

/** Pass 2: the cell entries whose clipped box holds the point's sub-cell, as candidates. */
function gatherEntries(grid: PointGrid, from: number, to: number, b: Batch): void {
  const { entries } = grid;
  const { point, feature, entryFrom, entryTo, subCell } = b;
  let touched = 0;
  for (let j = 0; j < to - from; j++) if (entryFrom[j]! < entryTo[j]!) touched += entries[entryFrom[j]! * 2]!; // read ahead
  _readAhead += touched;
  let n = 0;
  for (let k = from; k < to; k++) {
    const sub = subCell[k - from]!, sx = sub & 255, sy = sub >> 8;
    for (let e = entryFrom[k - from]!, end = entryTo[k - from]!; e < end; e++) {
      if (!boxHolds(entries[e * 2 + 1]!, sx, sy)) continue;
      point[n] = k;
      feature[n++] = entries[e * 2]!;
    }
  }
  b.size = n;
}

/** Pass 3: keeps the candidates whose exact bbox holds the point (edges included), as the flatbush probe did. */
function keepExactBboxes(store: LayerStore, xy: Float64Array, b: Batch): void {
  const { bbox } = store;
  const { point, feature } = b;
  let touched = 0;
  for (let j = 0; j < b.size; j++) touched += bbox[feature[j]! * 4]!; // read ahead: no branches, misses overlap
  _readAhead += touched;
  let n = 0;
  for (let j = 0; j < b.size; j++) {
    const k = point[j]!, i = feature[j]!, px = xy[k * 2]!, py = xy[k * 2 + 1]!;
    if (px < bbox[i * 4]! || py < bbox[i * 4 + 1]! || px > bbox[i * 4 + 2]! || py > bbox[i * 4 + 3]!) continue;
    point[n] = k;
    feature[n++] = i;
  }
  b.size = n;
}

/** Pass 4: the vertex range of each single-ring candidate, and a read ahead into its vertices. */
function findVertices(grid: PointGrid, store: LayerStore, b: Batch): void {
  const { ringVertices } = grid;
  const { feature, vertexFrom, vertexTo } = b;
  for (let j = 0; j < b.size; j++) {
    vertexFrom[j] = ringVertices[feature[j]! * 2]!;
    vertexTo[j] = ringVertices[feature[j]! * 2 + 1]!;
  }
  const { coords } = store;
  let touched = 0;
  for (let j = 0; j < b.size; j++) touched += coords[vertexFrom[j]! * 2]!;
  _readAhead += touched;
}

/** Pass 5: the ring tests, in candidate order, so each point gets the lowest-index feature containing it. */
function testRings(store: LayerStore, xy: Float64Array, b: Batch, out: Int32Array): void {
  const { coords } = store;
  const { point, feature, vertexFrom, vertexTo } = b;
  for (let j = 0; j < b.size; j++) {
    const k = point[j]!;
    if (out[k]! >= 0) continue; // found in a lower-index feature
    const px = xy[k * 2]!, py = xy[k * 2 + 1]!, from = vertexFrom[j]!, to = vertexTo[j]!;
    const inside = to > from ? inRing(coords, from, to, px, py) : storeFeatureContains(store, feature[j]!, px, py);
    if (inside) out[k] = feature[j]!;
  }
}
