import type { CrsFinding } from '../model';
import { gaussKrugerCode, lookupCrs, normaliseCrsCode } from './registry';
import type { DatumName } from './registry';

// Reads a CRS from what a file says about itself (.prj WKT in OGC or Esri flavour, GeoJSON's legacy crs
// member, the coordinate txt header) and, when nothing says, infers it from the coordinates and says
// why. It never guesses silently: a finding carries its source and reason; an undecidable case is null.

export type Bbox = [minX: number, minY: number, maxX: number, maxY: number];

const DATUM_PATTERNS: [DatumName, RegExp][] = [
  ['CGCS2000', /China[_ ]?2000|CGCS[_ ]?2000|China[_ ]Geodetic[_ ]Coordinate[_ ]System[_ ]2000/i],
  ['Xian 1980', /Xi'?an[_ ]?1980|Xian[_ ]?80\b/i],
  ['Beijing 1954', /Beijing[_ ]?1954|Beijing[_ ]?54\b/i],
  ['NAD83', /NAD[_ ]?(19)?83|North[_ ]American[_ ]Datum[_ ]1983/i],
  ['WGS 84', /WGS[_ ]?(19)?84/i],
];

function datumOf(text: string): DatumName | null {
  return DATUM_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

function parameter(wkt: string, ...names: string[]): number | null {
  for (const name of names) {
    const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)`, 'i').exec(wkt);
    if (m) return Number(m[1]);
  }
  return null;
}

/** The name of the outermost CRS in a WKT (PROJCS/PROJCRS/GEOGCS/GEOGCRS). */
function outerName(wkt: string): { type: string; name: string } | null {
  const m = /^\s*(PROJCS|PROJCRS|GEOGCS|GEOGCRS|GEODCRS|BASEGEOGCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  return m ? { type: m[1]!.toUpperCase(), name: m[2]! } : null;
}

const found = (code: string | null, reason: string, source: CrsFinding['source'] = 'prj'): CrsFinding | null =>
  code && lookupCrs(code) ? { code: lookupCrs(code)!.code, source, reason } : null;

/** The CRS named by a .prj (Esri or OGC WKT, WKT1 or WKT2), or null when it names none LandCheck knows. */
export function crsFromPrj(wkt: string): CrsFinding | null {
  const text = wkt.trim();
  // An authority on the outermost object is the strongest statement a WKT can make.
  const authority = /AUTHORITY\["EPSG",\s*"?(\d+)"?\]\]\s*$/i.exec(text) ?? /ID\["EPSG",\s*(\d+)\]\]\s*$/i.exec(text);
  if (authority) {
    const hit = found(`EPSG:${authority[1]}`, `.prj names authority EPSG:${authority[1]}`);
    if (hit) return hit;
  }
  const outer = outerName(text);
  if (!outer) return null;
  const name = outer.name;
  const datum = datumOf(name) ?? datumOf(text);
  const projected = outer.type.startsWith('PROJ');
  if (!projected) {
    if (datum === 'CGCS2000') return found('EPSG:4490', `.prj names the geographic CRS ${name}`);
    if (datum === 'Xian 1980') return found('EPSG:4610', `.prj names the geographic CRS ${name}`);
    if (datum === 'Beijing 1954') return found('EPSG:4214', `.prj names the geographic CRS ${name}`);
    if (datum === 'NAD83') return found('EPSG:4269', `.prj names the geographic CRS ${name}`);
    if (datum === 'WGS 84') return found('EPSG:4326', `.prj names the geographic CRS ${name}`);
    return null;
  }
  if (/Web[_ ]Mercator|Pseudo[-_ ]Mercator|Popular[_ ]Visualisation/i.test(name)) return found('EPSG:3857', `.prj names ${name}`);
  const utm = /UTM[_ ]zone[_ ](\d{1,2})([NS])/i.exec(name);
  if (utm && (datum === 'WGS 84' || datum === 'NAD83')) {
    const zone = Number(utm[1]);
    const code = datum === 'NAD83' ? `EPSG:${26900 + zone}` : `EPSG:${utm[2]!.toUpperCase() === 'N' ? 32600 + zone : 32700 + zone}`;
    return found(code, `.prj names ${name}`);
  }
  if (datum === 'CGCS2000' || datum === 'Xian 1980' || datum === 'Beijing 1954') {
    // Names first (CGCS2000_3_Degree_GK_CM_114E, "Xian 1980 / 3-degree Gauss-Kruger zone 38" …), then the parameters.
    const three = /3[_ -]Degree/i.test(name);
    const cm = /CM[_ ](\d{2,3})E/i.exec(name);
    const zone = /Zone[_ ](\d{1,2})\b/i.exec(name);
    if (cm) return found(gaussKrugerCode(datum, three ? 3 : 6, Number(cm[1]), false), `.prj names ${name}`);
    if (zone) {
      const z = Number(zone[1]);
      return found(gaussKrugerCode(datum, three ? 3 : 6, three ? z * 3 : z * 6 - 3, true), `.prj names ${name}`);
    }
    const centralMeridian = parameter(text, 'Central_Meridian', 'central_meridian', 'Longitude of natural origin');
    const falseEasting = parameter(text, 'False_Easting', 'false_easting');
    const scale = parameter(text, 'Scale_Factor', 'scale_factor', 'Scale factor at natural origin') ?? 1;
    if (centralMeridian !== null && falseEasting !== null && Math.abs(scale - 1) < 1e-9) {
      const prefix = Math.floor(falseEasting / 1_000_000);
      const width: 3 | 6 = prefix > 0 ? (prefix * 3 === centralMeridian ? 3 : 6) : centralMeridian % 3 === 0 ? 3 : 6;
      return found(gaussKrugerCode(datum, width, centralMeridian, prefix > 0), `.prj gives a ${datum} transverse Mercator with central meridian ${centralMeridian}°E and false easting ${falseEasting}`);
    }
  }
  return null;
}

/** The CRS named by GeoJSON's legacy `crs` member, e.g. {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4547"}}. */
export function crsFromGeoJsonMember(member: unknown): CrsFinding | null {
  if (typeof member !== 'object' || member === null) return null;
  const name = (member as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') return null;
  const code = normaliseCrsCode(name);
  return found(code, `the GeoJSON crs member names ${name}`, 'geojson');
}

/** The CRS described by a boundary coordinate txt header (坐标系, 几度分带, 带号); `sampleEasting` tells whether eastings carry the zone. */
export function crsFromTxtHeader(header: Record<string, string>, sampleEasting: number | null): CrsFinding | null {
  const label = header['坐标系'] ?? '';
  const datum: DatumName | null = /2000/.test(label) ? 'CGCS2000' : /80|西安/.test(label) ? 'Xian 1980' : /54|北京/.test(label) ? 'Beijing 1954' : null;
  if (!datum) return null;
  const width = Number(header['几度分带'] ?? '3');
  const zone = Number(header['带号']);
  if (!Number.isInteger(zone) || (width !== 3 && width !== 6)) return null;
  const prefixed = sampleEasting !== null && sampleEasting >= 1_000_000;
  const cm = width === 3 ? zone * 3 : zone * 6 - 3;
  return found(
    gaussKrugerCode(datum, width, cm, prefixed),
    `the header says ${label}, ${width}-degree zone ${zone}${prefixed ? ', and the eastings carry the zone number' : ', eastings without the zone number'}`,
    'header',
  );
}

export interface Inference {
  finding: CrsFinding;
  /** True when X and Y are stored the surveyor's way round (X = northing first) and must be swapped. */
  axesSwapped: boolean;
}

const isDegrees = (b: Bbox) => b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90;
const chinaNorthing = (lo: number, hi: number) => lo >= 1_500_000 && hi <= 6_200_000;
const plainEasting = (lo: number, hi: number) => lo >= 0 && hi <= 1_000_000;
const zoneOf = (lo: number, hi: number) => (Math.floor(lo / 1_000_000) === Math.floor(hi / 1_000_000) ? Math.floor(lo / 1_000_000) : null);

function zonedCode(zone: number): { code: string; label: string } | null {
  if (zone >= 25 && zone <= 45) return { code: `EPSG:${4513 + zone - 25}`, label: `CGCS2000 3-degree Gauss-Kruger zone ${zone}` };
  if (zone >= 13 && zone <= 23) return { code: `EPSG:${4491 + zone - 13}`, label: `CGCS2000 6-degree Gauss-Kruger zone ${zone}` };
  return null;
}

/**
 * Infers a CRS from the extent of coordinates as stored (first value = x). Recognises lon/lat degrees,
 * Gauss-Kruger eastings that carry the zone number, and both written the surveyor's way (X = northing
 * first). Metres without a zone number are taken as `fallbackCrs` (the workspace's areaCrs) when they fit
 * it; otherwise null, because their central meridian cannot be known.
 */
export function inferCrs(bbox: Bbox, fallbackCrs?: string): Inference | null {
  const [minX, minY, maxX, maxY] = bbox;
  if (isDegrees(bbox)) {
    return { axesSwapped: false, finding: { code: 'EPSG:4490', source: 'inferred', reason: 'coordinates lie within ±180/±90: taken as longitude/latitude (CGCS2000)' } };
  }
  for (const swapped of [false, true]) {
    const [eLo, eHi, nLo, nHi] = swapped ? [minY, maxY, minX, maxX] : [minX, maxX, minY, maxY];
    if (!chinaNorthing(nLo, nHi)) continue;
    const order = swapped ? 'X/Y are written northing first, as survey files do; ' : '';
    const zone = zoneOf(eLo, eHi);
    const zoned = zone !== null ? zonedCode(zone) : null;
    if (zoned) {
      return { axesSwapped: swapped, finding: { code: zoned.code, source: 'inferred', reason: `${order}eastings ${Math.round(eLo)}–${Math.round(eHi)} carry zone number ${zone}: ${zoned.label} (datum assumed CGCS2000)` } };
    }
    const fallback = fallbackCrs ? lookupCrs(fallbackCrs) : null;
    if (plainEasting(eLo, eHi) && fallback && !fallback.geographic && fallback.falseEasting === 500_000) {
      return { axesSwapped: swapped, finding: { code: fallback.code, source: 'inferred', reason: `${order}eastings ${Math.round(eLo)}–${Math.round(eHi)} without a zone number: taken as the workspace's area CRS ${fallback.code} (${fallback.name})` } };
    }
  }
  return null;
}


/**
 * Whether coordinates can be in the CRS a file or manifest names; a problem sentence when they cannot
 * (a "wrong .prj": degrees declared for metres, a zone whose eastings do not match, swapped axes).
 */
export function crsMismatch(code: string, bbox: Bbox): string | null {
  const info = lookupCrs(code);
  if (!info) return `unknown CRS ${code}`;
  const [minX, minY, maxX, maxY] = bbox;
  const range = `x ${Math.round(minX)}…${Math.round(maxX)}, y ${Math.round(minY)}…${Math.round(maxY)}`;
  if (info.geographic) {
    return isDegrees(bbox) ? null : `${info.code} is longitude/latitude in degrees, but the coordinates are ${range}`;
  }
  if (isDegrees(bbox)) return `${info.code} is projected in metres, but the coordinates look like degrees (${range})`;
  if (info.falseEasting === undefined || info.code === 'EPSG:3857') return null;
  if (info.zonePrefix !== undefined) {
    const lo = info.zonePrefix * 1_000_000;
    if (minX < lo || maxX >= lo + 1_000_000) return `${info.code} expects eastings of zone ${info.zonePrefix} (${lo}…${lo + 999_999}), but the coordinates are ${range}${minY >= lo && maxY < lo + 1_000_000 ? ' (X and Y look swapped)' : ''}`;
  } else if (minX < -500_000 || maxX > 1_500_000) {
    return `${info.code} expects eastings around 500000 without a zone number, but the coordinates are ${range}${maxX < 10_000_000 && maxY < 1_500_000 ? ' (X and Y look swapped)' : ''}`;
  }
  return null;
}
