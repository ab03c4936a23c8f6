import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core';
import type { Polygon } from '../../src/core';
import { readBoundaryTxt, writeBoundaryTxt } from '../../src/io/boundaryTxt';
import { readCsv } from '../../src/io/csv';
import { readGeoJson } from '../../src/io/geojson';
import { readGeoTiffImage } from '../../src/io/geotiff';
import { decideDbfEncoding, normaliseDbfHeader, readShapefileZip } from '../../src/io/shapefile';
import { SAMPLE_DIR, SHARED_DATA } from '../support/paths';

const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, name)));

describe('zipped Shapefile', () => {
  it('reads the GBK land-use survey without a .cpg, with correct Chinese attributes', () => {
    const read = readShapefileZip(sample('land_use.zip'), 'land_use.zip');
    expect(read.encoding).toBe('gb18030');
    expect(read.encodingReason).toMatch(/language driver/);
    expect(read.crs?.code).toBe('EPSG:4547');
    const paddy = read.collection.features.find((f) => f.properties.DLBM === '0101')!;
    expect(paddy.properties.DLMC).toBe('水田');
    expect(read.collection.features.some((f) => String(f.properties.QSDWMC).endsWith('村民委员会'))).toBe(true);
  });

  it('reads Chinese field names (批准文号) from the GBK approvals with a .cpg', () => {
    const read = readShapefileZip(sample('approved_land.zip'), 'approved_land.zip');
    expect(read.encodingReason).toMatch(/\.cpg says GBK/);
    expect(read.collection.features[0]!.properties['批准文号']).toMatch(/^鄂政土批〔\d{4}〕\d+号$/);
  });

  it('reads the Guangdong CGCS2000 shapefile from its Esri .prj, with UTF-8 names', () => {
    const dir = join(SHARED_DATA, 'china/cgcs2000-sample-derived');
    const files = Object.fromEntries(['shp', 'shx', 'dbf', 'prj', 'cpg'].map((ext) => [`gd.${ext}`, new Uint8Array(readFileSync(join(dir, `guangdong_prefectures_cgcs2000_gk_cm114e.${ext}`)))]));
    const read = readShapefileZip(zipSync(files), 'gd.zip');
    expect(read.crs).toMatchObject({ code: 'EPSG:4547', source: 'prj' });
    expect(read.collection.features).toHaveLength(21);
    expect(read.collection.features.map((f) => f.properties.ADM2_ZH)).toContain('广州市');
  });

  it('decides GBK from the bytes when neither .cpg nor language driver says', () => {
    const header = new Uint8Array(32);
    const gbk = iconv.encode('永久基本农田', 'gbk');
    const dbf = new Uint8Array([...header, ...gbk]);
    expect(decideDbfEncoding(null, dbf)).toMatchObject({ encoding: 'gb18030' });
    expect(decideDbfEncoding(null, new Uint8Array([...header, ...new TextEncoder().encode('永久基本农田')]))).toMatchObject({ encoding: 'utf-8' });
  });

  it('normalises a DBF header with padding after the terminator', () => {
    const dbf = new Uint8Array(32 + 32 + 2 + 3);
    dbf[8] = 66; // header length 66 = one field + terminator + one pad byte
    dbf[64] = 0x0d;
    dbf.set([0x20, 0x41, 0x42], 66);
    const fixed = normaliseDbfHeader(dbf);
    expect(fixed[8]).toBe(65);
    expect([...fixed.subarray(65)]).toEqual([0x20, 0x41, 0x42]);
  });

  it('refuses a zip without a .shp, naming what it found', () => {
    const zip = zipSync({ 'readme.txt': new TextEncoder().encode('hi') });
    expect(() => readShapefileZip(zip, 'bad.zip')).toThrow(/bad\.zip: the zip holds no \.shp file \(found: readme\.txt\)/);
  });
});

describe('boundary coordinate txt', () => {
  it('reads the sample approvals: header CRS, X = northing, zone-numbered eastings', () => {
    const read = readBoundaryTxt(sample('approved_land_boundary.txt'), 'approved_land_boundary.txt');
    expect(read.encoding).toBe('gb18030');
    expect(read.crs).toMatchObject({ code: 'EPSG:4526', source: 'header' });
    const first = read.collection.features[0]!;
    expect(first.properties['地块编号']).toMatch(/^鄂政土批/);
    const [e, n] = (first.geometry as Polygon).coordinates[0]![0]!;
    expect(e).toBeGreaterThan(38_000_000);
    expect(n).toBeGreaterThan(3_000_000);
  });

  it('round-trips through its writer, holes included', () => {
    const outer = [[38586000, 3370000], [38586100, 3370000], [38586100, 3370100], [38586000, 3370100], [38586000, 3370000]] as [number, number][];
    const hole = [[38586040, 3370040], [38586040, 3370060], [38586060, 3370060], [38586060, 3370040], [38586040, 3370040]] as [number, number][];
    const text = writeBoundaryTxt({ 坐标系: '2000国家大地坐标系', 几度分带: '3', 带号: '38' }, [{ rings: [outer, hole], areaHa: 0.96, id: 'P1', name: '测试地块', use: '工业用地' }]);
    const read = readBoundaryTxt(new TextEncoder().encode(text), 't.txt');
    expect((read.collection.features[0]!.geometry as Polygon).coordinates).toEqual([outer, hole]);
    expect(read.collection.features[0]!.properties['地块面积']).toBe(0.96);
  });

  it('rejects an unclosed ring with its line number', () => {
    const text = ['[属性描述]', '坐标系=2000国家大地坐标系', '[地块坐标]', '4,0.1,1,a,面,,,,@', 'J1,1,3370000,38586000', 'J2,1,3370000,38586100', 'J3,1,3370100,38586100', 'J4,1,3370100,38586000'].join('\n');
    expect(() => readBoundaryTxt(new TextEncoder().encode(text), 'open.txt')).toThrow(/open\.txt: line 8: ring 1 .* is not closed/);
  });
});

describe('GeoJSON, CSV and GeoTIFF', () => {
  it('reads the legacy crs member of projected GeoJSON', () => {
    expect(readGeoJson(sample('real_estate.geojson'), 'real_estate.geojson').crs?.code).toBe('EPSG:4547');
  });

  it('rejects malformed GeoJSON with the file name', () => {
    expect(() => readGeoJson(new TextEncoder().encode('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Blob"}}]}'), 'x.geojson')).toThrow(
      /x\.geojson: features\[0\]\.geometry: expected a GeoJSON geometry/,
    );
    expect(() => readGeoJson(new TextEncoder().encode('{oops'), 'y.geojson')).toThrow(InputError);
  });

  it('reads the sample ledger CSV with its Chinese headers', () => {
    const read = readCsv(sample('cases.csv'), 'cases.csv');
    expect(read.header.slice(0, 3)).toEqual(['案件编号', '登记日期', '来源渠道']);
    expect(read.rows.length).toBe(30);
  });

  it('reads the sample GeoTIFFs with their CGCS2000 GK keys', async () => {
    const image = await readGeoTiffImage(sample('before_2025-03-18.tif'), 'before_2025-03-18.tif');
    expect(image.crs?.code).toBe('EPSG:4547');
    expect(image.bbox[2] - image.bbox[0]).toBe(5000);
    expect(image.rgba.length).toBe(image.width * image.height * 4);
  });
});

describe("Turf's fixtures (test-vectors/turf) all read and inspect", () => {
  it('every GeoJSON fixture is read, its CRS defaulted to RFC 7946 lon/lat, its problems counted without a crash', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { inspectFile } = await import('../../src/io/inspect');
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.geojson') ? [join(dir, n)] : []));
    const files = walk(join(SHARED_DATA, 'test-vectors/turf'));
    expect(files.length).toBeGreaterThan(150);
    const refused: string[] = [];
    for (const file of files) {
      try {
        const report = await inspectFile(new Uint8Array(readFileSync(file)), file);
        expect(report.crs?.code, file).toMatch(/^EPSG:(4326|4490)$/);
        expect(report.featureCount, file).toBeGreaterThan(0);
      } catch (error) {
        // Some fixtures use plain x/y numbers with no CRS: refused with a reason, never guessed.
        expect((error as Error).message).toMatch(/coordinate system cannot be determined/);
        refused.push(file.replace(/.*\//, ''));
      }
    }
    expect(refused).toEqual(['unable-to-complete-output-ring-2048-2.geojson']);
  });
});
