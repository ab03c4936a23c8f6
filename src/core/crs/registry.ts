import proj4 from 'proj4';

// proj4 definitions for the CRSs bureau data comes in: CGCS2000 (the legal datum), the legacy Xian 1980
// and Beijing 1954, WGS 84 and NAD83 (UTM), and Web Mercator. Gauss-Kruger zones are built from their
// EPSG numbering, so every zone of a family is right or none is (checked against PROJ in the tests).

export type DatumName = 'CGCS2000' | 'Xian 1980' | 'Beijing 1954' | 'WGS 84' | 'NAD83';

const DATUM_PROJ: Record<DatumName, string> = {
  CGCS2000: '+ellps=GRS80',
  // Xian 1980 uses the IAG 1975 ellipsoid; Beijing 1954 Krassowsky 1940. There is no published
  // transformation to CGCS2000 without local parameters, so, as PROJ's ballpark does, none is applied.
  'Xian 1980': '+a=6378140 +rf=298.257',
  'Beijing 1954': '+ellps=krass',
  'WGS 84': '+datum=WGS84',
  NAD83: '+datum=NAD83',
};

/** Where a CRS is meant to be used, lon/lat degrees. */
export interface AreaOfUse {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface CrsInfo {
  code: string;
  /** Name as EPSG gives it. */
  name: string;
  proj4: string;
  geographic: boolean;
  datum: DatumName;
  areaOfUse: AreaOfUse;
  /** Central meridian of a transverse Mercator zone, degrees. */
  centralMeridian?: number;
  /** False easting, metres (500 000, or zone × 10^6 + 500 000 when the easting carries the zone). */
  falseEasting?: number;
  /** Zone width in degrees (3 or 6) for Gauss-Kruger and UTM. */
  zoneWidth?: 3 | 6;
  /** The zone number when the easting carries it. */
  zonePrefix?: number;
  /** A caution the user should see, e.g. that no datum shift is applied. */
  caution?: string;
}

const CHINA: AreaOfUse = { west: 73.5, south: 16.7, east: 134.8, north: 53.6 };
const WORLD: AreaOfUse = { west: -180, south: -90, east: 180, north: 90 };
const LEGACY_CAUTION = 'legacy datum: converted to CGCS2000 without a datum shift (errors of tens of metres); ask the data owner for local transformation parameters';

interface GkFamily {
  datum: DatumName;
  label: string;
  /** EPSG of zone-prefixed 3-degree zones 25–45, CM-form 3-degree 75E–135E, zone-prefixed 6-degree 13–23, CM-form 6-degree 75E–135E. */
  zone3: number;
  cm3: number;
  zone6: number;
  cm6: number;
}

const GK_FAMILIES: GkFamily[] = [
  { datum: 'CGCS2000', label: 'CGCS2000', zone3: 4513, cm3: 4534, zone6: 4491, cm6: 4502 },
  { datum: 'Xian 1980', label: 'Xian 1980', zone3: 2349, cm3: 2370, zone6: 2327, cm6: 2338 },
  { datum: 'Beijing 1954', label: 'Beijing 1954', zone3: 2401, cm3: 2422, zone6: 21413, cm6: 21453 },
];

function tmerc(epsg: number, name: string, datum: DatumName, cm: number, falseEasting: number, width: 3 | 6, zonePrefix?: number): CrsInfo {
  const info: CrsInfo = {
    code: `EPSG:${epsg}`,
    name,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${cm} +k=1 +x_0=${falseEasting} +y_0=0 ${DATUM_PROJ[datum]} +units=m +no_defs`,
    geographic: false,
    datum,
    areaOfUse: { west: cm - width / 2, south: CHINA.south, east: cm + width / 2, north: CHINA.north },
    centralMeridian: cm,
    falseEasting,
    zoneWidth: width,
  };
  if (zonePrefix !== undefined) info.zonePrefix = zonePrefix;
  if (datum !== 'CGCS2000') info.caution = LEGACY_CAUTION;
  return info;
}

function gaussKruger(epsg: number): CrsInfo | null {
  for (const f of GK_FAMILIES) {
    if (epsg >= f.zone3 && epsg <= f.zone3 + 20) {
      const zone = epsg - f.zone3 + 25;
      return tmerc(epsg, `${f.label} / 3-degree Gauss-Kruger zone ${zone}`, f.datum, zone * 3, zone * 1_000_000 + 500_000, 3, zone);
    }
    if (epsg >= f.cm3 && epsg <= f.cm3 + 20) {
      const cm = 75 + (epsg - f.cm3) * 3;
      return tmerc(epsg, `${f.label} / 3-degree Gauss-Kruger CM ${cm}E`, f.datum, cm, 500_000, 3);
    }
    if (epsg >= f.zone6 && epsg <= f.zone6 + 10) {
      const zone = epsg - f.zone6 + 13;
      return tmerc(epsg, `${f.label} / Gauss-Kruger zone ${zone}`, f.datum, zone * 6 - 3, zone * 1_000_000 + 500_000, 6, zone);
    }
    if (epsg >= f.cm6 && epsg <= f.cm6 + 10) {
      const cm = 75 + (epsg - f.cm6) * 6;
      return tmerc(epsg, `${f.label} / Gauss-Kruger CM ${cm}E`, f.datum, cm, 500_000, 6);
    }
  }
  return null;
}

/** The EPSG code of a Gauss-Kruger zone of a datum, from its central meridian and whether the easting carries the zone. */
export function gaussKrugerCode(datum: DatumName, width: 3 | 6, centralMeridian: number, zonePrefixed: boolean): string | null {
  const family = GK_FAMILIES.find((f) => f.datum === datum);
  if (!family) return null;
  const index = width === 3 ? (centralMeridian - 75) / 3 : (centralMeridian - 75) / 6;
  const zone = width === 3 ? centralMeridian / 3 : (centralMeridian + 3) / 6;
  if (!Number.isInteger(index) || index < 0 || index > (width === 3 ? 20 : 10)) return null;
  const epsg = width === 3 ? (zonePrefixed ? family.zone3 + (zone - 25) : family.cm3 + index) : zonePrefixed ? family.zone6 + (zone - 13) : family.cm6 + index;
  return `EPSG:${epsg}`;
}

function utm(epsg: number): CrsInfo | null {
  const wgsNorth = epsg >= 32601 && epsg <= 32660;
  const wgsSouth = epsg >= 32701 && epsg <= 32760;
  const nad83 = epsg >= 26901 && epsg <= 26923;
  if (!wgsNorth && !wgsSouth && !nad83) return null;
  const zone = nad83 ? epsg - 26900 : epsg % 100;
  const datum: DatumName = nad83 ? 'NAD83' : 'WGS 84';
  const cm = zone * 6 - 183;
  return {
    code: `EPSG:${epsg}`,
    name: `${datum} / UTM zone ${zone}${wgsSouth ? 'S' : 'N'}`,
    proj4: `+proj=utm +zone=${zone}${wgsSouth ? ' +south' : ''} ${DATUM_PROJ[datum]} +units=m +no_defs`,
    geographic: false,
    datum,
    areaOfUse: { west: cm - 3, south: wgsSouth ? -80 : 0, east: cm + 3, north: wgsSouth ? 0 : 84 },
    centralMeridian: cm,
    falseEasting: 500_000,
    zoneWidth: 6,
  };
}

const FIXED: Record<string, CrsInfo> = {
  'EPSG:4490': { code: 'EPSG:4490', name: 'China Geodetic Coordinate System 2000', proj4: '+proj=longlat +ellps=GRS80 +no_defs', geographic: true, datum: 'CGCS2000', areaOfUse: CHINA },
  'EPSG:4610': { code: 'EPSG:4610', name: 'Xian 1980', proj4: `+proj=longlat ${DATUM_PROJ['Xian 1980']} +no_defs`, geographic: true, datum: 'Xian 1980', areaOfUse: CHINA, caution: LEGACY_CAUTION },
  'EPSG:4214': { code: 'EPSG:4214', name: 'Beijing 1954', proj4: `+proj=longlat ${DATUM_PROJ['Beijing 1954']} +no_defs`, geographic: true, datum: 'Beijing 1954', areaOfUse: CHINA, caution: LEGACY_CAUTION },
  'EPSG:4326': { code: 'EPSG:4326', name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true, datum: 'WGS 84', areaOfUse: WORLD },
  'EPSG:4269': { code: 'EPSG:4269', name: 'NAD83', proj4: '+proj=longlat +datum=NAD83 +no_defs', geographic: true, datum: 'NAD83', areaOfUse: { west: -172.5, south: 14.9, east: -47.7, north: 86.5 } },
  'EPSG:3857': {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    geographic: false,
    datum: 'WGS 84',
    areaOfUse: { west: -180, south: -85.06, east: 180, north: 85.06 },
  },
};

/** Normalises "epsg:4547", "EPSG::4547", "urn:ogc:def:crs:EPSG::4547", "CRS84" and "4547" to "EPSG:4547". */
export function normaliseCrsCode(code: string): string | null {
  const trimmed = code.trim();
  if (/^(urn:ogc:def:crs:)?OGC:(1\.3:)?CRS84$|^CRS84$/i.test(trimmed)) return 'EPSG:4326';
  if (/^EPSG:900913$|^EPSG:102100$|^EPSG:3785$/i.test(trimmed)) return 'EPSG:3857';
  const match = /^(?:urn:ogc:def:crs:)?(?:EPSG:{1,2})?(?:[\d.]*:)?(\d{4,5})$/i.exec(trimmed);
  return match ? `EPSG:${match[1]}` : null;
}

/** The CRS for an EPSG code, or null when LandCheck does not know it. */
export function lookupCrs(code: string): CrsInfo | null {
  const normalised = normaliseCrsCode(code);
  if (!normalised) return null;
  const fixed = FIXED[normalised];
  if (fixed) return fixed;
  const epsg = Number(normalised.slice(5));
  return gaussKruger(epsg) ?? utm(epsg);
}

/** The CGCS2000 3-degree Gauss-Kruger zone (CM form, EPSG:4534–4554) whose central meridian is nearest. */
export function cgcs2000ThreeDegreeZoneFor(longitude: number): CrsInfo {
  const cm = Math.min(135, Math.max(75, Math.round(longitude / 3) * 3));
  return lookupCrs(`EPSG:${4534 + (cm - 75) / 3}`) as CrsInfo;
}

const registered = new Set<string>();

/** Makes a CRS known to proj4 and returns its code; throws for unknown codes. */
export function ensureProj4(code: string): string {
  const info = lookupCrs(code);
  if (!info) throw new Error(`Unknown CRS ${code}`);
  if (!registered.has(info.code)) {
    proj4.defs(info.code, info.proj4);
    registered.add(info.code);
  }
  return info.code;
}
