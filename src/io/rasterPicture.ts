import { bandRange, cornerDrawingErrorPx, planRasterRead, stretchToRgba, transformBetween, warpToMercator } from '../core';
import type { BandRange, PixelWindow, Position, RasterView, StretchMode } from '../core';
import { readBands } from './cog';
import type { RasterSource } from './cog';

// A picture of a raster for a view: the window at the overview level the view needs, its bands stretched
// to RGBA, placed by its corners or warped onto Web Mercator when corners would put pixels more than a
// pixel off. Shared by the app's imagery worker (which makes an ImageBitmap of it) and the reports (PNG).

/** Bands (1-based) shown as red, green and blue, and how they are stretched. */
export interface ImageryDisplay {
  bands: [number, number, number];
  stretch: StretchMode;
}

export interface RasterPicture {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** bottom-left, top-left, top-right, bottom-right in lon/lat */
  corners: [Position, Position, Position, Position];
  level: number;
  window: PixelWindow;
  /** 'corners': drawn by its four true corners; 'warped': resampled onto a Web Mercator grid first. */
  drawn: 'corners' | 'warped';
}

/** The largest overview read whole for percentile statistics is resampled to at most this. */
const STATS_SIZE_PX = 512;
/** Four corners are drawn as two affine triangles; beyond this error (in the picture's pixels) the picture is warped. */
const MAX_CORNER_ERROR_PX = 1;

export function defaultDisplay(source: RasterSource): ImageryDisplay {
  const n = source.ycbcr ? 3 : source.info.bands;
  return { bands: n >= 3 ? [1, 2, 3] : [1, 1, 1], stretch: source.info.sampleFormat === 'uint8' ? 'none' : 'percentile' };
}

/** No-data of a source: its GDAL tag, else 0 for bytes (black edges of an orthophoto), as the app always did. */
export const noDataOf = (source: RasterSource) => source.info.noData ?? (source.info.sampleFormat === 'uint8' ? 0 : null);

/** The stretch range of a band (0-based), from the coarsest overview read whole: a few hundred kB at most, even from a URL. */
export async function readBandRange(source: RasterSource, band: number, mode: StretchMode): Promise<BandRange> {
  if (mode === 'none') return bandRange([], 'none', null);
  const level = source.levels.length - 1;
  const { width, height } = source.levels[level]!;
  const scale = Math.min(1, STATS_SIZE_PX / Math.max(width, height));
  const [values] = await readBands(source, level, [0, 0, width, height], [band, band, band], Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale)));
  return bandRange(values, mode, noDataOf(source));
}

/**
 * A picture of `source` (in `crs`) for a view (null: the whole image), or null when the view does not meet
 * it. `rangeOf` gives each band's stretch range (the worker caches them per image). `margin`: share of the
 * view read beyond it on each side.
 */
export async function readRasterPicture(
  source: RasterSource,
  crs: string,
  view: RasterView | null,
  display: ImageryDisplay,
  rangeOf: (band: number, mode: StretchMode) => Promise<BandRange> = (band, mode) => readBandRange(source, band, mode),
  margin = 0.1,
): Promise<RasterPicture | null> {
  const { info, levels } = source;
  const bandCount = source.ycbcr ? 3 : info.bands;
  const bands = display.bands.map((b) => Math.min(Math.max(1, Math.round(b)), bandCount) - 1) as [number, number, number];
  const toLonLat = transformBetween(crs, 'EPSG:4490');
  const fromLonLat = transformBetween('EPSG:4490', crs);
  const plan = view
    ? planRasterRead(info.bbox, levels, view, fromLonLat, margin)
    : { level: 0, window: [0, 0, info.width, info.height] as PixelWindow, bbox: info.bbox };
  if (!plan) return null;
  const [x0, y0, x1, y1] = plan.window;
  // A level just finer than the screen can still hold up to twice its pixels each way: read no more than the screen shows.
  const limit = view ? Math.min(1, (view.widthPx * 1.5) / (x1 - x0), (view.heightPx * 1.5) / (y1 - y0)) : 1;
  const width = Math.max(1, Math.round((x1 - x0) * limit)), height = Math.max(1, Math.round((y1 - y0) * limit));
  const values = await readBands(source, plan.level, plan.window, bands, width, height);
  const ranges = await Promise.all(bands.map((b) => rangeOf(b, display.stretch)));
  let rgba = stretchToRgba(values, ranges as [BandRange, BandRange, BandRange], noDataOf(source));
  const [minX, minY, maxX, maxY] = plan.bbox;
  let corners: RasterPicture['corners'] = [toLonLat([minX, minY]), toLonLat([minX, maxY]), toLonLat([maxX, maxY]), toLonLat([maxX, minY])];
  let drawn: RasterPicture['drawn'] = 'corners';
  let size = { width, height };
  // Drawn by four true corners when the two triangles the map draws them as stay within a pixel of where
  // every pixel truly is (small windows: a GK or UTM plane is near-affine in Web Mercator over a few km);
  // else resampled here onto a Web Mercator grid, which the map then draws exactly.
  if (cornerDrawingErrorPx(plan.bbox, width, height, toLonLat) > MAX_CORNER_ERROR_PX) {
    const warped = warpToMercator(rgba, width, height, plan.bbox, toLonLat, fromLonLat);
    rgba = warped.rgba;
    size = { width: warped.width, height: warped.height };
    const [w, s, e, n] = warped.boundsLonLat;
    corners = [[w, s], [w, n], [e, n], [e, s]];
    drawn = 'warped';
  }
  return { rgba, width: size.width, height: size.height, corners, level: plan.level, window: plan.window, drawn };
}
