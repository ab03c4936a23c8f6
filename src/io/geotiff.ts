import { fromArrayBuffer } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { InputError, lookupCrs } from '../core';
import type { CrsFinding } from '../core';

// GeoTIFF and Cloud-Optimized GeoTIFF in: the metadata (CRS from the GeoKeys, bounds, bands,
// overviews, how it is georeferenced) and, for display, the pixels as RGBA.

export interface GeoTiffInfo {
  width: number;
  height: number;
  bands: number;
  /** Reduced-resolution images after the full one (COG overviews); masks are not counted. */
  overviews: number;
  /** Bounding box in the image CRS: minX, minY, maxX, maxY. */
  bbox: [number, number, number, number];
  /** Pixel size in CRS units, both positive. */
  resolution: [number, number];
  georeferencing: 'tiepoint-pixelscale' | 'model-transformation' | 'none';
  crs: CrsFinding | null;
  noData: number | null;
  sampleFormat: string;
}

export interface GeoTiffImage extends GeoTiffInfo {
  /** width × height × 4 bytes, row by row from the top. */
  rgba: Uint8ClampedArray;
}

function crsFromKeys(keys: Record<string, unknown> | null): CrsFinding | null {
  if (!keys) return null;
  const projected = keys.ProjectedCSTypeGeoKey;
  const geographic = keys.GeographicTypeGeoKey;
  const code = typeof projected === 'number' && projected !== 32767 ? projected : typeof geographic === 'number' && geographic !== 32767 ? geographic : null;
  if (code === null || !lookupCrs(`EPSG:${code}`)) return null;
  return { code: lookupCrs(`EPSG:${code}`)!.code, source: 'geotiff', reason: `the GeoTIFF keys name EPSG:${code}` };
}

async function open(bytes: Uint8Array, file: string) {
  try {
    const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
    const tiff = await fromArrayBuffer(buffer as ArrayBuffer);
    return { tiff, image: await tiff.getImage() };
  } catch (error) {
    throw new InputError(file, null, `not a readable GeoTIFF (${(error as Error).message})`);
  }
}

/** A tag of the first IFD (geotiff.js 3 keeps tags behind getValue). */
export function tagValue(image: GeoTIFFImage, tag: string): unknown {
  const fd = image.fileDirectory as unknown as { getValue?: (t: string) => unknown } & Record<string, unknown>;
  const value = typeof fd.getValue === 'function' ? fd.getValue(tag) : fd[tag];
  return value === null ? undefined : value;
}

export function describe(image: GeoTIFFImage, overviews: number): GeoTiffInfo {
  const has = (tag: string) => tagValue(image, tag) !== undefined;
  const georeferencing = has('ModelTransformation') ? 'model-transformation' : has('ModelTiepoint') ? 'tiepoint-pixelscale' : 'none';
  let bbox: [number, number, number, number] = [0, 0, image.getWidth(), image.getHeight()];
  let resolution: [number, number] = [1, 1];
  if (georeferencing !== 'none') {
    const [minX, minY, maxX, maxY] = image.getBoundingBox();
    bbox = [minX!, minY!, maxX!, maxY!];
    // geotiff.js gives a positive y resolution for ModelTransformation files and a negative one otherwise.
    resolution = [Math.abs((maxX! - minX!) / image.getWidth()), Math.abs((maxY! - minY!) / image.getHeight())];
  }
  const noData = image.getGDALNoData();
  const format = (image.getSampleFormat?.() as number | undefined) ?? 1;
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    bands: image.getSamplesPerPixel(),
    overviews,
    bbox,
    resolution,
    georeferencing,
    crs: crsFromKeys(image.getGeoKeys() as Record<string, unknown> | null),
    noData: noData === null ? null : Number(noData),
    sampleFormat: `${format === 3 ? 'float' : format === 2 ? 'int' : 'uint'}${image.getBitsPerSample()}`,
  };
}

export async function readGeoTiffInfo(bytes: Uint8Array, file: string): Promise<GeoTiffInfo> {
  const { tiff, image } = await open(bytes, file);
  const count = await tiff.getImageCount();
  let overviews = 0;
  for (let i = 1; i < count; i++) {
    const sub = await tiff.getImage(i);
    const type = Number(tagValue(sub, 'NewSubfileType') ?? 0);
    if ((type & 4) === 0) overviews += 1; // bit 2 marks a transparency mask
  }
  return describe(image, overviews);
}

export async function readGeoTiffImage(bytes: Uint8Array, file: string): Promise<GeoTiffImage> {
  const { tiff, image } = await open(bytes, file);
  const info = describe(image, (await tiff.getImageCount()) - 1);
  try {
    const rgb = (await image.readRGB({ interleave: true })) as unknown as Uint8Array;
    const { width, height } = info;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0, j = 0; i < width * height; i++, j += 3) {
      rgba[i * 4] = rgb[j]!;
      rgba[i * 4 + 1] = rgb[j + 1]!;
      rgba[i * 4 + 2] = rgb[j + 2]!;
      rgba[i * 4 + 3] = rgb[j] === 0 && rgb[j + 1] === 0 && rgb[j + 2] === 0 ? 0 : 255;
    }
    return { ...info, rgba };
  } catch (error) {
    throw new InputError(file, null, `the pixels cannot be read (${(error as Error).message})`);
  }
}
