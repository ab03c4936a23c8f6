import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BASE_MAP_STORAGE_KEY, BASE_MAP_STORAGE_VERSION, baseMapProblem, baseMapStyle, formatFileSize, loadBaseMapSettings, restoreBaseMap, saveBaseMapSettings, tiandituTemplates,
} from '../../src/map/baseMaps';
import type { BaseMapSettings } from '../../src/map/baseMaps';
import { ROOT } from '../support/paths';

// Saved base map settings of every version ever written stay readable (tests/fixtures/basemap), and what is saved
// now carries its schema version. Tianditu URLs as its WMTS GetTile requests are documented.

const FIXTURES = join(ROOT, 'tests/fixtures/basemap');
const storageWith = (text: string | null) => ({ getItem: (key: string) => (key === BASE_MAP_STORAGE_KEY ? text : null) });
const fixture = (name: string) => storageWith(readFileSync(join(FIXTURES, name), 'utf8'));

describe('saved base map settings', () => {
  it('reads the version 1 shape (written before _c sets, mirrors and local files) as Web Mercator Tianditu without a mirror', () => {
    expect(loadBaseMapSettings(fixture('v1-offline.json'))).toEqual({ kind: 'offline' });
    expect(loadBaseMapSettings(fixture('v1-tianditu-img.json'))).toEqual({ kind: 'tianditu-img', key: '0123456789abcdef0123456789abcdef', matrixSet: 'w', mirror: '' });
    expect(loadBaseMapSettings(fixture('v1-tianditu-vec.json'))).toEqual({ kind: 'tianditu-vec', key: '0123456789abcdef0123456789abcdef', matrixSet: 'w', mirror: '' });
    expect(loadBaseMapSettings(fixture('v1-xyz.json'))).toEqual({ kind: 'xyz', url: 'https://tiles.example.invalid/{z}/{x}/{y}.png' });
    expect(loadBaseMapSettings(fixture('v1-pmtiles.json'))).toEqual({ kind: 'pmtiles', url: 'https://example.invalid/county.pmtiles' });
  });

  it('reads the version 2 shape', () => {
    expect(loadBaseMapSettings(fixture('v2-tianditu-c-mirror.json'))).toEqual({ kind: 'tianditu-vec', key: '', matrixSet: 'c', mirror: 'http://10.1.2.3/tianditu' });
    expect(loadBaseMapSettings(fixture('v2-xyz-wmts.json'))).toMatchObject({ kind: 'xyz' });
    expect(loadBaseMapSettings(fixture('v2-pmtiles-file.json'))).toEqual({ kind: 'pmtiles-file', name: '县域影像.pmtiles', size: 1048576 });
  });

  it('has a fixture of every version ever written', () => {
    const versions = new Set(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')).version));
    expect([...versions].sort()).toEqual(Array.from({ length: BASE_MAP_STORAGE_VERSION }, (_, i) => i + 1));
  });

  it('saves with the schema version, and reads back what it saved', () => {
    const settings: BaseMapSettings[] = [
      { kind: 'offline' },
      { kind: 'tianditu-img', key: 'k', matrixSet: 'c', mirror: '' },
      { kind: 'xyz', url: 'https://t{0-7}.example.cn/{z}/{x}/{y}' },
      { kind: 'pmtiles-file', name: 'a.pmtiles', size: 12 },
    ];
    for (const s of settings) {
      let saved = '';
      saveBaseMapSettings({ setItem: (_key, value) => (saved = value) }, s);
      expect(JSON.parse(saved)).toEqual({ version: 2, settings: s });
      expect(loadBaseMapSettings(storageWith(saved))).toEqual(s);
    }
  });

  it('falls back to the offline map on damaged, unknown-version or invalid entries', () => {
    for (const text of [null, '{', '"x"', '{"version":3,"settings":{"kind":"offline"}}', '{"version":1,"settings":{"kind":"xyz","url":"https://no-placeholders.png"}}', '{"version":1,"settings":{"kind":"tianditu-img","key":""}}', '{"version":1,"settings":{"kind":"pmtiles-file","name":"a","size":1}}']) {
      expect(loadBaseMapSettings(storageWith(text))).toEqual({ kind: 'offline' });
    }
  });

  it('after a reload a local file is not open: the offline map, and the file to pick again', () => {
    expect(restoreBaseMap(fixture('v2-pmtiles-file.json'))).toEqual({ settings: { kind: 'offline' }, missingFile: { name: '县域影像.pmtiles', size: 1048576 } });
    expect(restoreBaseMap(fixture('v2-pmtiles-file.json'), () => true)).toEqual({ settings: { kind: 'pmtiles-file', name: '县域影像.pmtiles', size: 1048576 }, missingFile: null });
    expect(restoreBaseMap(fixture('v1-xyz.json')).missingFile).toBeNull();
  });

  it('formats file sizes', () => {
    expect([formatFileSize(812), formatFileSize(36_045), formatFileSize(1_468_006), formatFileSize(2_255_000_000)]).toEqual(['812 B', '35.2 KB', '1.4 MB', '2.10 GB']);
  });
});

describe('what the user entered', () => {
  const tianditu = (key: string, mirror = ''): BaseMapSettings => ({ kind: 'tianditu-vec', key, matrixSet: 'w', mirror });

  it('Tianditu needs a key, an intranet mirror may not; a mirror is a plain http(s) base URL', () => {
    expect(baseMapProblem(tianditu(''))).toEqual({ key: 'baseMap.error.key' });
    expect(baseMapProblem(tianditu('abc'))).toBeNull();
    expect(baseMapProblem(tianditu('', 'http://10.1.2.3:8080/tianditu/'))).toBeNull();
    expect(baseMapProblem(tianditu('', '10.1.2.3/tianditu'))).toEqual({ key: 'baseMap.error.mirror' });
    expect(baseMapProblem(tianditu('', 'http://10.1.2.3/vec_w/wmts?tk=1'))).toEqual({ key: 'baseMap.error.mirror' });
  });

  it('a template problem names what is wrong', () => {
    expect(baseMapProblem({ kind: 'xyz', url: 'https://tiles.example.invalid/tile.png' })).toEqual({ key: 'baseMap.error.templateMissing', values: { missing: '{z} {x} {y}' } });
    expect(baseMapProblem({ kind: 'xyz', url: 'https://a.example/{TileMatrixSet}/{z}/{x}/{y}' })).toEqual({ key: 'baseMap.error.templateUnknown', values: { placeholder: '{TileMatrixSet}' } });
    expect(baseMapProblem({ kind: 'xyz', url: 'https://a.example/wmts?tilematrixset=c&tilematrix={z}&tilerow={y}&tilecol={x}' })).toEqual({ key: 'baseMap.error.templateGeographic', values: { matrixSet: 'c' } });
  });
});

describe('Tianditu tile URLs', () => {
  it('GetTile requests as Tianditu documents them, t0–t7, the key as tk', () => {
    const [t0, , , , , , , t7] = tiandituTemplates('vec', 'w', 'KEY');
    expect(t0).toBe('https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=KEY');
    expect(t7).toMatch(/^https:\/\/t7\.tianditu\.gov\.cn\/vec_w\//);
    expect(tiandituTemplates('cia', 'c', 'KEY', 'http://10.1.2.3/tdt/')).toEqual([
      'http://10.1.2.3/tdt/cia_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=cia&STYLE=default&TILEMATRIXSET=c&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=KEY',
    ]);
  });

  it('_w: the base, then its annotation over it; WMTS placeholders as z/y/x', () => {
    const style = baseMapStyle({ kind: 'tianditu-img', key: 'KEY', matrixSet: 'w', mirror: '' });
    expect(style.layers.map((l) => l.id)).toEqual(['basemap-base', 'basemap-labels']);
    const base = style.sources['basemap-base'] as { tiles: string[] };
    const labels = style.sources['basemap-labels'] as { tiles: string[] };
    expect(base.tiles).toHaveLength(8);
    expect(base.tiles[0]).toContain('/img_w/wmts?');
    expect(base.tiles[0]).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY');
    expect(labels.tiles[0]).toContain('/cia_w/wmts?');
  });

  it('_c: through the lon/lat protocol, spread over t0–t7, annotation (cva_c) on top', () => {
    const style = baseMapStyle({ kind: 'tianditu-vec', key: 'KEY', matrixSet: 'c', mirror: '' });
    const [base] = (style.sources['basemap-base'] as { tiles: string[] }).tiles;
    const [labels] = (style.sources['basemap-labels'] as { tiles: string[] }).tiles;
    expect(base!.startsWith('lonlat-c://{z}/{x}/{y}?max=18&src=')).toBe(true);
    const template = decodeURIComponent(base!.slice(base!.indexOf('src=') + 4));
    expect(template).toBe('https://t{s}.tianditu.gov.cn/vec_c/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=c&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=KEY');
    expect(decodeURIComponent(labels!)).toContain('/cva_c/wmts?');
    expect(style.layers.map((l) => l.id)).toEqual(['basemap-base', 'basemap-labels']);
  });

  it('a WMTS template becomes maplibre tiles; TMS rows set the scheme', () => {
    const style = baseMapStyle({ kind: 'xyz', url: 'https://g.example.cn/wmts/img/default/w/{TileMatrix}/{TileRow}/{TileCol}.png' });
    expect(style.sources['basemap-base']).toMatchObject({ type: 'raster', tiles: ['https://g.example.cn/wmts/img/default/w/{z}/{y}/{x}.png'], scheme: 'xyz' });
    expect(baseMapStyle({ kind: 'xyz', url: 'https://g.example.cn/{z}/{x}/{-y}.png' }).sources['basemap-base']).toMatchObject({ scheme: 'tms' });
  });
});
