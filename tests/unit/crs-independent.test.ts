import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertPosition, crsFromPrj, crsFromTxtHeader, crsMismatch, esriWkt, inferCrs, lookupCrs, transformBetween } from '../../src/core';
import { ROOT, SHARED_DATA } from '../support/paths';

// Positions checked against PROJ (cs2cs, PROJ's own gie test cases) and published GCJ-02 vectors.

describe('Xian 1980, Beijing 1954 and 6-degree zones against cs2cs (PROJ 9.1.1)', () => {
  const fixture = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/crs/legacy-gk-cs2cs.json'), 'utf8')) as { points: { from: string; to: string; lon: number; lat: number; e: number; n: number }[] };
  it.each(fixture.points.map((p) => [`${p.from}→${p.to} at ${p.lon},${p.lat}`, p] as const))('%s within 1 mm, and back', (_label, p) => {
    const [e, n] = transformBetween(p.from, p.to)([p.lon, p.lat]);
    expect(Math.abs(e - p.e)).toBeLessThan(0.001);
    expect(Math.abs(n - p.n)).toBeLessThan(0.001);
    const [lon, lat] = transformBetween(p.to, p.from)([p.e, p.n]);
    expect(Math.abs(lon - p.lon)).toBeLessThan(1e-8);
    expect(Math.abs(lat - p.lat)).toBeLessThan(1e-8);
  });
});

describe("PROJ's own transverse Mercator cases (builtins.gie, +proj=tmerc +ellps=GRS80)", () => {
  const text = readFileSync(join(SHARED_DATA, 'test-vectors/proj/builtins_tmerc_section.gie'), 'utf8');
  // The first operation block: forward then inverse, tolerance 50 nm in PROJ; we ask for 1 mm / 1e-9°.
  const block = text.split(/^operation /m)[1]!;
  const forward = block.split('direction inverse')[0]!;
  const inverse = block.split('direction inverse')[1]!.split(/^-{10}/m)[0]!;
  const pairs = (section: string) => [...section.matchAll(/^accept\s+(\S+)\s+(\S+)\s*\n(?:#.*\n)*expect\s+(\S+)\s+(\S+)/gm)].map((m) => m.slice(1, 5).map(Number) as [number, number, number, number]);
  const tmerc = '+proj=tmerc +ellps=GRS80';
  it('has the cases', () => expect(pairs(forward).length).toBeGreaterThanOrEqual(6));
  it.each(pairs(forward).filter(([, lat]) => Math.abs(lat) < 89))('forward %s, %s', async (lon, lat, e, n) => {
    const proj4 = (await import('proj4')).default;
    const [x, y] = proj4('+proj=longlat +ellps=GRS80', tmerc, [lon, lat]);
    expect(Math.abs(x - e)).toBeLessThan(0.001);
    expect(Math.abs(y - n)).toBeLessThan(0.001);
  });
  it.each(pairs(inverse).filter(([, y]) => y < 9e6))('inverse %s, %s', async (x, y, lon, lat) => {
    const proj4 = (await import('proj4')).default;
    const [l, b] = proj4(tmerc, '+proj=longlat +ellps=GRS80', [x, y]);
    expect(Math.abs(l - lon)).toBeLessThan(1e-9);
    expect(Math.abs(b - lat)).toBeLessThan(1e-9);
  });
});

describe('GCJ-02 and BD-09', () => {
  interface City { attrs: { name: string }; coords: { WGS84: [number, number]; GCJ02: [number, number]; BD09: [number, number] } }
  const list = (JSON.parse(readFileSync(join(SHARED_DATA, 'test-vectors/gcj02/gcoord/china-cities.json'), 'utf8')) as City[]).map((c) => c.coords);
  const vectors = JSON.parse(readFileSync(join(SHARED_DATA, 'test-vectors/gcj02/vectors-from-tests.json'), 'utf8'));
  const metres = (a: number[], b: number[]) => Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 110_574);

  it('has the 664-city table', () => expect(list.length).toBe(664));

  // The table's GCJ-02/BD-09 columns come from the map providers, not from the formula, so gcoord's
  // own tests hold it to 4 decimals (5e-5°); we do the same, and hold the inverse to 0.5 m by round trip.
  it('WGS 84 → GCJ-02 and → BD-09 agree with gcoord’s table as gcoord’s tests ask (5e-5°) for every city', () => {
    const worst = (to: 'gcj02' | 'bd09', key: 'GCJ02' | 'BD09') =>
      Math.max(...list.map((c) => {
        const g = convertPosition(c.WGS84, 'wgs84', to);
        return Math.max(Math.abs(g[0] - c[key][0]), Math.abs(g[1] - c[key][1]));
      }));
    expect(worst('gcj02', 'GCJ02')).toBeLessThan(5e-5);
    expect(worst('bd09', 'BD09')).toBeLessThan(5e-5);
  });

  it('GCJ-02 → CGCS2000 and BD-09 → CGCS2000 invert the forward conversion to 0.5 m for every city', () => {
    for (const system of ['gcj02', 'bd09'] as const) {
      const worst = Math.max(...list.map((c) => metres(convertPosition(convertPosition(c.WGS84, 'EPSG:4490', system), system, 'EPSG:4490'), c.WGS84)));
      expect(worst, system).toBeLessThan(0.5);
    }
  });

  it('GCJ-02 from the table → CGCS2000 lands within 1 m of the table’s WGS 84 (the table’s own noise included)', () => {
    const worst = Math.max(...list.map((c) => metres(convertPosition(c.GCJ02, 'gcj02', 'EPSG:4490'), c.WGS84)));
    expect(worst).toBeLessThan(1);
  });

  it('eviltransform WGS→GCJ vectors to 1e-6°', () => {
    for (const v of vectors.eviltransform.wgs84_to_gcj02) {
      const g = convertPosition(v.wgs84, 'wgs84', 'gcj02');
      expect(Math.abs(g[0] - v.gcj02[0])).toBeLessThan(1e-6);
      expect(Math.abs(g[1] - v.gcj02[1])).toBeLessThan(1e-6);
    }
  });

  it('BD-09 → WGS 84 goes back to the same BD-09 position; eviltransform’s bd2wgs uses cruder steps (10–41 m away)', () => {
    for (const v of vectors.eviltransform.bd09_to_wgs84) {
      const wgs = convertPosition(v.bd09, 'bd09', 'wgs84');
      const back = convertPosition(wgs, 'wgs84', 'bd09');
      expect(Math.max(Math.abs(back[0] - v.bd09[0]), Math.abs(back[1] - v.bd09[1]))).toBeLessThan(1e-6);
      expect(metres(wgs, v.wgs84)).toBeLessThan(50);
    }
  });

  it('coordtransform’s example: WGS→GCJ to 1e-6°, GCJ↔BD to 1e-6°', () => {
    const c = vectors.coordtransform;
    const close = (a: number[], b: number[]) => expect(Math.max(Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!))).toBeLessThan(1e-6);
    close(convertPosition(c.input, 'wgs84', 'gcj02'), c.wgs84_to_gcj02);
    close(convertPosition(c.input, 'gcj02', 'bd09'), c.gcj02_to_bd09);
    close(convertPosition(c.input, 'bd09', 'gcj02'), c.bd09_to_gcj02);
  });
});

describe('CRS detection beyond CGCS2000', () => {
  it('reads Xian 1980 and Beijing 1954 Esri names, OGC names, UTM and Web Mercator', () => {
    expect(crsFromPrj('PROJCS["Xian_1980_3_Degree_GK_CM_114E",GEOGCS["GCS_Xian_1980"]]')?.code).toBe('EPSG:2383');
    expect(crsFromPrj('PROJCS["Beijing_1954_3_Degree_GK_Zone_38",GEOGCS["GCS_Beijing_1954"]]')?.code).toBe('EPSG:2414');
    expect(crsFromPrj('PROJCS["Beijing_1954_GK_Zone_20",GEOGCS["GCS_Beijing_1954"]]')?.code).toBe('EPSG:21420');
    expect(crsFromPrj('PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000"]]')?.code).toBe('EPSG:4547');
    expect(crsFromPrj('PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984"]]')?.code).toBe('EPSG:32650');
    expect(crsFromPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984"]]')?.code).toBe('EPSG:3857');
  });

  it('reads a custom-named GK .prj from its parameters', () => {
    const wkt = 'PROJCS["Custom",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",38500000.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0]]';
    expect(crsFromPrj(wkt)?.code).toBe('EPSG:4526');
  });

  it('writes the Esri WKT it reads back', () => {
    for (const code of ['EPSG:4547', 'EPSG:4526', 'EPSG:2383', 'EPSG:2414', 'EPSG:21420', 'EPSG:4490', 'EPSG:4610', 'EPSG:32650', 'EPSG:3857']) {
      expect(crsFromPrj(esriWkt(code)!)?.code, code).toBe(code);
    }
  });

  it('reads Xian 1980 from a txt header', () => {
    expect(crsFromTxtHeader({ 坐标系: '1980西安坐标系', 几度分带: '3', 带号: '38' }, 38_586_000)?.code).toBe('EPSG:2362');
  });

  it('infers swapped axes (X = northing first) with the zone in the easting, and says so', () => {
    const inference = inferCrs([3_370_000, 38_586_000, 3_374_000, 38_591_000]);
    expect(inference).toMatchObject({ axesSwapped: true, finding: { code: 'EPSG:4526', source: 'inferred' } });
    expect(inference!.finding.reason).toMatch(/northing first/);
  });

  it('takes metres without a zone as the workspace area CRS, and says so', () => {
    expect(inferCrs([586_000, 3_370_000, 591_000, 3_374_000], 'EPSG:4547')?.finding.reason).toMatch(/area CRS EPSG:4547/);
  });

  it('catches a wrong .prj: degrees declared for metres, or a zone whose eastings do not match', () => {
    expect(crsMismatch('EPSG:4326', [586_000, 3_370_000, 591_000, 3_374_000])).toMatch(/degrees/);
    expect(crsMismatch('EPSG:4526', [586_000, 3_370_000, 591_000, 3_374_000])).toMatch(/zone 38/);
    expect(crsMismatch('EPSG:4547', [586_000, 3_370_000, 591_000, 3_374_000])).toBeNull();
    expect(lookupCrs('EPSG:2383')?.caution).toMatch(/without a datum shift/);
  });
});
