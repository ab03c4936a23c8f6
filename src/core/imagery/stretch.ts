// Contrast stretch for display: each chosen band's values mapped linearly from [min, max] onto 0–255.

export type StretchMode = 'none' | 'minmax' | 'percentile';

export interface BandRange {
  min: number;
  max: number;
}

/** The p-th percentile (0–100) of sorted values, interpolated between the nearest ranks (numpy's default). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/**
 * The range a band is stretched over: 'none' keeps the values as they are (0–255), 'minmax' their least and
 * greatest, 'percentile' the 2nd and 98th percentiles (a few bright or dark pixels do not flatten the rest).
 * Pixels equal to `noData` (and NaN) are left out.
 */
export function bandRange(values: ArrayLike<number>, mode: StretchMode, noData: number | null, percentiles: [number, number] = [2, 98]): BandRange {
  if (mode === 'none') return { min: 0, max: 255 };
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && v !== noData) kept.push(v);
  }
  if (kept.length === 0) return { min: 0, max: 255 };
  if (mode === 'minmax') {
    let min = Infinity, max = -Infinity;
    for (const v of kept) { if (v < min) min = v; if (v > max) max = v; }
    return { min, max };
  }
  const sorted = Float64Array.from(kept).sort();
  return { min: percentileOfSorted(sorted, percentiles[0]), max: percentileOfSorted(sorted, percentiles[1]) };
}

/** One value stretched to a display byte. */
export function stretchValue(value: number, range: BandRange): number {
  if (range.max <= range.min) return value >= range.max ? 255 : 0;
  return Math.max(0, Math.min(255, Math.round(((value - range.min) / (range.max - range.min)) * 255)));
}

/**
 * RGBA for display from three bands (red, green, blue), each with its range. A pixel whose three values all
 * equal `noData` is transparent.
 */
export function stretchToRgba(bands: [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>], ranges: [BandRange, BandRange, BandRange], noData: number | null): Uint8ClampedArray {
  const count = bands[0].length;
  const rgba = new Uint8ClampedArray(count * 4);
  const [r, g, b] = bands;
  for (let i = 0; i < count; i++) {
    const vr = r[i]!, vg = g[i]!, vb = b[i]!;
    rgba[i * 4] = stretchValue(vr, ranges[0]);
    rgba[i * 4 + 1] = stretchValue(vg, ranges[1]);
    rgba[i * 4 + 2] = stretchValue(vb, ranges[2]);
    rgba[i * 4 + 3] = noData !== null && vr === noData && vg === noData && vb === noData ? 0 : 255;
  }
  return rgba;
}
