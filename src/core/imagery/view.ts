import type { Position } from '../model';
import type { PositionTransform } from '../crs/reproject';
import type { Bbox } from '../crs/detect';

// Which part of a raster, at which overview level, a map view needs; and how far drawing a window by its
// four corners would bend away from its true shape. Pure figures: the hosts read and draw the pixels.

/** x0, y0, x1, y1 in pixels of one level, y down from the top, x1/y1 exclusive (geotiff.js's window). */
export type PixelWindow = [number, number, number, number];

/** One image of a pyramid: the full-resolution image or an overview, all covering the same bbox. */
export interface RasterLevel {
  width: number;
  height: number;
}

/** The view of a map: its lon/lat bounds (west, south, east, north) and its size in screen pixels. */
export interface RasterView {
  boundsLonLat: Bbox;
  widthPx: number;
  heightPx: number;
}

export interface RasterRead {
  level: number;
  window: PixelWindow;
  /** The window's extent in the image CRS (pixel edges, not the view's). */
  bbox: Bbox;
}

/** Pixel size of a level in CRS units along x and y. */
export function levelResolution(imageBbox: Bbox, level: RasterLevel): [number, number] {
  return [(imageBbox[2] - imageBbox[0]) / level.width, (imageBbox[3] - imageBbox[1]) / level.height];
}

/**
 * The level to read for a view that needs `targetResolution` CRS units per screen pixel: the coarsest one
 * still at least as fine as the screen (so no screen pixel is drawn from a stretched image pixel), or the
 * finest when even it is coarser than the screen. `levels` is finest first, as a GeoTIFF stores them.
 */
export function chooseLevel(imageBbox: Bbox, levels: RasterLevel[], targetResolution: number): number {
  let chosen = 0;
  levels.forEach((level, i) => {
    const [rx, ry] = levelResolution(imageBbox, level);
    // A hair of slack: an overview of exactly the screen's resolution counts as fine enough.
    if (Math.max(rx, ry) <= targetResolution * (1 + 1e-9)) chosen = i;
  });
  return chosen;
}

/**
 * A lon/lat box in another CRS: the bbox of its edges, each cut into `steps` pieces, since straight
 * meridians and parallels become curves in a Gauss-Kruger or UTM plane.
 */
export function bboxInCrs(boundsLonLat: Bbox, fromLonLat: PositionTransform, steps = 8): Bbox {
  const [w, s, e, n] = boundsLonLat;
  const out: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    for (const p of [[w + (e - w) * t, s], [w + (e - w) * t, n], [w, s + (n - s) * t], [e, s + (n - s) * t]] as Position[]) {
      const [x, y] = fromLonLat(p);
      out[0] = Math.min(out[0], x);
      out[1] = Math.min(out[1], y);
      out[2] = Math.max(out[2], x);
      out[3] = Math.max(out[3], y);
    }
  }
  return out;
}

/** The pixel window of a level that covers `bbox` (whole pixels, clamped to the image); null when they do not meet. */
export function pixelWindow(imageBbox: Bbox, level: RasterLevel, bbox: Bbox): PixelWindow | null {
  const [rx, ry] = levelResolution(imageBbox, level);
  const x0 = Math.max(0, Math.floor((bbox[0] - imageBbox[0]) / rx));
  const x1 = Math.min(level.width, Math.ceil((bbox[2] - imageBbox[0]) / rx));
  const y0 = Math.max(0, Math.floor((imageBbox[3] - bbox[3]) / ry));
  const y1 = Math.min(level.height, Math.ceil((imageBbox[3] - bbox[1]) / ry));
  return x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : null;
}

/** The extent of a pixel window in the image CRS. */
export function windowBbox(imageBbox: Bbox, level: RasterLevel, window: PixelWindow): Bbox {
  const [rx, ry] = levelResolution(imageBbox, level);
  return [imageBbox[0] + window[0] * rx, imageBbox[3] - window[3] * ry, imageBbox[0] + window[2] * rx, imageBbox[3] - window[1] * ry];
}

/**
 * What to read for a view: the view's bounds in the image CRS, grown by `margin` of its size on each side
 * (a short pan then still has picture), the level just finer than the screen, and that level's window.
 * Null when the view does not meet the image.
 */
export function planRasterRead(imageBbox: Bbox, levels: RasterLevel[], view: RasterView, fromLonLat: PositionTransform, margin = 0.1): RasterRead | null {
  const inCrs = bboxInCrs(view.boundsLonLat, fromLonLat);
  const target = Math.min((inCrs[2] - inCrs[0]) / view.widthPx, (inCrs[3] - inCrs[1]) / view.heightPx);
  const level = chooseLevel(imageBbox, levels, target);
  const dx = (inCrs[2] - inCrs[0]) * margin, dy = (inCrs[3] - inCrs[1]) * margin;
  const window = pixelWindow(imageBbox, levels[level]!, [inCrs[0] - dx, inCrs[1] - dy, inCrs[2] + dx, inCrs[3] + dy]);
  return window ? { level, window, bbox: windowBbox(imageBbox, levels[level]!, window) } : null;
}
