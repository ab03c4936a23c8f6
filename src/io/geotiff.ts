import { fromArrayBuffer } from 'geotiff';
import { InputError, lookupCrs } from '../core';
import type { CrsFinding } from '../core';

// GeoTIFF in, for display: the CRS from the GeoKeys, the bounding box, and the pixels as RGBA.
// Windowed, overview-aware reading for large COGs comes with the imagery workbench.

export interface GeoTiffImage {
  width: number;
  height: number;
  /** Bounding box in the image CRS: minX, minY, maxX, maxY. */
  bbox: [number, number, number, number];
  crs: CrsFinding | null;
  bands: number;
  /** width × height × 4 bytes, row by row from the top. */
  rgba: Uint8ClampedArray;
}

function crsFromKeys(keys: Record<string, unknown> | null): CrsFinding | null {
  if (!keys) return null;
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const code = typeof projected === 'number' && projected !== 32767 ? projected : typeof geographic === 'number' && geographic !== 32767 ? geographic : null;
  if (code === null || !lookupCrs(`EPSG:${code}`)) return null;
  return { code: `EPSG:${code}`, source: 'geotiff', reason: `the GeoTIFF keys name EPSG:${code}` };
}

export async function readGeoTiffImage(bytes: Uint8Array, file: string): Promise<GeoTiffImage> {
  try {
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    const tiff = await fromArrayBuffer(buffer as ArrayBuffer);
    const image = await tiff.getImage();
    const width = image.getWidth();
    const height = image.getHeight();
    const bands = image.getSamplesPerPixel();
    const rgb = (await image.readRGB({ interleave: true })) as unknown as Uint8Array;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      rgba[i * 4] = rgb[j]!;
      rgba[i * 4 + 1] = rgb[j + 1]!;
      rgba[i * 4 + 2] = rgb[j + 2]!;
      rgba[i * 4 + 3] = rgb[j] === 0 && rgb[j + 1] === 0 && rgb[j + 2] === 0 ? 0 : 255;
    }
    const [minX, minY, maxX, maxY] = image.getBoundingBox();
    return { width, height, bbox: [minX!, minY!, maxX!, maxY!], crs: crsFromKeys(image.getGeoKeys() as Record<string, unknown> | null), bands, rgba };
  } catch (error) {
    throw new InputError(file, null, `not a readable GeoTIFF (${(error as Error).message})`);
  }
}
