import { transfer } from 'comlink';
import { cornersBbox, InputError, transformBetween } from '../core';
import type { BandRange, CrsFinding, Position, RasterView, StretchMode } from '../core';
import { openRasterBytes, openRasterUrl } from '../io/cog';
import type { RasterSource } from '../io/cog';
import { defaultDisplay, readBandRange, readRasterPicture } from '../io/rasterPicture';
import { reportImageryClip } from '../io/report/imageryClip';
import type { ReportClip } from '../io/report/imageryClip';
import type { ImageryDisplay, RasterPicture } from '../io/rasterPicture';

export type { ImageryDisplay } from '../io/rasterPicture';

// Imagery in the worker: each image's source stays open here, and the page asks for pictures of it for
// a view (a window at the overview level the view needs) with the bands and stretch it chose. Images that
// are small and in memory are drawn whole; large ones, and any read from a URL, a window at a time.

export interface ImageryFacts {
  bands: number;
  sampleFormat: string;
  /** Width × height of the image and of each overview. */
  levels: [number, number][];
  /** Read a window at a time for the view (else the whole image once). */
  windowed: boolean;
  /** What is shown before the user chooses. */
  display: ImageryDisplay;
}

/** A picture as the page gets it: the reader's picture (rasterPicture.ts) as an ImageBitmap. */
export type ImageryPicture = Omit<RasterPicture, 'rgba' | 'width' | 'height'> & { image: ImageBitmap };

/** Larger than this (either side) a file in memory is read by window too. */
const WHOLE_IMAGE_LIMIT_PX = 4096;

interface Entry {
  readonly source: Promise<RasterSource>;
  windowed: boolean;
  crs: string;
  ranges: Map<string, BandRange>;
}

const entries = new Map<string, Entry>();

/** A workspace image whose bytes are fetched only when the user first changes how it is shown. */
export function registerWorkspaceImagery(id: string, crs: string, bytes: () => Promise<Uint8Array>, name: string): void {
  let source: Promise<RasterSource> | null = null;
  entries.set(id, {
    get source() {
      source ??= bytes().then((b) => openRasterBytes(b, name));
      return source;
    },
    windowed: false, crs, ranges: new Map(),
  });
}

export interface OpenedImagery {
  crs: CrsFinding;
  width: number;
  height: number;
  cornersLonLat: [Position, Position, Position, Position];
  picture: ImageryPicture;
}

/** Opens a GeoTIFF (bytes) or a COG (URL) as imagery `id` and draws its first picture: the whole image, from an overview when it is large. */
export async function openImagery(id: string, input: Uint8Array | string, name: string): Promise<OpenedImagery> {
  const source = typeof input === 'string' ? await openRasterUrl(input) : await openRasterBytes(input, name);
  const { info } = source;
  if (info.georeferencing === 'none') throw new InputError(name, null, 'the GeoTIFF has no georeferencing (no tie point, pixel scale or transformation); expected a georeferenced GeoTIFF');
  if (!info.crs) throw new InputError(name, null, 'the GeoTIFF keys name no CRS LandCheck knows; expected a GeoTIFF with an EPSG code in its GeoKeys');
  const windowed = typeof input === 'string' || info.width > WHOLE_IMAGE_LIMIT_PX || info.height > WHOLE_IMAGE_LIMIT_PX;
  const entry: Entry = { source: Promise.resolve(source), windowed, crs: info.crs.code, ranges: new Map() };
  const toLonLat = transformBetween(info.crs.code, 'EPSG:4490');
  const [minX, minY, maxX, maxY] = info.bbox;
  const cornersLonLat: OpenedImagery['cornersLonLat'] = [toLonLat([minX, minY]), toLonLat([minX, maxY]), toLonLat([maxX, maxY]), toLonLat([maxX, minY])];
  // The first picture shows the whole image about half a screen wide, from a small overview: the map zooms
  // to it and then reads what its view needs.
  const long = Math.max(info.width, info.height);
  const view: RasterView = { boundsLonLat: cornersBbox(cornersLonLat), widthPx: Math.round((512 * info.width) / long), heightPx: Math.round((512 * info.height) / long) };
  const picture = await drawPicture(entry, source, windowed ? view : null, defaultDisplay(source));
  if (!picture) throw new InputError(name, null, 'the image has no pixels to show');
  entries.set(id, entry);
  return { crs: info.crs, width: info.width, height: info.height, cornersLonLat, picture };
}

export function forgetImagery(id: string): void {
  entries.delete(id);
}

async function rangeOf(entry: Entry, source: RasterSource, band: number, mode: StretchMode): Promise<BandRange> {
  const key = `${band}:${mode}`;
  const known = entry.ranges.get(key);
  if (known) return known;
  const range = await readBandRange(source, band, mode);
  entry.ranges.set(key, range);
  return range;
}

async function drawPicture(entry: Entry, source: RasterSource, view: RasterView | null, display: ImageryDisplay, margin = 0.1): Promise<ImageryPicture | null> {
  const picture = await readRasterPicture(source, entry.crs, view, display, (band, mode) => rangeOf(entry, source, band, mode), margin);
  if (!picture) return null;
  const image = await createImageBitmap(new ImageData(picture.rgba as Uint8ClampedArray<ArrayBuffer>, picture.width, picture.height));
  return { image, corners: picture.corners, level: picture.level, window: picture.window, drawn: picture.drawn };
}

/** A PNG clip of an open image over a lon/lat box, for a report; null when the box does not meet it. */
export async function imageryReportClip(id: string, boundsLonLat: [number, number, number, number], sizePx: number): Promise<ReportClip | null> {
  const entry = entryOf(id);
  return reportImageryClip(await entry.source, entry.crs, boundsLonLat, sizePx);
}

function entryOf(id: string): Entry {
  const entry = entries.get(id);
  if (!entry) throw new Error(`no imagery ${id} is open`);
  return entry;
}

export const imageryApi = {
  /** What the imagery panel offers for an image: its bands and sample format, and how it is first shown. */
  async imageryFacts(id: string): Promise<ImageryFacts | { error: string }> {
    try {
      const entry = entryOf(id);
      const source = await entry.source;
      return {
        bands: source.ycbcr ? 3 : source.info.bands,
        sampleFormat: source.info.sampleFormat,
        levels: source.levels.map((l) => [l.width, l.height]),
        windowed: entry.windowed,
        display: defaultDisplay(source),
      };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  },

  /** A picture of an image for a view (null: the whole image), or null when the view does not meet it. */
  async imageryPicture(id: string, view: RasterView | null, display: ImageryDisplay): Promise<ImageryPicture | null | { error: string }> {
    try {
      const entry = entryOf(id);
      const picture = await drawPicture(entry, await entry.source, entry.windowed ? view : null, display);
      return picture ? transfer(picture, [picture.image]) : null;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  },

  /**
   * A clip of an image over a lon/lat box at about `sizePx` across, read by window whatever the image's
   * size (a patch's before/after evidence); null when the box does not meet the image.
   */
  async imageryClip(id: string, boundsLonLat: [number, number, number, number], sizePx: number): Promise<ImageryPicture | null | { error: string }> {
    try {
      const entry = entryOf(id);
      const source = await entry.source;
      const aspect = (boundsLonLat[2] - boundsLonLat[0]) / Math.max(1e-12, boundsLonLat[3] - boundsLonLat[1]);
      const view: RasterView = { boundsLonLat, widthPx: aspect >= 1 ? sizePx : Math.max(1, Math.round(sizePx * aspect)), heightPx: aspect >= 1 ? Math.max(1, Math.round(sizePx / aspect)) : sizePx };
      const picture = await drawPicture(entry, source, view, defaultDisplay(source), 0);
      return picture ? transfer(picture, [picture.image]) : null;
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  },
};
