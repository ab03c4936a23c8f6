import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Delaunay } from 'd3-delaunay';
import { serialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { calcTreeSize } from 'flatgeobuf/lib/mjs/packedrtree.js';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { buildLayerStore, InputError, transformBetween } from '../../src/core';
import type { Feature, FeatureCollection, LayerStore, Position } from '../../src/core';
import { readFlatGeobuf } from '../../src/io/flatgeobuf';
import { readFlatGeobufStore, readFlatGeobufStoreFrom } from '../../src/io/flatgeobufStore';
import { blobSource, bytesSource, fileHandleSource, positionedReadSource } from '../../src/io/rangeSource';
import type { FlatGeobufStoreResult } from '../../src/io/flatgeobufStore';
import type { RangeSource } from '../../src/io/rangeSource';

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
  expect(actual.bbox.length).toBe(expected.bbox.length);
  let worstBox = 0;
  for (let k = 0; k < actual.bbox.length; k++) {
    const a = actual.bbox[k]!, b = expected.bbox[k]!;
    worstBox = Math.max(worstBox, Number.isNaN(a) && Number.isNaN(b) ? 0 : Math.abs(a - b)); // NaN: empty, in both
  }
  expect(worstBox).toBeLessThan(1e-6);
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

/** The error a call throws (or its promise rejects with), else null. */
async function errorOf(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  return null;
}

/**
 * The file with a packed R-tree after its header, as GDAL writes them (the package's writer writes none): the
 * header's index_node_size set to `nodeSize` and the tree's bytes (0xAB, never read: the reader skips the index).
 */
function withIndex(bytes: Uint8Array, nodeSize: number): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerEnd = 12 + view.getUint32(8, true);
  const header = 12 + view.getUint32(12, true);
  const vtable = header - view.getInt32(header, true);
  const slot = view.getUint16(vtable + 4 + 9 * 2, true); // index_node_size: written, as 0, by the package's writer
  const countSlot = view.getUint16(vtable + 4 + 8 * 2, true);
  expect(slot).toBeGreaterThan(0);
  const count = Number(view.getBigUint64(header + countSlot, true));
  const tree = calcTreeSize(count, nodeSize);
  const out = new Uint8Array(bytes.length + tree);
  out.set(bytes.subarray(0, headerEnd));
  out.fill(0xab, headerEnd, headerEnd + tree);
  out.set(bytes.subarray(headerEnd), headerEnd + tree);
  new DataView(out.buffer).setUint16(header + slot, nodeSize, true);
  return out;
}

/**
 * An asynchronous source as the contract allows it at its tightest: two buffers, alternated, each filled with junk
 * before it is reused — so a reader holding an array longer than it may would read junk.
 */
function twoBufferSource(bytes: Uint8Array): RangeSource & { reads: number } {
  const buffers = [new Uint8Array(0), new Uint8Array(0)];
  const source = {
    size: bytes.length,
    reads: 0,
    async read(offset: number, length: number) {
      const slot = source.reads++ & 1;
      if (buffers[slot]!.length < length) buffers[slot] = new Uint8Array(length);
      buffers[slot]!.fill(0xee);
      await new Promise((resolve) => setImmediate(resolve)); // answers later: the reader reads ahead meanwhile
      buffers[slot]!.set(bytes.subarray(offset, offset + length));
      return buffers[slot]!.subarray(0, length);
    },
  };
  return source;
}

/** A synchronous source reusing one buffer, junked before each read. */
function oneBufferSource(bytes: Uint8Array): RangeSource {
  let buffer = new Uint8Array(0);
  return {
    size: bytes.length,
    read(offset, length) {
      if (buffer.length < length) buffer = new Uint8Array(length);
      buffer.fill(0xee);
      buffer.set(bytes.subarray(offset, offset + length));
      return buffer.subarray(0, length);
    },
  };
}

describe('readFlatGeobufStoreFrom (a file read by ranges)', () => {
  const lonLat = serialize(county(300, true) as never, 4490);
  const planar = serialize(county(300, false) as never, 4547);
  const indexed = withIndex(planar, 16);
  const headerLength = 12 + new DataView(planar.buffer, planar.byteOffset).getUint32(8, true);

  it('gives the store readFlatGeobufStore gives, at any chunk size, from any kind of source', async () => {
    expect(headerLength).toBeGreaterThan(200); // so small chunks end inside the header
    for (const [label, bytes, lazy] of [['lon/lat', lonLat, false], ['planar', planar, true], ['planar, indexed', indexed, false], ['planar, indexed, lazy', indexed, true]] as const) {
      const opts = { ...options, lazyAttributes: lazy };
      const expected = readFlatGeobufStore(bytes, 'county.fgb', opts);
      expect(expected.featureCount, label).toBe(302);
      // 64: every feature and the header cross windows; 1000, 4099: boundaries fall inside features, the header,
      // the index; 1 MiB: one window.
      for (const chunkBytes of [64, 100, 1000, 4099, 1 << 20]) {
        for (const source of [bytesSource(bytes), oneBufferSource(bytes), twoBufferSource(bytes), blobSource(new Blob([new Uint8Array(bytes)]))]) {
          const read = await readFlatGeobufStoreFrom(source, 'county.fgb', { ...opts, chunkBytes });
          expect(read.crs).toBe(expected.crs);
          expect(read.featureCount).toBe(expected.featureCount);
          expectSameStore(read.store, expected.store);
          expect(read.store.coords).toEqual(expected.store.coords); // bit for bit
        }
      }
    }
  });

  it('reads no byte of the index and reads each feature byte about twice (two passes)', async () => {
    const read: [number, number][] = [];
    const source: RangeSource = { size: indexed.length, read: (offset, length) => (read.push([offset, length]), indexed.subarray(offset, offset + length)) };
    await readFlatGeobufStoreFrom(source, 'county.fgb', { ...options, chunkBytes: 4096 });
    const tree = calcTreeSize(302, 16);
    expect(tree).toBeGreaterThan(3 * 4096);
    // The first window (from byte 0, for the header) ends inside the index; no other read touches it.
    expect(read[0]).toEqual([0, 4096]);
    expect(read.slice(1).every(([offset]) => offset >= headerLength + tree)).toBe(true);
    const total = read.reduce((n, [, length]) => n + length, 0);
    const features = indexed.length - headerLength - tree;
    expect(total).toBeGreaterThan(2 * features);
    expect(total).toBeLessThan(2 * features * 1.2 + 2 * 4096);
  });

  it('reads from a Node file descriptor and from a FileHandle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'landcheck-fgb-'));
    try {
      const file = join(dir, 'county.fgb');
      writeFileSync(file, indexed);
      const expected = readFlatGeobufStore(indexed, file, options);
      const fd = openSync(file, 'r');
      try {
        const source = positionedReadSource(fstatSync(fd).size, (buffer, length, position) => readSync(fd, buffer, 0, length, position));
        expectSameStore((await readFlatGeobufStoreFrom(source, file, { ...options, chunkBytes: 777 })).store, expected.store);
      } finally {
        closeSync(fd);
      }
      const handle = await open(file);
      try {
        expectSameStore((await readFlatGeobufStoreFrom(await fileHandleSource(handle), file, { ...options, chunkBytes: 777, lazyAttributes: true })).store, expected.store);
      } finally {
        await handle.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a truncated file with the same file, feature and message as readFlatGeobufStore', async () => {
    const tree = calcTreeSize(302, 16);
    const cuts = [indexed.length - 1, indexed.length - 7, Math.floor(indexed.length / 2), Math.floor(indexed.length / 3) + 1, headerLength + tree + 2, headerLength + 5];
    for (const cut of cuts) {
      const bytes = indexed.subarray(0, cut);
      const expected = await errorOf(() => readFlatGeobufStore(bytes, 'cut.fgb', options));
      expect(expected, `cut at ${cut}`).toBeInstanceOf(InputError);
      expect((expected as InputError).place).toMatch(/^feature \d+$/);
      if (cut === headerLength + 5) expect((expected as InputError).place).toBe('feature 1'); // inside the index: no feature
      for (const chunkBytes of [64, 1000, 1 << 20]) {
        for (const source of [bytesSource(bytes), twoBufferSource(bytes)]) {
          const error = await errorOf(() => readFlatGeobufStoreFrom(source, 'cut.fgb', { ...options, chunkBytes }));
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).file).toBe('cut.fgb');
          expect((error as InputError).place).toBe((expected as InputError).place);
          expect((error as Error).message).toBe((expected as Error).message);
        }
      }
    }
    // A cut inside the last feature names it, and says what was expected.
    const error = await errorOf(() => readFlatGeobufStoreFrom(bytesSource(indexed.subarray(0, indexed.length - 7)), 'cut.fgb', { ...options, chunkBytes: 100 }));
    expect((error as Error).message).toMatch(new RegExp(`^cut\\.fgb: feature 302: not a readable FlatGeobuf feature \\(the file ends early \\(needs byte ${indexed.length}, has ${indexed.length - 7}\\)\\)$`));
    // Inside the header.
    for (const cut of [20, headerLength - 1]) {
      expect(await errorOf(() => readFlatGeobufStoreFrom(bytesSource(indexed.subarray(0, cut)), 'head.fgb', { ...options, chunkBytes: 64 }))).toMatchObject({ file: 'head.fgb', place: 'header' });
    }
    expect(await errorOf(() => readFlatGeobufStoreFrom(bytesSource(new Uint8Array(11)), 'tiny.fgb', options))).toMatchObject({ file: 'tiny.fgb', place: null });
    expect(await errorOf(() => readFlatGeobufStoreFrom(bytesSource(new Uint8Array(40)), 'zero.fgb', options))).toMatchObject({ message: 'zero.fgb: not a readable FlatGeobuf file (no FlatGeobuf magic bytes)' });
  });

  it('refuses a feature whose offsets point outside it, naming the feature', async () => {
    // Feature 3's root offset (the u32 after its size) pointed past its end.
    const bytes = planar.slice();
    const view = new DataView(bytes.buffer);
    let offset = headerLength;
    for (let k = 0; k < 2; k++) offset += 4 + view.getUint32(offset, true);
    view.setUint32(offset + 4, view.getUint32(offset, true) + 8, true);
    for (const chunkBytes of [64, 1 << 20]) {
      const error = await errorOf(() => readFlatGeobufStoreFrom(bytesSource(bytes), 'bad.fgb', { ...options, chunkBytes }));
      expect(error).toMatchObject({ file: 'bad.fgb', place: 'feature 3' });
      expect((error as Error).message).toMatch(/an offset points outside the feature/);
    }
    expect(await errorOf(() => readFlatGeobufStore(bytes, 'bad.fgb', options))).toMatchObject({ place: 'feature 3' });
  });

  it('refuses a file that shrinks while it is read, and passes on a source that fails', async () => {
    const shrinking: RangeSource = { size: planar.length, read: (offset, length) => planar.subarray(offset, Math.min(offset + length, planar.length - 500)) };
    const error = await errorOf(() => readFlatGeobufStoreFrom(shrinking, 'moving.fgb', { ...options, chunkBytes: 1000 }));
    expect(error).toMatchObject({ file: 'moving.fgb' });
    expect((error as InputError).place).toMatch(/^feature \d+$/);
    expect((error as Error).message).toMatch(/did it change while being read\?/);
    let reads = 0;
    const failing: RangeSource = {
      size: planar.length,
      read: async (offset, length) => {
        if (++reads > 3) throw new Error('EIO');
        return planar.subarray(offset, offset + length);
      },
    };
    expect(await errorOf(() => readFlatGeobufStoreFrom(failing, 'eio.fgb', { ...options, chunkBytes: 1000 }))).toMatchObject({ message: 'EIO' });
  });

  it('keeps empty geometries empty and takes the CRS from the option or the extent', async () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square(ORIGIN[0], ORIGIN[1], 10)] }, properties: { ZDDM: 'A', N: 1 } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [ORIGIN[0], ORIGIN[1]] }, properties: { ZDDM: 'B', N: 2 } },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { ZDDM: '', N: 3 } },
      ],
    };
    const bytes = serialize(collection as never); // no CRS in the header
    for (const lazyAttributes of [false, true]) {
      const read = await readFlatGeobufStoreFrom(bytesSource(bytes), 'e.fgb', { ...options, lazyAttributes, sourceCrs: CRS, chunkBytes: 64 });
      expect(read.crs).toBe(CRS);
      expectSameStore(read.store, readFlatGeobufStore(bytes, 'e.fgb', { ...options, sourceCrs: CRS }).store);
      expect([...read.store.featureStart]).toEqual([0, 1, 1, 1]); // the point and the empty polygon: no parts
      expect([...read.store.bbox.subarray(0, 4)]).toEqual([ORIGIN[0], ORIGIN[1], ORIGIN[0] + 10, ORIGIN[1] + 10]);
      expect([...read.store.bbox.subarray(4)].every(Number.isNaN)).toBe(true);
      expect(read.store.ids).toEqual(['A', 'B', '#3']);
      expect([...read.store.attributes]).toEqual(collection.features.map((f) => f.properties));
    }
    const lonLatBytes = serialize(county(50, true) as never); // no CRS: degrees, so lon/lat
    expect((await readFlatGeobufStoreFrom(bytesSource(lonLatBytes), 'a.fgb', { ...options, chunkBytes: 100 })).crs).toBe('EPSG:4490');
  });

  it('lazy attributes: the same objects in the same key order, the id string kept once', async () => {
    const eager = readFlatGeobufStore(planar, 'county.fgb', options).store;
    const read: FlatGeobufStoreResult = await readFlatGeobufStoreFrom(bytesSource(planar), 'county.fgb', { ...options, lazyAttributes: true, chunkBytes: 1000 });
    const lazy = read.store;
    expect(lazy.attributes.length).toBe(302);
    expect(Array.isArray(lazy.attributes)).toBe(true);
    for (let i = 0; i < 302; i++) {
      expect(lazy.attributes[i]).toEqual(eager.attributes[i]);
      expect(Object.keys(lazy.attributes[i]!)).toEqual(Object.keys(eager.attributes[i]!));
    }
    expect(lazy.attributes[301]!.ZDDM).toBe(''); // an empty id stays in the bytes
    expect(lazy.attributes.map((a) => a.ZDDM)).toEqual(eager.attributes.map((a) => a.ZDDM));
    expect(Object.keys(lazy.attributes).length).toBe(302);
    // By id, in a column that is no string: kept as its value.
    const byNumber = readFlatGeobufStore(planar, 'county.fgb', { ...options, idField: 'MJ', lazyAttributes: true }).store;
    expect([...byNumber.attributes]).toEqual([...eager.attributes]);
    expect(byNumber.ids[0]).toBe(String(eager.attributes[0]!.MJ));
  });
});
