import type { LayerStore } from './layerStore';

// A uniform grid over a store's feature bboxes, for locating points (issue 9: 10k points in 10^6 parcels in
// ≤ 20 ms). Each cell lists, in ascending feature order, every feature whose bbox meets the cell, each with that
// bbox clipped to the cell and rounded outward to 1/256 of the cell (four bytes). A probe scans one cell's short
// run of entries, so the bboxes of the features a point is *not* in are never fetched from the store's bbox
// array: at layer scale each such fetch is a cache and TLB miss, and misses are what a probe costs.
//
// Exactness: a point's cell and sub-cell come from the same monotone function of x (and of y) as the features'
// cell ranges, so a feature whose exact bbox contains the point (edges included) is always listed in the
// point's cell with a clipped box that contains the point's sub-cell. The grid only ever adds candidates; the
// caller still checks the exact bbox and the rings.

/** Sub-cells per cell side (2^8): clipped boxes are stored as four bytes. */
const SUB_BITS = 8;
const SUB = 1 << SUB_BITS;
/** Features per cell aimed for. Cells of ~8 features cost a little scanning but keep the grid small. */
const FEATURES_PER_CELL = 8;
/** Cap on cell entries per feature, against layers of many huge, overlapping features (cells grow instead). */
const MAX_ENTRIES_PER_FEATURE = 16;

export interface PointGrid {
  /** Bounds of all the feature bboxes (may be infinite): a point outside them is in no feature. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Where sub-cell 0 starts, and sub-cells per unit of x and y. */
  originX: number;
  originY: number;
  scale: number;
  columns: number;
  rows: number;
  /** First entry of each cell (row by row); one more entry than cells. */
  cellStart: Uint32Array;
  /**
   * Two numbers per entry: the feature (ascending within a cell), and its bbox clipped to the cell in sub-cells,
   * packed as minX | minY << 8 | maxX << 16 | maxY << 24 (see `packBox`). Side by side, so a probe and the build
   * each touch one place per entry.
   */
  entries: Uint32Array;
  /** Vertex range [start, end) of each feature that is one ring (one part, no holes); 0, 0 for the others. */
  ringVertices: Uint32Array;
}

const grids = new WeakMap<Float64Array, PointGrid>();

/**
 * The point grid of a store, built on first use and cached with the store's bbox array (stores are never
 * edited in place). The build reads the bboxes and offsets only: ~0.1–0.2 s and ~25 MB at 10^6 features.
 */
export function storePointGrid(store: LayerStore): PointGrid {
  let grid = grids.get(store.bbox);
  if (!grid) {
    grid = buildPointGrid(store);
    grids.set(store.bbox, grid);
  }
  return grid;
}

/** The grid of a store (uncached); `featuresPerCell` sets the cell size. */
export function buildPointGrid(store: LayerStore, featuresPerCell = FEATURES_PER_CELL): PointGrid {
  const { bbox, featureCount: n } = store;
  const bounds = boundsOf(bbox, n, (v) => v === v);
  // Cells are sized on the finite bounds; infinite bbox sides (bad data) land in the edge cells by clamping.
  const finite = [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY].every(Number.isFinite) ? bounds : boundsOf(bbox, n, Number.isFinite);
  const origin = finite.minX <= finite.maxX && finite.minY <= finite.maxY
    ? { x: finite.minX, y: finite.minY, width: finite.maxX - finite.minX, height: finite.maxY - finite.minY }
    : { x: 0, y: 0, width: 0, height: 0 }; // no finite bbox: one cell will do
  const cells = Math.min(2 ** 22, Math.max(1, Math.ceil(n / featuresPerCell)));
  // Square cells, but never more than `cells` along one side (a layer along a line has no height).
  let size = Math.max(Math.sqrt((origin.width * origin.height) / cells), Math.max(origin.width, origin.height) / cells) || 1;
  let grid = gridShape(bounds, origin, size);
  let cellStart = countCells(grid, bbox, n);
  while (cellStart[cellStart.length - 1]! > MAX_ENTRIES_PER_FEATURE * n + cells && cellStart.length > 2) {
    size *= 2;
    grid = gridShape(bounds, origin, size);
    cellStart = countCells(grid, bbox, n);
  }
  grid.cellStart = cellStart;
  grid.entries = fillCells(grid, bbox, n);
  grid.ringVertices = singleRingVertices(store);
  return grid;
}

/** Sub-cell column of x: floor((x - originX) · scale) clamped to the grid, so monotone in x. */
export function subColumn(grid: PointGrid, x: number): number {
  return Math.min(Math.max(Math.floor((x - grid.originX) * grid.scale), 0), grid.columns * SUB - 1);
}

/** Sub-cell row of y, as `subColumn`. */
export function subRow(grid: PointGrid, y: number): number {
  return Math.min(Math.max(Math.floor((y - grid.originY) * grid.scale), 0), grid.rows * SUB - 1);
}

/** Cell column (row) of a sub-cell column (row). */
export function cellAt(sub: number): number {
  return sub >> SUB_BITS;
}

/** Position of a sub-cell column (row) inside its cell: 0–255. */
export function inCell(sub: number): number {
  return sub & (SUB - 1);
}

/** A box of positions in a cell (0–255 each) as one unsigned 32-bit number. */
export function packBox(minX: number, minY: number, maxX: number, maxY: number): number {
  return (minX | (minY << 8) | (maxX << 16) | (maxY << 24)) >>> 0;
}

/** Whether the packed box holds the position (x, y) in the cell. */
export function boxHolds(box: number, x: number, y: number): boolean {
  return x >= (box & 255) && y >= ((box >>> 8) & 255) && x <= ((box >>> 16) & 255) && y <= box >>> 24;
}

interface Bounds { minX: number; minY: number; maxX: number; maxY: number }

/** Bounds of the bbox sides that pass `keep` (empty bboxes are NaN: never kept). */
function boundsOf(bbox: Float64Array, n: number, keep: (v: number) => boolean): Bounds {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x0 = bbox[i * 4]!, y0 = bbox[i * 4 + 1]!, x1 = bbox[i * 4 + 2]!, y1 = bbox[i * 4 + 3]!;
    if (x0 < minX && keep(x0)) minX = x0;
    if (y0 < minY && keep(y0)) minY = y0;
    if (x1 > maxX && keep(x1)) maxX = x1;
    if (y1 > maxY && keep(y1)) maxY = y1;
  }
  return { minX, minY, maxX, maxY };
}

/** An empty grid of cells of side `size` from the origin over width × height. */
function gridShape(bounds: Bounds, origin: { x: number; y: number; width: number; height: number }, size: number): PointGrid {
  return {
    ...bounds, originX: origin.x, originY: origin.y, scale: SUB / size,
    columns: Math.max(1, Math.ceil(origin.width / size)), rows: Math.max(1, Math.ceil(origin.height / size)),
    cellStart: new Uint32Array(0), entries: new Uint32Array(0), ringVertices: new Uint32Array(0),
  };
}

/**
 * Feature i's bbox in sub-cells (minX, minY, maxX, maxY into `sub`), or false for an empty bbox (NaN) or one
 * with no vertex that has a number for one axis: those are in no cell, as in no flatbush search.
 */
function subBox(grid: PointGrid, bbox: Float64Array, i: number, sub: Int32Array): boolean {
  const x0 = bbox[i * 4]!, y0 = bbox[i * 4 + 1]!, x1 = bbox[i * 4 + 2]!, y1 = bbox[i * 4 + 3]!;
  if (!(x0 <= x1 && y0 <= y1)) return false;
  sub[0] = subColumn(grid, x0);
  sub[1] = subRow(grid, y0);
  sub[2] = subColumn(grid, x1);
  sub[3] = subRow(grid, y1);
  return true;
}

/** First entry of each cell (prefix sums of the features per cell); the last number is the entry count. */
function countCells(grid: PointGrid, bbox: Float64Array, n: number): Uint32Array {
  const { columns, rows } = grid;
  const cellStart = new Uint32Array(columns * rows + 1), sub = new Int32Array(4);
  for (let i = 0; i < n; i++) {
    if (!subBox(grid, bbox, i, sub)) continue;
    for (let y = cellAt(sub[1]!); y <= cellAt(sub[3]!); y++) {
      for (let x = cellAt(sub[0]!); x <= cellAt(sub[2]!); x++) cellStart[y * columns + x + 1]!++;
    }
  }
  for (let c = 0; c < columns * rows; c++) cellStart[c + 1]! += cellStart[c]!;
  return cellStart;
}

/** The entries: every feature in each cell its bbox meets, filled in feature order so each cell's run ascends. */
function fillCells(grid: PointGrid, bbox: Float64Array, n: number): Uint32Array {
  const { columns, cellStart } = grid;
  const next = cellStart.slice(0, cellStart.length - 1), sub = new Int32Array(4);
  const entries = new Uint32Array(cellStart[cellStart.length - 1]! * 2);
  for (let i = 0; i < n; i++) {
    if (!subBox(grid, bbox, i, sub)) continue;
    const sx0 = sub[0]!, sy0 = sub[1]!, sx1 = sub[2]!, sy1 = sub[3]!;
    for (let y = cellAt(sy0); y <= cellAt(sy1); y++) {
      for (let x = cellAt(sx0); x <= cellAt(sx1); x++) {
        const e = next[y * columns + x]!++;
        entries[e * 2] = i;
        // The bbox clipped to this cell: its own sides in its end cells, the cell's sides elsewhere.
        entries[e * 2 + 1] = packBox(
          x === cellAt(sx0) ? inCell(sx0) : 0, y === cellAt(sy0) ? inCell(sy0) : 0,
          x === cellAt(sx1) ? inCell(sx1) : SUB - 1, y === cellAt(sy1) ? inCell(sy1) : SUB - 1,
        );
      }
    }
  }
  return entries;
}

/**
 * Vertex range of each feature that is a single ring, so a probe reaches its vertices in one step instead of
 * through the feature, part and ring offsets (three dependent cache misses at layer scale). Most parcels are one ring.
 */
function singleRingVertices(store: LayerStore): Uint32Array {
  const { featureStart, partStart, ringStart, featureCount: n } = store;
  const ranges = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = featureStart[i]!;
    if (featureStart[i + 1]! - p !== 1) continue;
    const r = partStart[p]!;
    if (partStart[p + 1]! - r !== 1) continue;
    ranges[i * 2] = ringStart[r]!;
    ranges[i * 2 + 1] = ringStart[r + 1]!;
  }
  return ranges;
}
