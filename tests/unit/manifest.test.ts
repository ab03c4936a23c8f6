import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, parseManifest } from '../../src/core';
import { loadWorkspace } from '../../src/io/workspace';
import { SAMPLE_DIR } from '../support/paths';

const base = { name: 'T', layers: [{ id: 'a', kind: 'land_use', path: 'a.zip' }] };
const parse = (value: unknown) => parseManifest(JSON.stringify(value), 'x.landcheck.json');

describe('workspace manifest (DESIGN §9)', () => {
  it('reads the sample manifest, with the design example shape', () => {
    const manifest = parseManifest(readFileSync(join(SAMPLE_DIR, 'sample.landcheck.json'), 'utf8'), 'sample.landcheck.json');
    expect(manifest.schemaVersion).toBe(1);
    expect(manifest.areaCrs).toBe('EPSG:4547');
    expect(manifest.layers.map((l) => l.kind)).toEqual(expect.arrayContaining(['approved_land', 'real_estate', 'land_use', 'basic_farmland', 'eco_redline', 'urban_boundary', 'satellite_patch']));
    expect(manifest.imagery).toHaveLength(2);
    expect(manifest.cases).toBe('cases.csv');
  });

  it('reads the example of DESIGN §9 (no schemaVersion means version 1)', () => {
    const example = {
      name: 'Sample county', areaCrs: 'EPSG:4547',
      layers: [{ id: 'approved', kind: 'approved_land', path: 'approved.zip', crs: 'EPSG:4547', fields: { id: 'PZWH', date: 'PZRQ' } }],
      imagery: [{ id: '2023', path: 'before.tif', date: '2023-03-01' }], cases: 'cases.csv', rules: 'rules.json',
    };
    expect(parse(example)).toMatchObject({ schemaVersion: 1, rules: 'rules.json', layers: [{ fields: { id: 'PZWH' } }] });
  });

  it.each([
    [{ ...base, layers: [{ id: 'a', kind: 'farms', path: 'a.zip' }] }, /layers\[0\]\.kind: unknown layer kind "farms"/],
    [{ ...base, layers: [{ id: 'a', kind: 'land_use' }] }, /layers\[0\]\.path: expected a non-empty string/],
    [{ ...base, layers: [...base.layers, ...base.layers] }, /layers\[1\]\.id: duplicate id "a"/],
    [{ ...base, layers: [{ id: 'a', kind: 'land_use', path: '../secret.zip' }] }, /relative to the manifest/],
    [{ ...base, layers: [{ id: 'a', kind: 'land_use', path: 'a.zip', crs: 'EPSG:1' }] }, /unknown CRS "EPSG:1"/],
    [{ ...base, imagery: [{ id: 'i', path: 'i.tif', date: '2023/03/01' }] }, /imagery\[0\]\.date: expected a date as YYYY-MM-DD/],
    [{ ...base, schemaVersion: 99 }, /newer than this LandCheck reads/],
    [{ name: 'T' }, /layers: expected an array/],
  ])('rejects a bad manifest with the place and what was expected (%#)', (manifest, message) => {
    expect(() => parse(manifest)).toThrow(InputError);
    expect(() => parse(manifest)).toThrow(message);
  });

  it('names the manifest, the entry and the missing file when a layer file is absent', async () => {
    const manifest = JSON.stringify({ name: 'T', layers: [{ id: 'a', kind: 'land_use', path: 'missing.zip' }] });
    const load = loadWorkspace('t.landcheck.json', async () => new TextEncoder().encode(manifest), async (path) => {
      throw new Error(`ENOENT: no such file ${path}`);
    });
    await expect(load).rejects.toThrow(/t\.landcheck\.json: layers\[0\]\.path: cannot read "missing\.zip"/);
  });
});

describe('field mapping (DESIGN §2 aliases)', () => {
  it('auto-maps every sample layer and keeps the original attributes untouched', async () => {
    const { loadWorkspaceFromDir } = await import('../support/paths');
    const ws = await loadWorkspaceFromDir(SAMPLE_DIR);
    const fields = Object.fromEntries(ws.layers.map((l) => [l.id, l.fields]));
    expect(fields['land-use']).toMatchObject({ id: 'BSM', code: 'DLBM', name: 'DLMC', area: 'TBMJ', owner: 'QSDWMC' });
    expect(fields.approved).toMatchObject({ id: '批准文号', date: '批准日期', area: '批准面积', use: '用途', name: '项目名称' });
    expect(fields.patches).toMatchObject({ id: 'JCBH', type: 'TBLX', before: 'QSX', after: 'HSX', area: 'JCMJ', judgement: 'PD', basicFarmland: 'SFYN', redline: 'SFHX' });
    expect(fields['real-estate']).toMatchObject({ id: 'ZDDM', owner: 'QLR', rightType: 'QLXZ', use: 'YT', area: 'ZDMJ' });
    expect(Object.keys(ws.layers.find((l) => l.id === 'land-use')!.lonLat.features[0]!.properties)).toEqual(['BSM', 'TBBH', 'DLBM', 'DLMC', 'QSXZ', 'QSDWDM', 'QSDWMC', 'ZLDWMC', 'TBMJ']);
  });

  it('a manifest mapping wins over the aliases', async () => {
    const { mapFields } = await import('../../src/core');
    expect(mapFields('approved_land', ['PZWH', 'WH2'], { id: 'WH2' }).id).toBe('WH2');
    expect(mapFields('approved_land', ['pzwh', 'PZRQ']).id).toBe('pzwh');
  });
});

describe('case ledgers in CSV, XLSX and GeoJSON', () => {
  it('reads lon/lat, DMS, surveyor X/Y and GeoJSON polygons, all to lon/lat', async () => {
    const { readCases } = await import('../../src/io/workspace');
    const { writeXlsx } = await import('../../src/io/writers');
    const csv = new TextEncoder().encode('编号,经度,纬度,信访人\nA1,114.9,30.45,甲\nA2,"114°54\'00""E","30°27\'00""N",乙\n');
    const fromCsv = await readCases(csv, 'l.csv');
    expect(fromCsv.map((c) => c.geometry.coordinates)).toEqual([[114.9, 30.45], [114.9, 30.45]]);
    const xy = new TextEncoder().encode('案件编号,X,Y\nB1,3370345.15,38586444.98\n');
    const [b1] = await readCases(xy, 'xy.csv');
    expect((b1!.geometry.coordinates as number[])[0]).toBeCloseTo(114.9, 4);
    const xlsx = await writeXlsx({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [114.91, 30.44] }, properties: { 案件编号: 'X1', 反映问题: '占地' } }] }, 'EPSG:4490');
    expect((await readCases(xlsx, 'l.xlsx'))[0]).toMatchObject({ id: 'X1', complaint: '占地', geometry: { coordinates: [114.91, 30.44] } });
    const geojson = new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: 'G1' }, geometry: { type: 'Polygon', coordinates: [[[114.9, 30.45], [114.901, 30.45], [114.901, 30.451], [114.9, 30.45]]] } }] }));
    expect((await readCases(geojson, 'l.geojson'))[0]!.geometry.type).toBe('Polygon');
  });

  it('names the line of a case without a location', async () => {
    const { readCases } = await import('../../src/io/workspace');
    await expect(readCases(new TextEncoder().encode('编号,经度,纬度\nA1,114.9,30.45\nA2,,\n'), 'l.csv')).rejects.toThrow(/l\.csv: line 3: case A2 has no valid location/);
  });
});
