import { fromArrayBuffer, fromUrl } from 'geotiff';
import type { GeoTIFF, GeoTIFFImage } from 'geotiff';
import { InputError } from '../core';
import type { PixelWindow, RasterLevel } from '../core';
import { describe, tagValue } from './geotiff';
import type { GeoTiffInfo } from './geotiff';

// A GeoTIFF or Cloud-Optimized GeoTIFF opened for reading parts of it: the full image and its overviews
// as levels, and the chosen bands of a window of one level. From bytes in memory or from an http(s) URL,
// where geotiff.js fetches only the byte ranges of the tiles a read needs.

export interface RasterSource {
  /** The file name or URL, for messages. */
  name: string;
  info: GeoTiffInfo;
  /** The full image, then each overview, finest first; transparency masks left out. */
  levels: (RasterLevel & { image: GeoTIFFImage })[];
  /** JPEG-compressed YCbCr: geotiff.js gives Y, Cb, Cr from readRasters, so the bands are read as RGB. */
  ycbcr: boolean;
}

/** How many bytes geotiff.js asks for at a time from a URL: tiles of a COG are a few to some tens of kB. */
const URL_BLOCK_BYTES = 16 * 1024;

async function levelsOf(tiff: GeoTIFF, name: string): Promise<RasterSource> {
  const first = await tiff.getImage(0);
  const count = await tiff.getImageCount();
  const levels: RasterSource['levels'] = [{ image: first, width: first.getWidth(), height: first.getHeight() }];
  for (let i = 1; i < count; i++) {
    const sub = await tiff.getImage(i);
    if ((Number(tagValue(sub, 'NewSubfileType') ?? 0) & 4) !== 0) continue; // bit 2 marks a transparency mask
    levels.push({ image: sub, width: sub.getWidth(), height: sub.getHeight() });
  }
  const info = describe(first, levels.length - 1);
  const ycbcr = Number(tagValue(first, 'PhotometricInterpretation')) === 6;
  return { name, info, levels, ycbcr };
}

export async function openRasterBytes(bytes: Uint8Array, name: string): Promise<RasterSource> {
  let tiff: GeoTIFF;
  try {
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    tiff = await fromArrayBuffer(buffer as ArrayBuffer);
  } catch (error) {
    throw new InputError(name, null, `not a readable GeoTIFF (${(error as Error).message})`);
  }
  return levelsOf(tiff, name);
}

export async function openRasterUrl(url: string): Promise<RasterSource> {
  if (!/^https?:\/\//i.test(url)) throw new InputError(url, null, 'expected an http(s) URL of a Cloud-Optimized GeoTIFF');
  // A server that is down or refuses is told apart from one that serves something that is not a GeoTIFF.
  let tiff: GeoTIFF;
  try {
    // fromUrl hands its options on to the blocked source, whose blockSize its type does not list.
    const options = { blockSize: URL_BLOCK_BYTES, allowFullFile: false };
    tiff = await fromUrl(url, options);
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    const unreachable = error instanceof TypeError || /fetch|network|status|HTTP/i.test(message);
    throw new InputError(url, null, unreachable
      ? `cannot be read (${message}); expected an http(s) URL of a Cloud-Optimized GeoTIFF on a server that answers range requests`
      : `not a readable GeoTIFF (${message})`);
  }
  return levelsOf(tiff, url);
}

/**
 * The chosen bands (0-based) of a window of one level, one array per band, `outWidth` × `outHeight` values
 * (nearest-neighbour resampled by geotiff.js when that differs from the window's size).
 */
export async function readBands(source: RasterSource, level: number, window: PixelWindow, bands: [number, number, number], outWidth?: number, outHeight?: number): Promise<[ArrayLike<number>, ArrayLike<number>, ArrayLike<number>]> {
  const { image } = source.levels[level]!;
  const size = outWidth && outHeight ? { width: outWidth, height: outHeight } : {};
  try {
    if (source.ycbcr) {
      const rgb = (await image.readRGB({ window, interleave: false, ...size })) as unknown as ArrayLike<number>[];
      return [rgb[bands[0]]!, rgb[bands[1]]!, rgb[bands[2]]!];
    }
    const unique = [...new Set(bands)];
    const rasters = (await image.readRasters({ window, samples: unique, interleave: false, ...size })) as unknown as ArrayLike<number>[];
    const of = (band: number) => rasters[unique.indexOf(band)]!;
    return [of(bands[0]), of(bands[1]), of(bands[2])];
  } catch (error) {
    throw new InputError(source.name, null, `the pixels cannot be read (${(error as Error).message})`);
  }
}
