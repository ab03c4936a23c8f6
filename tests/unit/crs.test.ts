import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crsFromGeoJsonMember, crsFromPrj, inferCrs, lookupCrs, normaliseCrsCode, transformBetween } from '../../src/core';
import { SHARED_DATA } from '../support/paths';

interface ProjPoint { name: string; lon: number; lat: number; epsg_cm: number; cm_E: number; cm_N: number; epsg_zone: number; zone_E: number; zone_N: number }

describe('CGCS2000 Gauss-Kruger zones against PROJ 9.1.1 (cs2cs)', () => {
  const vectors = JSON.parse(readFileSync(join(SHARED_DATA, 'test-vectors/proj/cgcs2000_gk_proj_generated.json'), 'utf8')) as { points: ProjPoint[] };

  it('has the generated vectors', () => expect(vectors.points.length).toBeGreaterThan(50));

  it.each(vectors.points.map((p) => [p.name, p] as const))('%s: lon/lat → CM zone and zone-prefixed zone within 1 mm', (_name, p) => {
    const [e, n] = transformBetween('EPSG:4490', `EPSG:${p.epsg_cm}`)([p.lon, p.lat]);
    expect(Math.abs(e - p.cm_E)).toBeLessThan(0.001);
    expect(Math.abs(n - p.cm_N)).toBeLessThan(0.001);
    const [ze, zn] = transformBetween('EPSG:4490', `EPSG:${p.epsg_zone}`)([p.lon, p.lat]);
    expect(Math.abs(ze - p.zone_E)).toBeLessThan(0.001);
    expect(Math.abs(zn - p.zone_N)).toBeLessThan(0.001);
  });

  it('reproduces the published EPSG:4546 vectors (MagicCrazyMan/GeodeticCalculation)', () => {
    const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;
    const [e, n] = transformBetween('EPSG:4490', 'EPSG:4546')([dms(111, 17, 58.3596), dms(30, 45, 25.4425)]);
    expect(e).toBeCloseTo(528680.0889, 3);
    expect(n).toBeCloseTo(3404079.3582, 3);
  });
});

describe('CRS codes and detection', () => {
  it('normalises the spellings files use', () => {
    expect(normaliseCrsCode('urn:ogc:def:crs:EPSG::4547')).toBe('EPSG:4547');
    expect(normaliseCrsCode('epsg:4490')).toBe('EPSG:4490');
    expect(normaliseCrsCode('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(normaliseCrsCode('not a crs')).toBeNull();
  });

  it('knows the zone parameters of EPSG:4513–4554', () => {
    expect(lookupCrs('EPSG:4526')).toMatchObject({ centralMeridian: 114, falseEasting: 38_500_000 });
    expect(lookupCrs('EPSG:4547')).toMatchObject({ centralMeridian: 114, falseEasting: 500_000 });
    expect(lookupCrs('EPSG:4513')).toMatchObject({ centralMeridian: 75 });
    expect(lookupCrs('EPSG:4554')).toMatchObject({ centralMeridian: 135 });
    expect(lookupCrs('EPSG:9999')).toBeNull();
  });

  it('reads the Esri .prj of the Guangdong CGCS2000 shapefile as EPSG:4547', () => {
    const prj = readFileSync(join(SHARED_DATA, 'china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e.prj'), 'utf8');
    expect(crsFromPrj(prj)).toMatchObject({ code: 'EPSG:4547', source: 'prj' });
  });

  it('reads zone-numbered Esri names and WGS 84 geographic WKT', () => {
    expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_38",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]')?.code).toBe('EPSG:4526');
    const wgs = readFileSync(join(SHARED_DATA, 'china/admin-cod-ab/chn_admin_level2.prj'), 'utf8');
    expect(crsFromPrj(wgs)?.code).toBe('EPSG:4326');
  });

  it("reads GeoJSON's legacy crs member", () => {
    expect(crsFromGeoJsonMember({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } })?.code).toBe('EPSG:4547');
    expect(crsFromGeoJsonMember(undefined)).toBeNull();
  });

  it('infers a zone from eastings that carry it, and says why', () => {
    const finding = inferCrs([38_586_000, 3_370_000, 38_591_000, 3_374_000])?.finding;
    expect(finding).toMatchObject({ code: 'EPSG:4526', source: 'inferred' });
    expect(finding?.reason).toMatch(/zone number 38/);
    expect(inferCrs([114.8, 30.4, 114.9, 30.5])?.finding.code).toBe('EPSG:4490');
    // Metres without a zone prefix cannot tell their central meridian: no guess.
    expect(inferCrs([586_000, 3_370_000, 591_000, 3_374_000])?.finding ?? null).toBeNull();
  });
});
