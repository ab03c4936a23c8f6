import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry, Position } from '../../src/core';
import { readVectorFile } from '../../src/io/formats';
import { writeVectorFile } from '../../src/io/writers';
import { SAMPLE_DIR } from '../support/paths';

// Every reader round-trips through its writer: the same geometry to 1 mm (or 1e-8°) and the same attributes.

const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, name)));

function positions(g: Geometry | null): Position[] {
  if (!g) return [];
  return (g.type === 'Point' ? [g.coordinates] : (g.coordinates as unknown[]).flat(3)) as Position[];
}

function flatPositions(g: Geometry | null): number[] {
  return JSON.stringify(g?.coordinates ?? []).match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
}

function expectSameGeometry(a: Feature, b: Feature, tolerance: number) {
  const pa = flatPositions(a.geometry), pb = flatPositions(b.geometry);
  expect(pb.length).toBe(pa.length);
  expect(Math.max(...pa.map((v, i) => Math.abs(v - pb[i]!)))).toBeLessThanOrEqual(tolerance);
}

async function roundTrip(collection: FeatureCollection, crs: string, file: string, encoding?: 'utf-8' | 'gbk') {
  const bytes = await writeVectorFile(collection, crs, file, encoding ? { encoding } : {});
  return readVectorFile(bytes, file);
}

describe('round trips', () => {
  it('GeoJSON (projected, legacy crs member)', async () => {
    const read = await readVectorFile(sample('real_estate.geojson'), 'real_estate.geojson');
    const back = await roundTrip(read.collection, 'EPSG:4547', 'out.geojson');
    expect(back.declaredCrs?.code).toBe('EPSG:4547');
    back.collection.features.forEach((f, i) => {
      expectSameGeometry(read.collection.features[i]!, f, 0);
      expect(f.properties).toEqual(read.collection.features[i]!.properties);
    });
  });

  it.each(['gbk', 'utf-8'] as const)('zipped Shapefile with %s attributes, .prj and .cpg', async (encoding) => {
    const read = await readVectorFile(sample('land_use.zip'), 'land_use.zip');
    const back = await roundTrip(read.collection, 'EPSG:4547', 'out.zip', encoding);
    expect(back.declaredCrs?.code).toBe('EPSG:4547');
    expect(back.collection.features).toHaveLength(read.collection.features.length);
    back.collection.features.forEach((f, i) => {
      expectSameGeometry(read.collection.features[i]!, f, 0.001);
      expect(f.properties).toEqual(read.collection.features[i]!.properties);
    });
  });

  it('boundary coordinate txt', async () => {
    const read = await readVectorFile(sample('approved_land_boundary.txt'), 'approved_land_boundary.txt');
    const back = await roundTrip(read.collection, 'EPSG:4526', 'out.txt');
    expect(back.declaredCrs?.code).toBe('EPSG:4526');
    back.collection.features.forEach((f, i) => {
      expectSameGeometry(read.collection.features[i]!, f, 0.001);
      expect(f.properties['地块编号']).toBe(read.collection.features[i]!.properties['地块编号']);
      expect(f.properties['地块面积']).toBeCloseTo(read.collection.features[i]!.properties['地块面积'] as number, 4);
    });
  });

  it.each(['out.csv', 'out.xlsx'])('points through %s (lon/lat columns)', async (file) => {
    const read = await readVectorFile(sample('cases.csv'), 'cases.csv');
    const back = await roundTrip(read.collection, 'EPSG:4490', file);
    back.collection.features.forEach((f, i) => {
      expectSameGeometry(read.collection.features[i]!, f, 1e-9);
      const { lon: _lon, lat: _lat, ...rest } = f.properties;
      expect(rest).toEqual(read.collection.features[i]!.properties);
    });
  });

  it('polygons through CSV as WKT', async () => {
    const read = await readVectorFile(sample('approved_land.zip'), 'approved_land.zip');
    const back = await roundTrip(read.collection, 'EPSG:4547', 'out.csv');
    back.collection.features.forEach((f, i) => expectSameGeometry(read.collection.features[i]!, f, 0.001));
    expect(back.collection.features[0]!.properties['批准文号']).toBe(read.collection.features[0]!.properties['批准文号']);
  });

  it('neutralises formula-like cells in CSV', async () => {
    const collection: FeatureCollection = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114.9, 30.45] }, properties: { note: '=HYPERLINK("x")', n: -3 } }] };
    const text = new TextDecoder().decode(await writeVectorFile(collection, 'EPSG:4490', 'x.csv'));
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(',-3,');
  });
});

describe('readers without a writer of ours', () => {
  it('FlatGeobuf written by the flatgeobuf library, with its CRS', async () => {
    const read = await readVectorFile(sample('approved_land.zip'), 'approved_land.zip');
    const fgb = serialize(read.collection as never, 4547);
    const back = await readVectorFile(fgb, 'approved.fgb');
    expect(back.declaredCrs?.code).toBe('EPSG:4547');
    expect(back.collection.features).toHaveLength(read.collection.features.length);
    expect(back.collection.features[0]!.properties['批准文号']).toBe(read.collection.features[0]!.properties['批准文号']);
  });

  it('KML and KMZ placemarks', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>违建厂房</name><Polygon><outerBoundaryIs><LinearRing><coordinates>114.90,30.45 114.91,30.45 114.91,30.46 114.90,30.45</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark><Placemark><name>投诉点</name><Point><coordinates>114.9051,30.4512</coordinates></Point></Placemark></Document></kml>`;
    const bytes = new TextEncoder().encode(kml);
    const read = await readVectorFile(bytes, 'a.kml');
    expect(read.collection.features.map((f) => f.properties.name)).toEqual(['违建厂房', '投诉点']);
    expect(read.declaredCrs?.code).toBe('EPSG:4326');
    const kmz = await readVectorFile(zipSync({ 'doc.kml': bytes }), 'a.kmz');
    expect(positions(kmz.collection.features[1]!.geometry)).toEqual([[114.9051, 30.4512]]);
  });

  it('CSV with degrees-minutes-seconds and X/Y written northing first', async () => {
    const dms = new TextEncoder().encode('编号,经度,纬度\nA,114°52\'30.5"E,30°27\'10"N\n');
    const read = await readVectorFile(dms, 'dms.csv');
    const [lon, lat] = positions(read.collection.features[0]!.geometry)[0]!;
    expect(lon).toBeCloseTo(114 + 52 / 60 + 30.5 / 3600, 10);
    expect(lat).toBeCloseTo(30 + 27 / 60 + 10 / 3600, 10);
  });
});
