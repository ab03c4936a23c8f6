import { describe, expect, it } from 'vitest';
import { parseTileTemplate } from '../../src/map/tileTemplate';

// Templates as bureaus paste them: XYZ, WMTS KVP and REST (OGC 07-057r7 §H), Esri level/row/col, and the
// mistakes met in practice (a pasted tile URL, Leaflet's {s}, a GetCapabilities variable, a lon/lat matrix set).

const tiles = (url: string) => {
  const parsed = parseTileTemplate(url);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed.problem)}`);
  return parsed.template;
};
const problem = (url: string) => {
  const parsed = parseTileTemplate(url);
  if (parsed.ok) throw new Error(`accepted: ${parsed.template.tiles[0]}`);
  return parsed.problem;
};

describe('tile templates', () => {
  it('takes XYZ templates as they are', () => {
    expect(tiles('https://tiles.example.com/{z}/{x}/{y}.png')).toEqual({ tiles: ['https://tiles.example.com/{z}/{x}/{y}.png'], scheme: 'xyz' });
    expect(tiles('  http://10.0.0.7:8080/arcgis/rest/services/img/MapServer/tile/{z}/{y}/{x}  ').tiles).toEqual(['http://10.0.0.7:8080/arcgis/rest/services/img/MapServer/tile/{z}/{y}/{x}']);
  });

  it('maps WMTS KVP {TileMatrix}/{TileRow}/{TileCol} to z/y/x', () => {
    const kvp = 'https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=abc';
    expect(tiles(kvp).tiles).toEqual([
      'https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc',
    ]);
  });

  it('maps WMTS REST templates, whatever the case of the placeholders, and GeoServer prefixed matrix ids', () => {
    expect(tiles('https://gis.example.gov.cn/wmts/img/default/GoogleMapsCompatible/{TileMatrix}/{TileRow}/{TileCol}.jpg').tiles).toEqual([
      'https://gis.example.gov.cn/wmts/img/default/GoogleMapsCompatible/{z}/{y}/{x}.jpg',
    ]);
    expect(tiles('https://gis.example.gov.cn/gwc/service/wmts?layer=a&tilematrixset=EPSG:900913&TileMatrix=EPSG:900913:{tilematrix}&TileCol={tilecol}&TileRow={tilerow}').tiles).toEqual([
      'https://gis.example.gov.cn/gwc/service/wmts?layer=a&tilematrixset=EPSG:900913&TileMatrix=EPSG:900913:{z}&TileCol={x}&TileRow={y}',
    ]);
  });

  it('takes Esri {level}/{row}/{col}, TMS {-y} and maplibre {quadkey}', () => {
    expect(tiles('https://e.example.com/{level}/{row}/{col}').tiles).toEqual(['https://e.example.com/{z}/{y}/{x}']);
    expect(tiles('https://tms.example.com/1.0.0/img/{z}/{x}/{-y}.png')).toEqual({ tiles: ['https://tms.example.com/1.0.0/img/{z}/{x}/{y}.png'], scheme: 'tms' });
    expect(tiles('https://ecn.t0.tiles.example.net/tiles/a{quadkey}.jpeg').tiles).toHaveLength(1);
  });

  it('expands OpenLayers subdomain ranges into one URL per subdomain', () => {
    expect(tiles('https://t{0-2}.example.cn/{z}/{x}/{y}').tiles).toEqual(['https://t0.example.cn/{z}/{x}/{y}', 'https://t1.example.cn/{z}/{x}/{y}', 'https://t2.example.cn/{z}/{x}/{y}']);
    expect(tiles('https://{a-c}.tile.example.org/{z}/{x}/{y}.png').tiles).toEqual([
      'https://a.tile.example.org/{z}/{x}/{y}.png', 'https://b.tile.example.org/{z}/{x}/{y}.png', 'https://c.tile.example.org/{z}/{x}/{y}.png',
    ]);
  });

  it('says which placeholder is missing, e.g. in a pasted tile URL', () => {
    expect(problem('https://tiles.example.invalid/tile.png')).toEqual({ code: 'missing', missing: ['{z}', '{x}', '{y}'] });
    expect(problem('https://t0.tianditu.gov.cn/vec_w/wmts?TILEMATRIXSET=w&TILEMATRIX=12&TILEROW={TileRow}&TILECOL={TileCol}')).toEqual({ code: 'missing', missing: ['{z}'] });
  });

  it('refuses non-http URLs and empty input', () => {
    expect(problem('')).toEqual({ code: 'empty' });
    expect(problem('ftp://example.com/{z}/{x}/{y}')).toEqual({ code: 'scheme' });
    expect(problem('tiles.example.com/{z}/{x}/{y}.png')).toEqual({ code: 'scheme' });
  });

  it('names an unknown placeholder left from GetCapabilities, and asks for a range instead of {s}', () => {
    expect(problem('https://w.example.com/wmts/img/{Style}/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}.png')).toEqual({ code: 'unknown', placeholder: '{Style}' });
    expect(problem('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toEqual({ code: 'subdomains' });
  });

  it('refuses geographic (lon/lat) tile matrix sets, which a Web Mercator map cannot show as they are', () => {
    expect(problem('https://t0.tianditu.gov.cn/img_c/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=img&TILEMATRIXSET=c&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk=a')).toEqual({ code: 'geographic', matrixSet: 'c' });
    expect(problem('https://g.example.com/gwc/service/wmts?TileMatrixSet=EPSG:4490&TileMatrix={TileMatrix}&TileRow={TileRow}&TileCol={TileCol}')).toEqual({ code: 'geographic', matrixSet: 'EPSG:4490' });
    expect(problem('https://t0.tianditu.gov.cn/cva_c/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}')).toEqual({ code: 'geographic', matrixSet: 'cva_c' });
  });
});
