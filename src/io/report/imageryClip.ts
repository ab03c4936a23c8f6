import { encode } from 'fast-png';
import type { Position } from '../../core';
import type { RasterSource } from '../cog';
import { defaultDisplay, readRasterPicture } from '../rasterPicture';

// An imagery clip for a report: the place as an image shows it, read by window at the level the clip's
// size needs, as a PNG. The same reader as the app's imagery, so the report shows what the map showed.

export interface ReportClip {
  png: Uint8Array;
  width: number;
  height: number;
  /** bottom-left, top-left, top-right, bottom-right in lon/lat */
  corners: [Position, Position, Position, Position];
}

/** A clip of `source` (in `crs`) over a lon/lat box about `sizePx` across; null when the box does not meet the image. */
export async function reportImageryClip(source: RasterSource, crs: string, boundsLonLat: [number, number, number, number], sizePx: number): Promise<ReportClip | null> {
  const aspect = (boundsLonLat[2] - boundsLonLat[0]) / Math.max(1e-12, boundsLonLat[3] - boundsLonLat[1]);
  const view = { boundsLonLat, widthPx: aspect >= 1 ? sizePx : Math.max(1, Math.round(sizePx * aspect)), heightPx: aspect >= 1 ? Math.max(1, Math.round(sizePx / aspect)) : sizePx };
  const picture = await readRasterPicture(source, crs, view, defaultDisplay(source), undefined, 0);
  if (!picture) return null;
  const png = encode({ width: picture.width, height: picture.height, data: new Uint8Array(picture.rgba.buffer, picture.rgba.byteOffset, picture.rgba.byteLength), channels: 4, depth: 8 });
  return { png, width: picture.width, height: picture.height, corners: picture.corners };
}
