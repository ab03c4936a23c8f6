import { Delaunay } from 'd3-delaunay';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { buildLayerStore, InputError, transformBetween } from '../../src/core';
import type { Feature, FeatureCollection, LayerStore, Position } from '../../src/core';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { readFlatGeobufStore } from '../../src/io/flatgeobufStore';

// FlatGeobuf straight into a LayerStore equals the store built from the same file read through the GeoJSON
// reader (coordinates within 1e-6 m, the same offsets, ids and attributes). ../shared/data holds no FlatGeobuf
// file (PROVENANCE.md), so the files are generated here with the flatgeobuf package's own writer.

const CRS = 'EPSG:4547';
const ORIGIN: Position = [560_000, 3_340_000];
const toLonLat = transformBetween(CRS, 'EPSG:4490');
const square = (x: number, y: number, side: number): Position[] => [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];

/** A seeded Voronoi county of n parcels plus a holed polygon and a multipolygon, planar or lon/lat. */
function county(n: number, lonLat: boolean): FeatureCollection {
  const random = seedrandom(`fgb-store-${n}`);
  const side = Math.sqrt(n * 1000);
  const voronoi = new Delaunay(new Float64Array(n * 2).map(() => random() * side)).voronoi([0, 0, side, side]);
  const place = ([x, y]: Position): Position => (lonLat ? toLonLat([ORIGIN[0] + x!, ORIGIN[1] + y!]) : [ORIGIN[0] + x!, ORIGIN[1] + y!]);
  const features: Feature[] = Array.from({ length: n }, (_, i) => ({
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [(voronoi.cellPolygon(i) as unknown as Position[]).map(place)] },
    properties: { ZDDM: `421102${String(i).padStart(13, '0')}`, QLR: i % 5 === 0 ? `权利人${i}·Ünïcode 😀` : `权利人${i % 97}`, MJ: random() * 1000, FLAG: i % 2 === 0 },
  }));
  features.push(
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(-200, 0, 100).map(place), square(-170, 30, 40).reverse().map(place)] }, properties: { ZDDM: 'HOLED', QLR: 'x', MJ: 1, FLAG: true } },
    { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[square(-400, 0, 50).map(place)], [square(-300, 0, 50).map(place), square(-290, 10, 10).reverse().map(place)]] }, properties: { ZDDM: '', QLR: 'multi', MJ: 2, FLAG: false } },
  );
  return { type: 'FeatureCollection', features };
}

function expectSameStore(actual: LayerStore, expected: LayerStore): void {
  expect(actual.featureCount).toBe(expected.featureCount);
  expect(actual.crs).toBe(expected.crs);
  expect([...actual.ringStart]).toEqual([...expected.ringStart]);
  expect([...actual.partStart]).toEqual([...expected.partStart]);
  expect([...actual.featureStart]).toEqual([...expected.featureStart]);
  expect(actual.coords.length).toBe(expected.coords.length);
  let worst = 0;
  for (let k = 0; k < actual.coords.length; k++) worst = Math.max(worst, Math.abs(actual.coords[k]! - expected.coords[k]!));
  expect(worst).toBeLessThan(1e-6);
  for (let k = 0; k < actual.bbox.length; k++) expect(Math.abs(actual.bbox[k]! - expected.bbox[k]!)).toBeLessThan(1e-6);
  expect(actual.index.byteLength).toBe(expected.index.byteLength);
  expect(actual.ids).toEqual(expected.ids);
  expect([...actual.attributes]).toEqual([...expected.attributes]);
}

const options = { id: 'parcels', kind: 'real_estate' as const, planarCrs: CRS, idField: 'ZDDM' };

describe('readFlatGeobufStore', () => {
  for (const [label, lonLat, code] of [['lon/lat (EPSG:4490), transformed', true, 4490], ['already planar (EPSG:4547)', false, 4547]] as const) {
    it(`equals buildLayerStore over the GeoJSON reader: ${label}`, async () => {
      const bytes = serialize(county(2000, lonLat) as never, code);
      const { collection, crs } = await readFlatGeobuf(bytes, 'county.fgb');
      expect(crs?.code).toBe(`EPSG:${code}`);
      const lonLatCollection: FeatureCollection = lonLat ? collection : {
        type: 'FeatureCollection',
        features: collection.features.map((f) => ({ ...f, geometry: f.geometry && f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map((r) => r.map(toLonLat)) }
          : f.geometry && f.geometry.type === 'MultiPolygon' ? { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map((r) => r.map(toLonLat))) } : f.geometry })),
      };
      const expected = buildLayerStore('parcels', 'real_estate', lonLatCollection, CRS, 'ZDDM');
      const read = readFlatGeobufStore(bytes, 'county.fgb', options);
      expect(read.crs).toBe(`EPSG:${code}`);
      expect(read.featureCount).toBe(2002);
      expectSameStore(read.store, expected);
      if (!lonLat) expect(read.store.coords).toEqual(buildPlanarCoords(collection)); // copied bit for bit
      expect(read.store.ids.slice(-2)).toEqual(['HOLED', '#2002']);
      // Lazy attributes decode to the same objects.
      const lazy = readFlatGeobufStore(bytes, 'county.fgb', { ...options, lazyAttributes: true });
      expectSameStore(lazy.store, expected);
      expect(lazy.store.attributes.length).toBe(2002);
      expect(lazy.store.attributes[2000]).toEqual({ ZDDM: 'HOLED', QLR: 'x', MJ: 1, FLAG: true });
      expect(lazy.store.attributes[5]!.QLR).toBe('权利人5·Ünïcode 😀');
    });
  }

  it('reads a file whose bytes sit at an odd offset in their buffer', () => {
    const bytes = serialize(county(50, true) as never, 4490);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expectSameStore(readFlatGeobufStore(shifted.subarray(3), 'odd.fgb', options).store, readFlatGeobufStore(bytes, 'even.fgb', options).store);
  });

  it('takes the CRS from the option, else from the extent, when the header names none', () => {
    const bytes = serialize(county(50, true) as never); // no CRS in the header
    expect(readFlatGeobufStore(bytes, 'a.fgb', { ...options, sourceCrs: 'EPSG:4490' }).crs).toBe('EPSG:4490');
    expect(readFlatGeobufStore(bytes, 'a.fgb', options).crs).toBe('EPSG:4490'); // degrees: lon/lat
  });

  it('names the file and the feature of a truncated file', () => {
    const bytes = serialize(county(50, true) as never, 4490);
    for (const cut of [bytes.length - 7, Math.floor(bytes.length / 2)]) {
      let error: unknown = null;
      try {
        readFlatGeobufStore(bytes.subarray(0, cut), 'cut.fgb', options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).file).toBe('cut.fgb');
      expect((error as InputError).place).toMatch(/^feature \d+$/);
      expect((error as Error).message).toMatch(/^cut\.fgb: feature \d+: /);
    }
    expect(() => readFlatGeobufStore(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'x.fgb', options)).toThrow(InputError);
    expect(() => readFlatGeobufStore(bytes.subarray(0, 20), 'head.fgb', options)).toThrow(/head\.fgb: header: /);
  });
});

function buildPlanarCoords(collection: FeatureCollection): Float64Array {
  const out: number[] = [];
  for (const f of collection.features) {
    const g = f.geometry;
    const parts = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    for (const rings of parts) for (const ring of rings) for (const p of ring) out.push(p[0]!, p[1]!);
  }
  return new Float64Array(out);
}
