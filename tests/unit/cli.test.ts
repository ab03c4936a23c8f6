import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { mapGeometry } from '../../src/core';
import { readVectorFile } from '../../src/io/formats';
import { writeShapefileZip } from '../../src/io/shapefile';
import { ROOT, SAMPLE_DIR, SHARED_DATA } from '../support/paths';

const run = promisify(execFile);
const landcheck = (...args: string[]) =>
  run(process.execPath, [join(ROOT, 'src/cli/bin.js'), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
const work = mkdtempSync(join(tmpdir(), 'landcheck-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const tmp = (name: string, bytes: Uint8Array | string) => {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
};

interface Report { format: string; crs: { code: string; source: string; reason: string }; featureCount: number | null; bbox: number[] | null; encoding: string | null; problems: { kind: string; count: number; examples: unknown[] }[]; axesSwapped?: boolean }
const inspect = async (file: string) => {
  const result = await landcheck('inspect', file);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Report;
};

describe('landcheck inspect names the right CRS and source for every file in ../shared/data', () => {
  const expected: [string, string, string][] = [
    ['parcels/cambridge-ma/cambridge_parcels_fy2014.geojson', 'EPSG:4326', 'default'],
    ['parcels/cambridge-ma/source/ASSESSING_ParcelsFY2014.topojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/CDD_ZoningDistricts.geojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/CDD_ZoningOverlayDistricts.geojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/RECREATION_OpenSpace.geojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/HISTORICAL_HistoricDistricts.geojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/HISTORICAL_NhoodConservationDist.geojson', 'EPSG:4326', 'default'],
    ['landuse/cambridge-ma/BOUNDARY_CityBoundary.geojson', 'EPSG:4326', 'default'],
    ['china/admin-cod-ab/chn_admin_level1.geojson', 'EPSG:4326', 'geojson'],
    ['china/admin-cod-ab/chn_admin_level2.shp', 'EPSG:4326', 'prj'],
    ['china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e.shp', 'EPSG:4547', 'prj'],
    ['china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e.geojson', 'EPSG:4547', 'geojson'],
    ['imagery/naip-north-dakota/m_4709963_se_14_1_20090818.tif', 'EPSG:26914', 'geotiff'],
    ['imagery/naip-north-dakota/m_4709963_se_14_1_20200831.tif', 'EPSG:26914', 'geotiff'],
    ['imagery/landsat-pucallpa-peru/landsat_pucallpa_1985.tif', 'EPSG:4326', 'geotiff'],
    ['imagery/landsat-pucallpa-peru/landsat_pucallpa_2020.tif', 'EPSG:4326', 'geotiff'],
    ['imagery/rasterio/RGB.byte.tif', 'EPSG:32618', 'geotiff'],
    ['imagery/rasterio/cogeo.tif', 'EPSG:3857', 'geotiff'],
  ];
  it.each(expected)('%s → %s from %s', async (file, code, source) => {
    const report = await inspect(join(SHARED_DATA, file));
    expect(report.crs).toMatchObject({ code, source });
    expect(report.bbox).not.toBeNull();
  });

  it('reports the Cambridge parcels’ empty polygon, its invalid geometries and its duplicate ids', async () => {
    const report = await inspect(join(SHARED_DATA, 'parcels/cambridge-ma/cambridge_parcels_fy2014.geojson'));
    const problem = (kind: string) => report.problems.find((p) => p.kind === kind);
    expect(report.featureCount).toBe(13116);
    expect(problem('empty_geometry')).toMatchObject({ count: 1, examples: [{ id: '238-80' }] });
    // GEOS (GDAL 3.6 SQLite dialect, ST_IsValid) finds the same 37 non-empty invalid parcels:
    // 17 self-intersections and 20 ring self-intersections (PROVENANCE lists 38 with the empty one).
    expect(problem('self_intersection')?.count).toBe(37);
    // 80 features repeat a Map-Lot already seen.
    expect(problem('duplicate_id')?.count).toBe(80);
  });

  it('reads GeoTIFF overviews and both georeferencing styles', async () => {
    const cog = (await inspect(join(SHARED_DATA, 'imagery/rasterio/cogeo.tif'))) as Report & { raster: { overviews: number; georeferencing: string } };
    expect(cog.raster).toMatchObject({ overviews: 6, georeferencing: 'tiepoint-pixelscale' });
    const landsat = (await inspect(join(SHARED_DATA, 'imagery/landsat-pucallpa-peru/landsat_pucallpa_1985.tif'))) as Report & { raster: { georeferencing: string; resolution: number[] } };
    expect(landsat.raster.georeferencing).toBe('model-transformation');
    expect(landsat.raster.resolution[1]).toBeGreaterThan(0);
    expect(landsat.bbox![0]).toBeCloseTo(-74.7225, 3);
  });
});

async function landUseParts(): Promise<Record<string, Uint8Array>> {
  return unzipSync(new Uint8Array(readFileSync(join(SAMPLE_DIR, 'land_use.zip'))));
}

describe('what bureaus send', () => {
  it('a GBK Shapefile with neither .cpg nor language driver reads with correct Chinese attributes', async () => {
    const parts = await landUseParts();
    const dbf = parts['land_use.dbf']!.slice();
    dbf[29] = 0;
    const zip = tmp('gbk-no-cpg.zip', zipSync({ 'a.shp': parts['land_use.shp']!, 'a.shx': parts['land_use.shx']!, 'a.dbf': dbf, 'a.prj': parts['land_use.prj']! }));
    const report = await inspect(zip);
    expect(report.encoding).toBe('gb18030');
    const out = join(work, 'gbk.geojson');
    expect((await landcheck('convert', zip, out)).code).toBe(0);
    const read = await readVectorFile(new Uint8Array(readFileSync(out)), out);
    expect(read.collection.features.map((f) => f.properties.DLMC)).toContain('水田');
  });

  it('a Shapefile without .prj in zone-prefixed coordinates is inferred as EPSG:4526, and says so', async () => {
    const read = await readVectorFile(new Uint8Array(readFileSync(join(SAMPLE_DIR, 'basic_farmland.zip'))), 'b.zip');
    const shifted = { ...read.collection, features: read.collection.features.map((f) => ({ ...f, geometry: mapGeometry(f.geometry!, (p) => [p[0] + 38_000_000, p[1]]) })) };
    const { bytes } = await writeShapefileZip(shifted, { baseName: 'b', crs: 'EPSG:4526', encoding: 'gbk' });
    const entries = unzipSync(bytes);
    delete entries['b.prj'];
    const report = await inspect(tmp('no-prj.zip', zipSync(entries)));
    expect(report.crs).toMatchObject({ code: 'EPSG:4526', source: 'inferred' });
    expect(report.crs.reason).toMatch(/zone number 38/);
  });

  it('a CSV of survey points written X = northing first is swapped and placed right', async () => {
    const csv = tmp('xy.csv', '点号,X,Y\nJ1,3370000.000,38586000.000\nJ2,3370100.000,38586100.000\n');
    const report = await inspect(csv);
    expect(report).toMatchObject({ axesSwapped: true, crs: { code: 'EPSG:4526', source: 'inferred' } });
    expect(report.bbox![0]).toBeCloseTo(114.9, 1);
    expect(report.bbox![1]).toBeCloseTo(30.45, 1);
  });
});

describe('broken inputs: exit 2, one line naming the file and the problem, nothing written', () => {
  const broken: [string, () => Promise<string>, RegExp][] = [
    ['a truncated .shp', async () => {
      const parts = await landUseParts();
      return tmp('truncated.zip', zipSync({ 'a.shp': parts['land_use.shp']!.subarray(0, 5000), 'a.dbf': parts['land_use.dbf']!, 'a.prj': parts['land_use.prj']! }));
    }, /truncated\.zip: a\.shp: the \.shp is truncated/],
    ['a zip without a .shp', async () => tmp('noshp.zip', zipSync({ 'readme.txt': new TextEncoder().encode('hi') })), /noshp\.zip: the zip holds no \.shp file/],
    ['a wrong .prj (WGS 84 degrees on Gauss-Kruger metres)', async () => {
      const parts = await landUseParts();
      const wgs = new TextEncoder().encode('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]');
      return tmp('wrongprj.zip', zipSync({ 'a.shp': parts['land_use.shp']!, 'a.shx': parts['land_use.shx']!, 'a.dbf': parts['land_use.dbf']!, 'a.prj': wgs }));
    }, /wrongprj\.zip: .*EPSG:4326 is longitude\/latitude in degrees, but the coordinates are x 58/],
    ['malformed GeoJSON', async () => tmp('bad.geojson', '{"type": "FeatureCollection", "features": [ {"type": "Feature", '), /bad\.geojson: not valid JSON/],
    ['a txt with an unclosed ring', async () => {
      const text = readFileSync(join(SAMPLE_DIR, 'approved_land_boundary.txt'));
      const lines = new TextDecoder('gbk').decode(text).split('\r\n');
      const firstPlot = lines.findIndex((l) => l.endsWith('@'));
      const next = lines.findIndex((l, i) => i > firstPlot && l.endsWith('@'));
      lines.splice(next - 1, 1); // drop the closing point of the first plot's ring
      return tmp('open.txt', lines.join('\r\n'));
    }, /open\.txt: line \d+: ring 1 of the plot on line \d+ is not closed/],
  ];

  it.each(broken)('%s', async (_label, make, message) => {
    const input = await make();
    const inspected = await landcheck('inspect', input);
    expect(inspected.code).toBe(2);
    expect(inspected.stdout).toBe('');
    expect(inspected.stderr.trim().split('\n')).toHaveLength(1);
    expect(inspected.stderr).toMatch(message);
    const out = join(work, `out-${readdirSync(work).length}.geojson`);
    const converted = await landcheck('convert', input, out);
    expect(converted.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('an unknown CRS flag and an unknown command', async () => {
    expect((await landcheck('coord', '1', '2', '--from', 'EPSG:1', '--to', 'EPSG:4490')).code).toBe(2);
    expect((await landcheck('frobnicate')).code).toBe(2);
  });
});

describe('landcheck convert and coord', () => {
  it('converts the sample approvals to the boundary txt in zone 38 and to lon/lat GeoJSON', async () => {
    const txt = join(work, 'approvals.txt');
    expect((await landcheck('convert', join(SAMPLE_DIR, 'approved_land.zip'), txt, '--to', 'EPSG:4526')).code).toBe(0);
    const read = await readVectorFile(new Uint8Array(readFileSync(txt)), txt);
    expect(read.declaredCrs?.code).toBe('EPSG:4526');
    const geojson = join(work, 'approvals.geojson');
    expect((await landcheck('convert', join(SAMPLE_DIR, 'approved_land.zip'), geojson, '--to', 'EPSG:4490')).code).toBe(0);
    const json = JSON.parse(readFileSync(geojson, 'utf8'));
    expect(json.crs).toBeUndefined();
    expect(json.features[0].geometry.coordinates[0][0][0]).toBeCloseTo(114.9, 1);
  });

  it('coord: CGCS2000 lon/lat to Gauss-Kruger agrees with PROJ, and GCJ-02 comes back to CGCS2000', async () => {
    const gk = JSON.parse((await landcheck('coord', '114.0164322', '33.0133556', '--from', 'EPSG:4490', '--to', 'EPSG:4547')).stdout) as number[];
    expect(gk[0]).toBeCloseTo(501535.4105, 3); // cs2cs, test-vectors/proj/cgcs2000_gk_proj_generated.json
    expect(gk[1]).toBeCloseTo(3654229.3602, 3);
    const wgs = JSON.parse((await landcheck('coord', '114.022306', '33.0115324', '--from', 'gcj02', '--to', 'EPSG:4490')).stdout) as number[];
    expect(wgs[0]).toBeCloseTo(114.0164322, 4);
    expect(wgs[1]).toBeCloseTo(33.0133556, 4);
  });

  it('summarises the sample workspace as JSON', async () => {
    const { code, stdout } = await landcheck('workspace', 'data/sample/sample.landcheck.json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { caseCount: number }).caseCount).toBe(30);
  });
});

describe('landcheck verify', () => {
  it('writes verification.json and one opinion per case', async () => {
    const out = join(work, 'verify-out');
    const result = await landcheck('verify', 'data/sample/sample.landcheck.json', '--out', out, '--case', 'HK-2026-001', '--date', '2026-11-21');
    expect(result.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'verification.json'), 'utf8'));
    expect(Object.keys(doc)).toEqual(['manifest', 'generatedAt', 'layers', 'cases']);
    expect(Object.keys(doc.cases[0])).toEqual(['id', 'geometry', 'overlaps', 'nearest', 'breakdown', 'flags', 'opinion']);
    expect(doc.cases.map((c: { id: string }) => c.id)).toEqual(['HK-2026-001']);
    expect(readFileSync(join(out, 'opinions', 'HK-2026-001.md'), 'utf8')).toMatch(/^关于HK-2026-001号信访件的核查处理意见/);
  });

  const manifest = (body: object) => {
    const dir = mkdtempSync(join(work, 'ws-'));
    writeFileSync(join(dir, 'cases.csv'), '案件编号,经度,纬度\nC1,114.9,30.45\n');
    writeFileSync(join(dir, 'w.landcheck.json'), JSON.stringify(body));
    return join(dir, 'w.landcheck.json');
  };
  const approved = { id: 'a', kind: 'approved_land', path: '../../../work/main/data/sample/approved_land.zip' };
  it.each([
    ['a missing layer file', { name: 'W', layers: [{ id: 'a', kind: 'approved_land', path: 'nowhere.zip' }], cases: 'cases.csv' }, /w\.landcheck\.json: layers\[0\]\.path: .*nowhere\.zip.*file not found/],
    ['an unknown layer kind', { name: 'W', layers: [{ ...approved, kind: 'farms' }], cases: 'cases.csv' }, /layers\[0\]\.kind: unknown layer kind "farms"/],
    ['a case without a location', { name: 'W', layers: [], cases: 'bad.csv' }, /bad\.csv: line 2: case C2 has no valid location/],
  ])('refuses %s with exit 2 and writes nothing', async (_label, body, message) => {
    const path = manifest(body);
    writeFileSync(join(path, '..', 'bad.csv'), '案件编号,经度,纬度\nC2,,\n');
    const out = join(work, `never-${readdirSync(work).length}`);
    const result = await landcheck('verify', path, '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
