import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaCrsFor, areaFigures, M2_PER_MU, measureArea } from '../../src/core';
import type { MultiPolygon, Polygon } from '../../src/core';
import { readShapefileParts, readShapefileZip } from '../../src/io/shapefile';
import { toLonLat } from '../../src/io/layerFile';
import { ROOT, SAMPLE_DIR, SHARED_DATA } from '../support/paths';

// Planar and ellipsoidal areas against PostGIS (tests/fixtures/areas/postgis-areas.json, made by
// scripts/fixtures/postgis-areas.sh: shp2pgsql, ST_Area in EPSG:4547 and on the geography spheroid).

interface Row { planarM2: number; ellipsoidalM2: number }
const fixture = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/areas/postgis-areas.json'), 'utf8')) as { landUse: (Row & { bsm: string })[]; guangdong: (Row & { code: string })[] };
const relative = (a: number, b: number) => Math.abs(a - b) / b;

describe('areas agree with PostGIS to 0.01%', () => {
  it('sample land-use plots (planar in EPSG:4547, ellipsoidal on GRS80)', () => {
    const read = readShapefileZip(new Uint8Array(readFileSync(join(SAMPLE_DIR, 'land_use.zip'))), 'land_use.zip');
    const lonLat = toLonLat(read.collection, 'EPSG:4547');
    let worstPlanar = 0, worstEllipsoidal = 0;
    for (const row of fixture.landUse) {
      const i = read.collection.features.findIndex((f) => f.properties.BSM === row.bsm);
      const area = measureArea(lonLat.features[i]!.geometry as Polygon | MultiPolygon, 'EPSG:4547');
      worstPlanar = Math.max(worstPlanar, relative(area.planar.m2, row.planarM2));
      worstEllipsoidal = Math.max(worstEllipsoidal, relative(area.ellipsoidal.m2, row.ellipsoidalM2));
    }
    expect(fixture.landUse.length).toBe(60);
    expect(worstPlanar).toBeLessThan(1e-4);
    expect(worstEllipsoidal).toBeLessThan(1e-4);
  });

  it('Guangdong prefectures, thousands of km² far from the central meridian', () => {
    const dir = join(SHARED_DATA, 'china/cgcs2000-sample-derived/guangdong_prefectures_cgcs2000_gk_cm114e');
    const part = (ext: string) => new Uint8Array(readFileSync(`${dir}.${ext}`));
    const read = readShapefileParts({ shp: part('shp'), dbf: part('dbf'), prj: part('prj'), cpg: part('cpg') }, 'gd.shp');
    const lonLat = toLonLat(read.collection, 'EPSG:4547');
    for (const row of fixture.guangdong) {
      const i = read.collection.features.findIndex((f) => f.properties.ADM2_PCODE === row.code);
      const area = measureArea(lonLat.features[i]!.geometry as Polygon | MultiPolygon, 'EPSG:4547');
      expect(relative(area.planar.m2, row.planarM2), `${row.code} planar`).toBeLessThan(1e-4);
      expect(relative(area.ellipsoidal.m2, row.ellipsoidalM2), `${row.code} ellipsoidal`).toBeLessThan(1e-4);
    }
  });
});

describe('area units and the area CRS', () => {
  it('one mu is 10000/15 m², one ha 10000 m² (hand-computed)', () => {
    expect(M2_PER_MU).toBeCloseTo(666.6667, 4);
    expect(areaFigures(10000)).toEqual({ m2: 10000, mu: 15, ha: 1 });
  });

  it('a 100 m × 100 m square at the central meridian is 1 ha planar in its own zone', () => {
    // Built in EPSG:4547 and converted to lon/lat, so the planar figure must come back to 10000 m².
    const ring = [[586000, 3370000], [586100, 3370000], [586100, 3370100], [586000, 3370100], [586000, 3370000]] as [number, number][];
    const lonLat = toLonLat({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }] }, 'EPSG:4547');
    expect(measureArea(lonLat.features[0]!.geometry as Polygon, 'EPSG:4547').planar.m2).toBeCloseTo(10000, 4);
  });

  it('chooses the zone from the data unless the workspace names areaCrs', () => {
    expect(areaCrsFor(114.9).code).toBe('EPSG:4547');
    expect(areaCrsFor(116.6).code).toBe('EPSG:4548');
    expect(areaCrsFor(114.9, 'EPSG:4526').code).toBe('EPSG:4526');
  });
});
