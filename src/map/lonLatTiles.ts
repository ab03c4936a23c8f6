// Tile math for showing geographic (lon/lat) WMTS tiles on the Web Mercator map: Tianditu's "_c" sets
// (TILEMATRIXSET=c, CGCS2000 lon/lat; CGCS2000 and WGS 84 agree to centimetres, far below a pixel).
//
// Tianditu's c matrix set: origin (-180°, 90°), 256-pixel tiles, TileMatrix L = 1…18; a level-L tile spans
// 180 / 2^(L-1) degrees both ways, so level 1 is 2 columns × 1 row covering the globe (the OGC
// WorldCRS84Quad grid, one level up). A Web Mercator tile is drawn from the c tiles that cover it: columns
// map linearly (longitude is linear in both), rows are remapped through the latitude of each pixel row.
// Pure functions only: the protocol that fetches and decodes tiles is in lonLatProtocol.ts.

export const TILE_SIZE = 256;
/** Tianditu serves c levels 1–18. */
export const C_MIN_LEVEL = 1;
export const C_MAX_LEVEL = 18;

export interface LonLatBounds {
  west: number;
  east: number;
  /** Latitude of the tile's top edge. */
  north: number;
  south: number;
}

/** Latitude (degrees) at a Web Mercator world y in [0, 1] (0 at the top, 85.0511°N). */
export function latitudeAtMercatorY(worldY: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * worldY))) * 180) / Math.PI;
}

/** Bounds of the Web Mercator (XYZ) tile z/x/y. */
export function mercatorTileBounds(z: number, x: number, y: number): LonLatBounds {
  const n = 2 ** z;
  return {
    west: (x / n) * 360 - 180,
    east: ((x + 1) / n) * 360 - 180,
    north: latitudeAtMercatorY(y / n),
    south: latitudeAtMercatorY((y + 1) / n),
  };
}

/** Degrees spanned by one tile of c level L (both ways). */
export function cTileSpanDegrees(level: number): number {
  return 180 / 2 ** (level - 1);
}

/**
 * The c level for a Web Mercator tile. Level L = z gives the same degrees of longitude per pixel; a Mercator
 * pixel spans cos(φ) times fewer degrees of latitude, so the level goes up by round(log2(1 / cos φ)) at the tile's
 * middle latitude (none below 45°, one at 45°–65°…), keeping the source rows no coarser than about 1.4 screen rows.
 */
export function cLevelForMercatorTile(z: number, y: number, maxLevel = C_MAX_LEVEL): number {
  const middle = latitudeAtMercatorY((y + 0.5) / 2 ** z);
  const extra = Math.max(0, Math.round(Math.log2(1 / Math.cos((middle * Math.PI) / 180))));
  return Math.min(maxLevel, Math.max(C_MIN_LEVEL, z + extra));
}

export interface CTileRange {
  level: number;
  colMin: number;
  colMax: number;
  rowMin: number;
  rowMax: number;
}

/** The c tiles at `level` that cover `bounds` (inclusive ranges, clipped to the matrix: 2^L columns, 2^(L-1) rows). */
export function coveringCTiles(bounds: LonLatBounds, level: number): CTileRange {
  const span = cTileSpanDegrees(level);
  const cols = 2 ** level;
  const rows = 2 ** (level - 1);
  // A bound that falls on a tile edge (to rounding) does not pull in the neighbouring tile.
  const eps = 1e-9;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    level,
    colMin: clamp(Math.floor((bounds.west + 180) / span + eps), cols - 1),
    colMax: clamp(Math.ceil((bounds.east + 180) / span - eps) - 1, cols - 1),
    rowMin: clamp(Math.floor((90 - bounds.north) / span + eps), rows - 1),
    rowMax: clamp(Math.ceil((90 - bounds.south) / span - eps) - 1, rows - 1),
  };
}

export interface ResamplePlan {
  range: CTileRange;
  /** For each destination pixel row (centre), the continuous row in the mosaic of the covering tiles (pixel edges at integers). */
  sourceRows: Float64Array;
  /** For each destination pixel column (centre), the continuous column in the mosaic. */
  sourceCols: Float64Array;
  /** Mosaic size in pixels. */
  width: number;
  height: number;
}

/** Which c tiles a Web Mercator tile needs, and where in their mosaic each destination row and column comes from. */
export function resamplePlan(z: number, x: number, y: number, maxLevel = C_MAX_LEVEL): ResamplePlan {
  const bounds = mercatorTileBounds(z, x, y);
  const range = coveringCTiles(bounds, cLevelForMercatorTile(z, y, maxLevel));
  const span = cTileSpanDegrees(range.level);
  const n = 2 ** z;
  const sourceRows = new Float64Array(TILE_SIZE);
  const sourceCols = new Float64Array(TILE_SIZE);
  for (let j = 0; j < TILE_SIZE; j++) {
    const lat = latitudeAtMercatorY((y + (j + 0.5) / TILE_SIZE) / n);
    sourceRows[j] = ((90 - lat) / span - range.rowMin) * TILE_SIZE;
  }
  for (let i = 0; i < TILE_SIZE; i++) {
    const lon = bounds.west + ((i + 0.5) / TILE_SIZE) * (bounds.east - bounds.west);
    sourceCols[i] = ((lon + 180) / span - range.colMin) * TILE_SIZE;
  }
  return {
    range,
    sourceRows,
    sourceCols,
    width: (range.colMax - range.colMin + 1) * TILE_SIZE,
    height: (range.rowMax - range.rowMin + 1) * TILE_SIZE,
  };
}

/**
 * Resamples the mosaic (RGBA, `plan.width` × `plan.height`, unpremultiplied as ImageData gives it) into a
 * 256×256 Web Mercator tile, bilinearly, weighting colours by alpha so transparent label backgrounds do not
 * darken the edges of text.
 */
export function resampleToMercator(mosaic: Uint8ClampedArray, plan: ResamplePlan): Uint8ClampedArray<ArrayBuffer> {
  const { width, height } = plan;
  const out = new Uint8ClampedArray(TILE_SIZE * TILE_SIZE * 4);
  const clampIndex = (v: number, max: number) => (v < 0 ? 0 : v > max ? max : v);
  for (let j = 0; j < TILE_SIZE; j++) {
    const v = plan.sourceRows[j]! - 0.5;
    const r0 = Math.floor(v);
    const fy = v - r0;
    const ra = clampIndex(r0, height - 1) * width;
    const rb = clampIndex(r0 + 1, height - 1) * width;
    for (let i = 0; i < TILE_SIZE; i++) {
      const u = plan.sourceCols[i]! - 0.5;
      const c0 = Math.floor(u);
      const fx = u - c0;
      const ca = clampIndex(c0, width - 1);
      const cb = clampIndex(c0 + 1, width - 1);
      const p00 = (ra + ca) * 4;
      const p01 = (ra + cb) * 4;
      const p10 = (rb + ca) * 4;
      const p11 = (rb + cb) * 4;
      // Alpha-weighted corner weights.
      const w00 = (1 - fx) * (1 - fy) * mosaic[p00 + 3]!;
      const w01 = fx * (1 - fy) * mosaic[p01 + 3]!;
      const w10 = (1 - fx) * fy * mosaic[p10 + 3]!;
      const w11 = fx * fy * mosaic[p11 + 3]!;
      const a = w00 + w01 + w10 + w11;
      const o = (j * TILE_SIZE + i) * 4;
      if (a > 0) {
        for (let c = 0; c < 3; c++) out[o + c] = (w00 * mosaic[p00 + c]! + w01 * mosaic[p01 + c]! + w10 * mosaic[p10 + c]! + w11 * mosaic[p11 + c]!) / a;
        out[o + 3] = a;
      }
    }
  }
  return out;
}
