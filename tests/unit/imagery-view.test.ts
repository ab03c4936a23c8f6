import { describe, expect, it } from 'vitest';
import {
  bandRange, bboxInCrs, chooseLevel, cornerDrawingErrorPx, lonLatToWorld, percentileOfSorted, pixelWindow, planRasterRead,
  stretchToRgba, stretchValue, transformBetween, warpToMercator, windowBbox, worldToLonLat,
} from '../../src/core';
import type { Bbox } from '../../src/core';

// Which overview and window a view reads, and the contrast stretch, against figures worked by hand.

// A 10 000 × 8 000 m image at 1 m with overviews at 2, 4 and 8 m (each half the one before).
const bbox: Bbox = [500_000, 3_000_000, 510_000, 3_008_000];
const levels = [{ width: 10_000, height: 8_000 }, { width: 5_000, height: 4_000 }, { width: 2_500, height: 2_000 }, { width: 1_250, height: 1_000 }];
const identity = (p: number[]) => p as [number, number];

describe('the overview level a view needs', () => {
  it('takes the coarsest level still at least as fine as the screen', () => {
    expect(chooseLevel(bbox, levels, 3)).toBe(1); // 2 m ≤ 3 m < 4 m
    expect(chooseLevel(bbox, levels, 4)).toBe(2); // exactly 4 m is fine enough
    expect(chooseLevel(bbox, levels, 7.9)).toBe(2);
    expect(chooseLevel(bbox, levels, 100)).toBe(3); // zoomed far out: the smallest overview
  });

  it('takes the full image when even it is coarser than the screen (zoomed in past 1 m)', () => {
    expect(chooseLevel(bbox, levels, 0.25)).toBe(0);
  });
});

describe('the pixel window of a view', () => {
  it('covers the box in whole pixels, y down from the top edge', () => {
    // At 4 m: x 501 000–502 002 m → columns 250–500.5 → 250..501; y 3 007 000–3 007 990 m → rows 2.5..252.
    expect(pixelWindow(bbox, levels[2]!, [501_000, 3_006_990, 502_002, 3_007_990])).toEqual([250, 2, 501, 253]);
    expect(windowBbox(bbox, levels[2]!, [250, 2, 501, 253])).toEqual([501_000, 3_006_988, 502_004, 3_007_992]);
  });

  it('is clamped to the image, and null when the box misses it', () => {
    expect(pixelWindow(bbox, levels[3]!, [499_000, 2_999_000, 500_800, 3_000_800])).toEqual([0, 900, 100, 1_000]);
    expect(pixelWindow(bbox, levels[0]!, [400_000, 3_000_000, 450_000, 3_001_000])).toBeNull();
  });

  it('plans a read for a view: its box grown by the margin, at the level the screen needs', () => {
    // A 1000 × 500 px view of 3 000 × 1 500 m: 3 m a pixel → level 1 (2 m); a 10 % margin adds 300 m and 150 m.
    const plan = planRasterRead(bbox, levels, { boundsLonLat: [502_000, 3_002_000, 505_000, 3_003_500], widthPx: 1000, heightPx: 500 }, identity, 0.1)!;
    expect(plan.level).toBe(1);
    expect(plan.window).toEqual([850, 2_175, 2_650, 3_075]);
    expect(plan.bbox).toEqual([501_700, 3_001_850, 505_300, 3_003_650]);
  });

  it('takes a lon/lat view into a Gauss-Kruger plane by its curved edges', () => {
    // In CGCS2000 GK CM 114°E a parallel bows towards the pole away from the central meridian: across
    // 113.5–114.5°E the southern edge is lowest in its middle, on the meridian, not at its corners.
    const toGk = transformBetween('EPSG:4490', 'EPSG:4547');
    const box = bboxInCrs([113.5, 30.4, 114.5, 30.5], toGk);
    const corners = Math.min(toGk([113.5, 30.4])[1], toGk([114.5, 30.4])[1]);
    expect(box[1]).toBeCloseTo(toGk([114, 30.4])[1], 3);
    expect(corners - box[1]).toBeGreaterThan(50);
  });
});

describe('drawing a window by its corners or warping it', () => {
  const toLonLat = transformBetween('EPSG:4547', 'EPSG:4490');
  const fromLonLat = transformBetween('EPSG:4490', 'EPSG:4547');
  it('a 5 km Gauss-Kruger window drawn at 8 m strays far less than a pixel from its corners', () => {
    expect(cornerDrawingErrorPx([583_940, 3_368_340, 588_940, 3_372_340], 625, 500, toLonLat)).toBeLessThan(0.1);
  });

  it('a 300 km window at 1000 px does not: it is warped', () => {
    expect(cornerDrawingErrorPx([350_000, 3_200_000, 650_000, 3_500_000], 1000, 1000, toLonLat)).toBeGreaterThan(1);
  });

  it('Web Mercator world units round-trip and put (0, 0) in the middle', () => {
    expect(lonLatToWorld([0, 0])).toEqual([0.5, 0.5]);
    const [lon, lat] = worldToLonLat(lonLatToWorld([114.9, 30.45]));
    expect(lon).toBeCloseTo(114.9, 10);
    expect(lat).toBeCloseTo(30.45, 10);
  });

  it('warping keeps each pixel where it truly is (the warped centre pixel is the source centre pixel)', () => {
    const w = 200, h = 200, win: Bbox = [350_000, 3_200_000, 650_000, 3_500_000];
    const rgba = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([i % w, Math.floor(i / w), 0, 255], i * 4);
    const out = warpToMercator(rgba, w, h, win, toLonLat, fromLonLat);
    // The source pixel under the true place of the window's centre, found through the warped grid.
    const centre = toLonLat([500_000, 3_350_000]);
    const [cx, cy] = lonLatToWorld(centre);
    const [x0, y0] = lonLatToWorld([out.boundsLonLat[0], out.boundsLonLat[3]]);
    const [x1, y1] = lonLatToWorld([out.boundsLonLat[2], out.boundsLonLat[1]]);
    const px = Math.floor(((cx - x0) / (x1 - x0)) * out.width), py = Math.floor(((cy - y0) / (y1 - y0)) * out.height);
    const at = (py * out.width + px) * 4;
    expect(Math.abs(out.rgba[at]! - 100)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.rgba[at + 1]! - 100)).toBeLessThanOrEqual(1);
    // The corners of a bbox in lon/lat hold nothing: the window is a curved shape inside it.
    expect(out.rgba[3]).toBe(0);
  });
});

describe('contrast stretch', () => {
  it('percentiles interpolate between ranks (numpy linear): 2 % and 98 % of 0..100', () => {
    const sorted = Array.from({ length: 101 }, (_, i) => i);
    expect(percentileOfSorted(sorted, 2)).toBe(2);
    expect(percentileOfSorted(sorted, 98)).toBe(98);
    // Of [10, 20, 30, 40, 50]: rank 0.08 → 10 + 0.08 × 10 = 10.8; rank 3.92 → 40 + 0.92 × 10 = 49.2.
    expect(percentileOfSorted([10, 20, 30, 40, 50], 2)).toBeCloseTo(10.8, 12);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 98)).toBeCloseTo(49.2, 12);
  });

  it('leaves no-data out of the range', () => {
    expect(bandRange([0, 0, 0, 50, 60, 70, 80, 90, 100], 'minmax', 0)).toEqual({ min: 50, max: 100 });
    const p = bandRange([0, 10, 20, 30, 40, 50], 'percentile', 0);
    expect(p.min).toBeCloseTo(10.8, 12);
    expect(p.max).toBeCloseTo(49.2, 12);
    expect(bandRange([0, 300], 'none', 0)).toEqual({ min: 0, max: 255 });
  });

  it('maps the range linearly onto 0–255 and clamps outside it', () => {
    const range = { min: 50, max: 100 };
    expect(stretchValue(50, range)).toBe(0);
    expect(stretchValue(75, range)).toBe(128); // 127.5 rounds up
    expect(stretchValue(100, range)).toBe(255);
    expect(stretchValue(20, range)).toBe(0);
    expect(stretchValue(400, range)).toBe(255);
  });

  it('makes RGBA from three bands, transparent where all three are no-data', () => {
    const none = { min: 0, max: 255 };
    const rgba = stretchToRgba([[0, 10], [0, 0], [0, 200]], [none, none, { min: 100, max: 200 }], 0);
    expect([...rgba]).toEqual([0, 0, 0, 0, 10, 0, 255, 255]);
  });
});
