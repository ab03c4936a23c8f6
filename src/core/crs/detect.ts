import type { CrsFinding } from '../model';
import { lookupCrs, normaliseCrsCode } from './registry';

// Reads a CRS from what a file says about itself (.prj WKT, GeoJSON's legacy crs member), and when
// nothing says, infers it from the coordinates and explains why. It never guesses silently: a
// finding always carries its source and reason, and an undecidable case returns null.

const ESRI_GK_CM = /CGCS2000_3_Degree_GK_CM_(\d{2,3})E/i;
const ESRI_GK_ZONE = /CGCS2000_3_Degree_GK_Zone_(\d{2})/i;
const ESRI_6_CM = /CGCS2000_GK_CM_(\d{2,3})E/i;
const ESRI_6_ZONE = /CGCS2000_GK_Zone_(\d{2})/i;

/** The CRS named by a .prj (Esri or OGC WKT), or null when the WKT names none LandCheck knows. */
export function crsFromPrj(wkt: string): CrsFinding | null {
  const text = wkt.trim();
  const found = (code: string, why: string): CrsFinding | null =>
    lookupCrs(code) ? { code, source: 'prj', reason: `.prj ${why}` } : null;
  // An explicit top-level authority is the strongest statement a WKT can make.
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$/i.exec(text) ?? /ID\["EPSG",\s*(\d+)\]\]\s*$/i.exec(text);
  if (authority) {
    const hit = found(`EPSG:${authority[1]}`, `names authority EPSG:${authority[1]}`);
    if (hit) return hit;
  }
  let m = ESRI_GK_CM.exec(text);
  if (m) return found(`EPSG:${4534 + (Number(m[1]) - 75) / 3}`, `names ${m[0]}`);
  m = ESRI_GK_ZONE.exec(text);
  if (m) return found(`EPSG:${4513 + Number(m[1]) - 25}`, `names ${m[0]}`);
  m = ESRI_6_CM.exec(text);
  if (m) return found(`EPSG:${4502 + (Number(m[1]) - 75) / 6}`, `names ${m[0]}`);
  m = ESRI_6_ZONE.exec(text);
  if (m) return found(`EPSG:${4491 + Number(m[1]) - 13}`, `names ${m[0]}`);
  if (/^GEOGCS\[/i.test(text) || /^GEOGCRS\[/i.test(text)) {
    if (/China_Geodetic_Coordinate_System_2000|China Geodetic Coordinate System 2000|CGCS2000/i.test(text)) {
      return found('EPSG:4490', 'names the CGCS2000 geographic CRS');
    }
    if (/WGS[_ ]?(19)?84/i.test(text)) return found('EPSG:4326', 'names the WGS 84 geographic CRS');
  }
  return null;
}

/** The CRS named by GeoJSON's legacy `crs` member, e.g. {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}}. */
export function crsFromGeoJsonMember(member: unknown): CrsFinding | null {
  if (typeof member !== 'object' || member === null) return null;
  const name = (member as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  const code = normaliseCrsCode(name);
  if (!code || !lookupCrs(code)) return null;
  return { code, source: 'geojson', reason: `the GeoJSON crs member names ${name}` };
}

export type Bbox = [minX: number, minY: number, maxX: number, maxY: number];

/**
 * Infers a CRS from the extent of coordinates as stored (x first). Handles lon/lat degrees and
 * CGCS2000 Gauss-Kruger eastings that carry the zone number; returns null when the numbers do not
 * decide it (e.g. metres without a zone prefix, whose central meridian cannot be known).
 */
export function inferCrsFromExtent(bbox: Bbox): CrsFinding | null {
  const [minX, minY, maxX, maxY] = bbox;
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) {
    return { code: 'EPSG:4490', source: 'inferred', reason: `coordinates lie within ±180/±90, so they are taken as longitude/latitude (CGCS2000)` };
  }
  const zoneOf = (easting: number) => Math.floor(easting / 1_000_000);
  const zoneMin = zoneOf(minX);
  const zoneMax = zoneOf(maxX);
  const northingPlausible = minY >= 0 && maxY <= 10_000_000;
  if (zoneMin === zoneMax && northingPlausible) {
    if (zoneMin >= 25 && zoneMin <= 45) {
      return { code: `EPSG:${4513 + zoneMin - 25}`, source: 'inferred', reason: `eastings ${Math.round(minX)}–${Math.round(maxX)} carry zone number ${zoneMin}: CGCS2000 3-degree Gauss-Kruger zone ${zoneMin}` };
    }
    if (zoneMin >= 13 && zoneMin <= 23) {
      return { code: `EPSG:${4491 + zoneMin - 13}`, source: 'inferred', reason: `eastings ${Math.round(minX)}–${Math.round(maxX)} carry zone number ${zoneMin}: CGCS2000 6-degree Gauss-Kruger zone ${zoneMin}` };
    }
  }
  return null;
}
