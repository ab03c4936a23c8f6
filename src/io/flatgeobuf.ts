import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { InputError } from '../core';
import type { CrsFinding, Feature, FeatureCollection } from '../core';

// FlatGeobuf in, with the CRS its header names.

export async function readFlatGeobuf(bytes: Uint8Array, file: string): Promise<{ collection: FeatureCollection; crs: CrsFinding | null }> {
  let crs: CrsFinding | null = null;
  const features: Feature[] = [];
  try {
    const stream = deserialize(bytes, {
      headerMetaFn: (header) => {
        const c = header.crs;
        if (c && c.code > 0 && (!c.org || c.org.toUpperCase() === 'EPSG')) crs = { code: `EPSG:${c.code}`, source: 'header', reason: `the FlatGeobuf header names EPSG:${c.code}` };
      },
    });
    for await (const f of stream) features.push({ type: 'Feature', geometry: (f.geometry as Feature['geometry']) ?? null, properties: (f.properties ?? {}) as Feature['properties'] });
  } catch (error) {
    throw new InputError(file, null, `not a readable FlatGeobuf file (${(error as Error).message})`);
  }
  return { collection: { type: 'FeatureCollection', features }, crs };
}
