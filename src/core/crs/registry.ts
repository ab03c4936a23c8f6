import proj4 from 'proj4';

// proj4 definitions for the CRSs bureau data comes in. CGCS2000 Gauss-Kruger zones are built from
// their EPSG numbering rather than listed one by one, so every zone is right or none is.

const GRS80 = '+ellps=GRS80 +units=m +no_defs';

export interface CrsInfo {
  code: string;
  /** Human name as EPSG gives it. */
  name: string;
  proj4: string;
  geographic: boolean;
  /** Central meridian of a transverse Mercator zone, degrees. */
  centralMeridian?: number;
  /** False easting, metres (500 000, or zone × 10^6 + 500 000 when the easting carries the zone). */
  falseEasting?: number;
}

function cgcs2000GaussKruger(epsg: number): CrsInfo | null {
  // 3-degree zones 25–45 with the zone in the easting (EPSG:4513–4533).
  if (epsg >= 4513 && epsg <= 4533) {
    const zone = epsg - 4513 + 25;
    return gk(epsg, `CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`, zone * 3, zone * 1_000_000 + 500_000);
  }
  // 3-degree zones by central meridian 75°E–135°E (EPSG:4534–4554).
  if (epsg >= 4534 && epsg <= 4554) {
    const cm = 75 + (epsg - 4534) * 3;
    return gk(epsg, `CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`, cm, 500_000);
  }
  // 6-degree zones 13–23 with the zone in the easting (EPSG:4491–4501).
  if (epsg >= 4491 && epsg <= 4501) {
    const zone = epsg - 4491 + 13;
    return gk(epsg, `CGCS2000 / Gauss-Kruger zone ${zone}`, zone * 6 - 3, zone * 1_000_000 + 500_000);
  }
  // 6-degree zones by central meridian 75°E–135°E (EPSG:4502–4512).
  if (epsg >= 4502 && epsg <= 4512) {
    const cm = 75 + (epsg - 4502) * 6;
    return gk(epsg, `CGCS2000 / Gauss-Kruger CM ${cm}E`, cm, 500_000);
  }
  return null;
}

function gk(epsg: number, name: string, centralMeridian: number, falseEasting: number): CrsInfo {
  return {
    code: `EPSG:${epsg}`,
    name,
    proj4: `+proj=tmerc +lat_0=0 +lon_0=${centralMeridian} +k=1 +x_0=${falseEasting} +y_0=0 ${GRS80}`,
    geographic: false,
    centralMeridian,
    falseEasting,
  };
}

const FIXED: Record<string, CrsInfo> = {
  'EPSG:4490': { code: 'EPSG:4490', name: 'China Geodetic Coordinate System 2000', proj4: '+proj=longlat +ellps=GRS80 +no_defs', geographic: true },
  'EPSG:4326': { code: 'EPSG:4326', name: 'WGS 84', proj4: '+proj=longlat +datum=WGS84 +no_defs', geographic: true },
  'EPSG:3857': {
    code: 'EPSG:3857',
    name: 'WGS 84 / Pseudo-Mercator',
    proj4: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +no_defs',
    geographic: false,
  },
};

function utm(epsg: number): CrsInfo | null {
  const north = epsg >= 32601 && epsg <= 32660;
  const south = epsg >= 32701 && epsg <= 32760;
  if (!north && !south) return null;
  const zone = epsg % 100;
  return {
    code: `EPSG:${epsg}`,
    name: `WGS 84 / UTM zone ${zone}${north ? 'N' : 'S'}`,
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
    geographic: false,
    centralMeridian: zone * 6 - 183,
    falseEasting: 500_000,
  };
}

/** Normalises "epsg:4547", "EPSG::4547", "urn:ogc:def:crs:EPSG::4547" and "4547" to "EPSG:4547". */
export function normaliseCrsCode(code: string): string | null {
  const trimmed = code.trim();
  if (/^(urn:ogc:def:crs:)?OGC:(1\.3:)?CRS84$/i.test(trimmed)) return 'EPSG:4326';
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
  return cgcs2000GaussKruger(epsg) ?? utm(epsg);
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
