import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { InputError } from '../core';
import type { Feature, FeatureCollection } from '../core';
import { decodeUtf8 } from './text';

// TopoJSON in: every object of the topology, as GeoJSON features (longitude/latitude).

export function readTopoJson(bytes: Uint8Array, file: string): FeatureCollection {
  let topology: Topology;
  try {
    topology = JSON.parse(decodeUtf8(bytes)) as Topology;
  } catch (error) {
    throw new InputError(file, null, `not valid JSON (${(error as Error).message})`);
  }
  if (topology?.type !== 'Topology' || typeof topology.objects !== 'object') throw new InputError(file, 'type', 'expected a TopoJSON Topology with objects');
  const features: Feature[] = [];
  for (const object of Object.values(topology.objects)) {
    const converted = feature(topology, object) as unknown as FeatureCollection | Feature;
    for (const f of converted.type === 'FeatureCollection' ? converted.features : [converted]) {
      features.push({ type: 'Feature', geometry: f.geometry ?? null, properties: f.properties ?? {} });
    }
  }
  return { type: 'FeatureCollection', features };
}
