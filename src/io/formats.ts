import { InputError } from '../core';
import type { CrsFinding, FeatureCollection } from '../core';
import { readBoundaryTxt } from './boundaryTxt';
import { readFlatGeobuf } from './flatgeobuf';
import { readGeoJson } from './geojson';
import { readKml, readKmz } from './kml';
import { readShapefileParts, readShapefileZip } from './shapefile';
import type { ShapefileParts } from './shapefile';
import { readCsvTable, readXlsxTable } from './tabular';
import { readTopoJson } from './topojson';

// Every vector format LandCheck reads, behind one function: bytes (or a Shapefile's loose parts) and a
// file name in; features as stored, the CRS the file declares, and how its text was decoded, out.

export type VectorFormat = 'geojson' | 'topojson' | 'shapefile' | 'boundary-txt' | 'kml' | 'kmz' | 'csv' | 'xlsx' | 'flatgeobuf';
export type RasterFormat = 'geotiff';

export interface VectorFileRead {
  format: VectorFormat;
  collection: FeatureCollection;
  /** CRS the file declares, if any. */
  declaredCrs: CrsFinding | null;
  encoding: string | null;
  /** Decided from the content (e.g. GBK from the DBF language driver). */
  encodingReason?: string;
}

const EXTENSIONS: [RegExp, VectorFormat | RasterFormat][] = [
  [/\.(geo)?json$/i, 'geojson'],
  [/\.topojson$/i, 'topojson'],
  [/\.(zip|shp)$/i, 'shapefile'],
  [/\.txt$/i, 'boundary-txt'],
  [/\.kml$/i, 'kml'],
  [/\.kmz$/i, 'kmz'],
  [/\.csv$/i, 'csv'],
  [/\.xlsx$/i, 'xlsx'],
  [/\.fgb$/i, 'flatgeobuf'],
  [/\.tiff?$/i, 'geotiff'],
];

export function formatOf(name: string): VectorFormat | RasterFormat | null {
  return EXTENSIONS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}

export const READABLE = 'GeoJSON (.geojson/.json), TopoJSON, zipped Shapefile (.zip) or .shp with its .dbf, boundary coordinate .txt, KML/KMZ, CSV/XLSX with coordinate columns, FlatGeobuf (.fgb), GeoTIFF';

export type VectorInput = Uint8Array | ShapefileParts;

export async function readVectorFile(input: VectorInput, file: string): Promise<VectorFileRead> {
  const format = formatOf(file);
  const bytes = input instanceof Uint8Array ? input : input.shp;
  switch (format) {
    case 'geojson': {
      // A .json may be TopoJSON; look before parsing as GeoJSON.
      if (/"type"\s*:\s*"Topology"/.test(new TextDecoder().decode(bytes.subarray(0, 256)))) {
        return { format: 'topojson', collection: readTopoJson(bytes, file), declaredCrs: null, encoding: 'utf-8' };
      }
      const read = readGeoJson(bytes, file);
      return { format, collection: read.collection, declaredCrs: read.crs, encoding: 'utf-8' };
    }
    case 'topojson':
      return { format, collection: readTopoJson(bytes, file), declaredCrs: null, encoding: 'utf-8' };
    case 'shapefile': {
      const read = input instanceof Uint8Array ? readShapefileZip(input, file) : readShapefileParts(input, file, file);
      return { format, collection: read.collection, declaredCrs: read.crs, encoding: read.encoding, encodingReason: read.encodingReason };
    }
    case 'boundary-txt': {
      const read = readBoundaryTxt(bytes, file);
      return { format, collection: read.collection as FeatureCollection, declaredCrs: read.crs, encoding: read.encoding };
    }
    case 'kml':
      return { format, collection: readKml(bytes, file), declaredCrs: { code: 'EPSG:4326', source: 'header', reason: 'KML is WGS 84 longitude/latitude by definition' }, encoding: 'utf-8' };
    case 'kmz':
      return { format, collection: readKmz(bytes, file), declaredCrs: { code: 'EPSG:4326', source: 'header', reason: 'KML is WGS 84 longitude/latitude by definition' }, encoding: 'utf-8' };
    case 'csv': {
      const read = readCsvTable(bytes, file);
      return { format, collection: read.collection, declaredCrs: null, encoding: read.encoding };
    }
    case 'xlsx': {
      const read = await readXlsxTable(bytes, file);
      return { format, collection: read.collection, declaredCrs: null, encoding: null };
    }
    case 'flatgeobuf': {
      const read = await readFlatGeobuf(bytes, file);
      return { format, collection: read.collection, declaredCrs: read.crs, encoding: 'utf-8' };
    }
    case 'geotiff':
      throw new InputError(file, null, 'is a raster image; add it as imagery, not as a vector layer');
    default:
      throw new InputError(file, null, `unknown file type; expected ${READABLE}`);
  }
}
