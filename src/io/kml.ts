import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { InputError } from '../core';
import type { Feature, FeatureCollection } from '../core';
import { decodeUtf8 } from './text';

// KML and KMZ in, through @tmcw/togeojson over a pure-JS XML parser (the same code in browser,
// worker and Node). KML is WGS 84 longitude/latitude by definition.

export function readKml(bytes: Uint8Array, file: string): FeatureCollection {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(decodeUtf8(bytes), 'text/xml');
  if (errors.length > 0 || !doc.documentElement || doc.documentElement.nodeName.toLowerCase() !== 'kml') {
    throw new InputError(file, null, `not a KML document${errors[0] ? ` (${errors[0].split('\n')[0]})` : ''}; expected <kml> XML`);
  }
  const collection = kml(doc as unknown as Document);
  const features: Feature[] = collection.features.map((f) => ({
    type: 'Feature',
    geometry: (f.geometry as Feature['geometry']) ?? null,
    properties: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as string | number | boolean | null)])),
  }));
  return { type: 'FeatureCollection', features };
}

export function readKmz(bytes: Uint8Array, file: string): FeatureCollection {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (info) => info.name.toLowerCase().endsWith('.kml') });
  } catch (error) {
    throw new InputError(file, null, `not a readable KMZ archive (${(error as Error).message})`);
  }
  const names = Object.keys(entries).sort((a, b) => (a.toLowerCase().endsWith('doc.kml') ? -1 : 0) - (b.toLowerCase().endsWith('doc.kml') ? -1 : 0));
  const main = names[0];
  if (!main) throw new InputError(file, null, 'the KMZ holds no .kml document');
  return readKml(entries[main]!, `${file}/${main}`);
}
