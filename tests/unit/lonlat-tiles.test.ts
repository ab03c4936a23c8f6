import { describe, expect, it } from 'vitest';
import { cLevelForMercatorTile, coveringCTiles, cTileSpanDegrees, mercatorTileBounds, resamplePlan, resampleToMercator } from '../../src/map/lonLatTiles';
import { cTileUrl } from '../../src/map/lonLatProtocol';

// Hand-computed cases (Python's math module, the formulas written out in each test): Web Mercator tile edges
// lat = atan(sinh(π(1 − 2y/2^z))), and Tianditu's c matrix set, origin (−180°, 90°), level L tiles of
// 180/2^(L−1) degrees (its capabilities: level 11 has a resolution of 0.0006866455078125°/px × 256 px = 0.17578125°).

describe('Tianditu c tile matrix', () => {
  it('level L tiles span 180/2^(L-1) degrees', () => {
    expect(cTileSpanDegrees(1)).toBe(180);
    expect(cTileSpanDegrees(11)).toBe(0.17578125);
    expect(cTileSpanDegrees(18)).toBeCloseTo(0.0006866455078125 * 2, 15);
  });

  it('fills the WMTS template of one c tile', () => {
    expect(cTileUrl('https://t{s}.tianditu.gov.cn/img_c/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=k', 16, 10831, 53684)).toBe(
      'https://t3.tianditu.gov.cn/img_c/wmts?TILEMATRIX=16&TILEROW=10831&TILECOL=53684&tk=k',
    );
  });
});

describe('a Web Mercator tile from c tiles', () => {
  it('z1/1/0 (0…180°E, 0…85.0511°N) takes c level 2, columns 2–3, row 0', () => {
    const b = mercatorTileBounds(1, 1, 0);
    expect([b.west, b.east, b.south]).toEqual([0, 180, 0]);
    expect(b.north).toBeCloseTo(85.0511287798, 9);
    // middle latitude atan(sinh(π/2)) = 66.513°, log2(1/cos) = 1.327 → one level up.
    expect(cLevelForMercatorTile(1, 0)).toBe(2);
    expect(coveringCTiles(b, 2)).toEqual({ level: 2, colMin: 2, colMax: 3, rowMin: 0, rowMax: 0 });
    const plan = resamplePlan(1, 1, 0);
    expect([plan.width, plan.height]).toEqual([512, 256]);
    // Row 0's centre is at 85.0207°N: (90 − 85.0207) / 90 × 256 = 14.1633; row 255's at 0.35156°N: 255.0000.
    expect(plan.sourceRows[0]).toBeCloseTo(14.16332, 4);
    expect(plan.sourceRows[255]).toBeCloseTo(255.0000063, 5);
    // Columns are linear: 180° over 256 px at 90° per 256 source px → source column 2i + 1.
    expect(plan.sourceCols[0]).toBeCloseTo(1, 9);
    expect(plan.sourceCols[255]).toBeCloseTo(511, 9);
  });

  it('z2/2/2 (0…90°E, 0…66.51°S) takes level 2, column 2, row 1', () => {
    // middle latitude −40.98°: log2(1/cos) = 0.41 → same level.
    expect(cLevelForMercatorTile(2, 2)).toBe(2);
    expect(resamplePlan(2, 2, 2).range).toEqual({ level: 2, colMin: 2, colMax: 2, rowMin: 1, rowMax: 1 });
  });

  it('z5/16/9 (0…11.25°E, 55.78…61.61°N) goes one level up at 58.8°N, to 2×2 tiles', () => {
    // log2(1/cos 58.81°) = 0.95 → +1; span 5.625°: rows (90 − 61.606)/5.625 = 5.05 … (90 − 55.777)/5.625 = 6.08; columns 180/5.625 = 32 … 33.
    expect(cLevelForMercatorTile(5, 9)).toBe(6);
    expect(resamplePlan(5, 16, 9).range).toEqual({ level: 6, colMin: 32, colMax: 33, rowMin: 5, rowMax: 6 });
  });

  it('z16 at 114.9°E 30.5°N: one column, two rows, and 30.5°N on destination row 40.62 and source row 164.98', () => {
    // x = (114.9 + 180)/360 × 2^16 = 53684.91; y = (1 − ln tan(45° + 15.25°)/π)/2 × 2^16 = 26933.159 → row 40.62 of the tile.
    const plan = resamplePlan(16, 53684, 26933);
    // span 180/2^15 = 0.0054931640625°: column (114.895 + 180)/span = 53684; rows 10831.51 … 10832.37.
    expect(plan.range).toEqual({ level: 16, colMin: 53684, colMax: 53684, rowMin: 10831, rowMax: 10832 });
    // 30.5°N in the mosaic: (90 − 30.5)/span × 256 − 10831 × 256 = 164.978.
    expect(plan.sourceRows[40]).toBeCloseTo(164.87541, 4); // row centre 40.5 ↔ 30.500002°N
    expect(plan.sourceRows[41]).toBeCloseTo(165.73703, 4); // 30.499984°N
    expect(plan.sourceRows[0]).toBeCloseTo(130.41037, 4); // 30.500742°N
    expect(plan.sourceRows[255]).toBeCloseTo(350.12946, 4); // 30.496027°N
    // At level = zoom the columns map one to one.
    expect(plan.sourceCols[0]).toBeCloseTo(0.5, 6);
    expect(plan.sourceCols[200]).toBeCloseTo(200.5, 6);
  });
});

describe('resampling', () => {
  const solid = (width: number, height: number, pixel: (col: number, row: number) => [number, number, number, number]) => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data.set(pixel(c, r), (r * width + c) * 4);
    return data;
  };

  it('puts a one-pixel line of the source on the destination row whose latitude it has', () => {
    const plan = resamplePlan(16, 53684, 26933);
    // Source row 164 holds 30.5°N (164.978 lies in it); it is brightest on destination row 40, whose centre maps to 164.875.
    const mosaic = solid(plan.width, plan.height, (_c, r) => (r === 164 ? [255, 0, 0, 255] : [255, 255, 255, 255]));
    const tile = resampleToMercator(mosaic, plan);
    const greenAt = (row: number) => tile[(row * 256 + 128) * 4 + 1]!;
    const darkest = [...Array(256).keys()].reduce((best, row) => (greenAt(row) < greenAt(best) ? row : best), 0);
    expect(darkest).toBe(40);
    // Bilinear: row 40 takes 62.5 % of source row 164 (164.875 − 0.5 = 164.375).
    expect(greenAt(40)).toBe(Math.round(255 * 0.375));
    expect(greenAt(120)).toBe(255);
  });

  it('keeps colours at the edge of transparent label pixels (alpha-weighted)', () => {
    // z1/1/0 from level 2: destination column i samples source 2i + 1 − 0.5, halfway between columns 2i and 2i + 1.
    const plan = resamplePlan(1, 1, 0);
    const mosaic = solid(plan.width, plan.height, (c) => (c <= 100 ? [0, 0, 0, 0] : [250, 200, 10, 255]));
    const tile = resampleToMercator(mosaic, plan);
    // Column 50 is half transparent (source 100), half label (source 101): half alpha, the label's own colour, not darker.
    const o = (128 * 256 + 50) * 4;
    expect([...tile.subarray(o, o + 4)]).toEqual([250, 200, 10, 128]);
    expect(tile[(128 * 256 + 10) * 4 + 3]).toBe(0);
    expect([...tile.subarray((128 * 256 + 51) * 4, (128 * 256 + 51) * 4 + 4)]).toEqual([250, 200, 10, 255]);
  });
});
