import { PNG } from 'pngjs';
import { PMTiles } from 'pmtiles';
import type { RangeResponse, Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { pmtilesStyle } from '../../src/map/baseMaps';
import { describeArchive, headerProblem, localPmtiles, openLocalPmtiles, PmtilesProblem } from '../../src/map/pmtilesSource';
import { tilesCovering, writePmtiles } from '../support/pmtilesWriter';

// PMTiles base maps: the archive's header and metadata say raster or vector, zoom range and bounds; bad files are
// refused with what was found. Archives come from the test-only writer and are read back with the pmtiles library.

const png = (rgb: [number, number, number]) => {
  const image = new PNG({ width: 256, height: 256 });
  for (let i = 0; i < 256 * 256; i++) image.data.set([...rgb, 255], i * 4);
  return new Uint8Array(PNG.sync.write(image));
};

const COUNTY: [number, number, number, number] = [114.87, 30.43, 114.93, 30.47];

function rasterArchive(): Uint8Array<ArrayBuffer> {
  const tile = png([200, 40, 160]);
  return writePmtiles({
    tileType: 2,
    bounds: COUNTY,
    metadata: { name: 'county', attribution: '<a href="https://example.invalid">© 县自然资源局</a>' },
    tiles: [12, 13].flatMap((z) => tilesCovering(COUNTY, z).map(({ x, y }) => ({ z, x, y, data: tile }))),
  });
}

class BytesSource implements Source {
  constructor(private readonly bytes: Uint8Array) {}
  getKey() {
    return 'bytes';
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: this.bytes.slice(offset, offset + length).buffer };
  }
}

describe('the test PMTiles writer', () => {
  it('writes an archive the pmtiles library reads back, header, metadata and tiles', async () => {
    const archive = new PMTiles(new BytesSource(rasterArchive()));
    const header = await archive.getHeader();
    expect(header).toMatchObject({ specVersion: 3, tileType: 2, minZoom: 12, maxZoom: 13, minLon: 114.87, maxLat: 30.47 });
    // 114.9°E 30.45°N at z13: x = (294.9/360)·8192 = 6710.6, y = (1 − ln tan(60.225°)/π)/2·8192 = 3367.96 (the county's middle).
    const tile = await archive.getZxy(13, 6710, 3367);
    expect(PNG.sync.read(Buffer.from(tile!.data)).data.subarray(0, 4)).toEqual(Buffer.from([200, 40, 160, 255]));
    expect(await archive.getZxy(13, 0, 0)).toBeUndefined();
    expect(await archive.getMetadata()).toMatchObject({ name: 'county' });
  });
});

describe('a local PMTiles file as the base map', () => {
  it('a raster archive: PNG tiles, its zoom range and bounds, attribution as text', async () => {
    const file = new File([rasterArchive()], '县域影像.pmtiles');
    const archive = await openLocalPmtiles(file);
    expect(archive).toMatchObject({ format: 'png', minZoom: 12, maxZoom: 13, bounds: COUNTY, vectorLayers: [], attribution: '© 县自然资源局' });
    expect(localPmtiles('县域影像.pmtiles', file.size)).toBe(archive);
    expect(localPmtiles('县域影像.pmtiles', file.size + 1)).toBeUndefined();
    const style = pmtilesStyle(archive);
    expect(style.sources['basemap-base']).toMatchObject({ type: 'raster', tiles: [`pmtiles://${archive.key}/{z}/{x}/{y}`], minzoom: 12, maxzoom: 13, bounds: COUNTY });
    expect(style.layers.map((l) => l.type)).toEqual(['raster']);
  });

  it('refuses a file that is not PMTiles, saying what it starts with', async () => {
    const text = new File([new TextEncoder().encode('{"type":"FeatureCollection","features":[]}'.padEnd(200, ' '))], 'parcels.pmtiles');
    await expect(openLocalPmtiles(text)).rejects.toThrow('starts with "{\\"type\\"", not "PMTiles"');
    await expect(openLocalPmtiles(new File([new Uint8Array(20)], 'empty.pmtiles'))).rejects.toThrow('20 bytes, shorter than a PMTiles header (127 bytes)');
    const v2 = rasterArchive();
    v2[7] = 2;
    await expect(openLocalPmtiles(new File([v2], 'old.pmtiles'))).rejects.toThrow('PMTiles version 2, only version 3 is read');
  });

  it('refuses an archive whose directory is cut off', async () => {
    const cut = rasterArchive().slice(0, 130);
    await expect(openLocalPmtiles(new File([cut], 'cut.pmtiles'))).rejects.toBeInstanceOf(PmtilesProblem);
  });

  it('checks the 127-byte header itself', () => {
    expect(headerProblem(rasterArchive().subarray(0, 127))).toBeNull();
    expect(headerProblem(new Uint8Array(127))).toMatch(/not "PMTiles"/);
  });
});

describe('a vector archive gets a plain style drawing every layer of its metadata', () => {
  const header = (tileType: number) =>
    ({ tileType, minZoom: 0, maxZoom: 14, minLon: 114.8, minLat: 30.4, maxLon: 115, maxLat: 30.5 }) as Parameters<typeof describeArchive>[1];
  const metadata = {
    vector_layers: [{ id: 'dltb', fields: { DLBM: 'String' } }, { id: 'roads', fields: {} }, { id: 'pois', fields: {} }, { id: 'unknown', fields: {} }],
    // tippecanoe's tilestats say each layer's geometry; 'unknown' has none and gets all three kinds of layer.
    tilestats: { layers: [{ layer: 'dltb', geometry: 'Polygon' }, { layer: 'roads', geometry: 'LineString' }, { layer: 'pois', geometry: 'Point' }] },
  };

  it('fill and outline for polygons, a line for lines, a circle for points, all three when the geometry is not known', () => {
    const archive = describeArchive('k', header(1), metadata);
    expect(archive.vectorLayers).toEqual([
      { id: 'dltb', geometry: 'polygon' }, { id: 'roads', geometry: 'line' }, { id: 'pois', geometry: 'point' }, { id: 'unknown', geometry: null },
    ]);
    const style = pmtilesStyle(archive);
    expect(style.sources['basemap-base']).toMatchObject({ type: 'vector', minzoom: 0, maxzoom: 14, bounds: [114.8, 30.4, 115, 30.5] });
    expect(style.layers.map((l) => `${l.type}:${l.id}`)).toEqual([
      'fill:basemap-dltb-fill', 'line:basemap-dltb-outline', 'line:basemap-roads-line', 'circle:basemap-pois-point',
      'fill:basemap-unknown-fill', 'line:basemap-unknown-outline', 'line:basemap-unknown-line', 'circle:basemap-unknown-point',
    ]);
    expect(style.layers.find((l) => l.id === 'basemap-roads-line')).toMatchObject({ source: 'basemap-base', 'source-layer': 'roads', filter: ['==', '$type', 'LineString'] });
  });

  it('MLT tiles are read with the mlt encoding; an unknown tile type is refused', () => {
    expect(pmtilesStyle(describeArchive('k', header(6), metadata)).sources['basemap-base']).toMatchObject({ type: 'vector', encoding: 'mlt' });
    expect(() => describeArchive('k', header(0), {})).toThrow('tile type 0');
  });
});
