import type { CrsInfo, DatumName } from '../core';

// The import dialog's CRS choice: what was detected first, then the CGCS2000 3-degree Gauss-Kruger zones
// near the data (with and without the zone number in the easting, the usual confusion), then every other
// CRS the registry knows, grouped by datum.

export type DatumKey = 'cgcs2000' | 'xian1980' | 'beijing1954' | 'wgs84' | 'nad83';
export type CrsGroupKey = 'detected' | 'nearby' | DatumKey;

export interface CrsGroup {
  key: CrsGroupKey;
  crs: CrsInfo[];
}

export const DATUM_KEY: Record<DatumName, DatumKey> = {
  CGCS2000: 'cgcs2000',
  'Xian 1980': 'xian1980',
  'Beijing 1954': 'beijing1954',
  'WGS 84': 'wgs84',
  NAD83: 'nad83',
};

const epsgNumber = (info: CrsInfo) => Number(info.code.slice(5));

/** Zones kept in the "near the data" group at most, nearest the data's centre first. */
const NEARBY_ZONES = 5;

/**
 * CGCS2000 3-degree zones whose central meridian is that of the zone holding the data's west or east edge,
 * or one zone beyond: each with its zone-numbered form (EPSG:4513–4533) before its CM form (4534–4554).
 */
export function nearbyZones(known: readonly CrsInfo[], bboxLonLat: readonly [number, number, number, number]): CrsInfo[] {
  const [west, , east] = bboxLonLat;
  const centre = (west + east) / 2;
  const lo = Math.round(west / 3) * 3 - 3;
  const hi = Math.round(east / 3) * 3 + 3;
  const zones = known.filter((c) => c.datum === 'CGCS2000' && c.zoneWidth === 3 && c.centralMeridian !== undefined && c.centralMeridian >= lo && c.centralMeridian <= hi);
  const meridians = [...new Set(zones.map((c) => c.centralMeridian!))].sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b).slice(0, NEARBY_ZONES);
  return meridians.flatMap((cm) => zones.filter((c) => c.centralMeridian === cm).sort((a, b) => (a.zonePrefix === undefined ? 1 : 0) - (b.zonePrefix === undefined ? 1 : 0)));
}

/** Every known CRS once: the detected one, those near the data, then the rest by datum (geographic first, then by EPSG number). */
export function crsChoiceGroups(known: readonly CrsInfo[], detectedCode: string | null, bboxLonLat: readonly [number, number, number, number] | null): CrsGroup[] {
  const used = new Set<string>();
  const groups: CrsGroup[] = [];
  const take = (key: CrsGroupKey, list: CrsInfo[]) => {
    const fresh = list.filter((c) => !used.has(c.code));
    for (const c of fresh) used.add(c.code);
    if (fresh.length) groups.push({ key, crs: fresh });
  };
  const detected = known.find((c) => c.code === detectedCode);
  if (detected) take('detected', [detected]);
  if (bboxLonLat) take('nearby', nearbyZones(known, bboxLonLat));
  for (const datum of Object.keys(DATUM_KEY) as DatumName[]) {
    take(DATUM_KEY[datum], known.filter((c) => c.datum === datum).sort((a, b) => Number(b.geographic) - Number(a.geographic) || epsgNumber(a) - epsgNumber(b)));
  }
  return groups;
}

type Say = (key: string, options?: Record<string, unknown>) => string;

/** A CRS as the dialog names it: EPSG code, then the datum and zone in the UI language (other CRSs by their EPSG name). */
export function crsLabel(info: CrsInfo, say: Say): string {
  const datum = say(`crsDatum.${DATUM_KEY[info.datum]}`);
  const gaussKruger = !info.geographic && info.zoneWidth !== undefined && info.centralMeridian !== undefined && (info.datum === 'CGCS2000' || info.datum === 'Xian 1980' || info.datum === 'Beijing 1954');
  let name = info.name;
  if (info.geographic) name = say('crsName.geographic', { datum });
  else if (gaussKruger && info.zonePrefix !== undefined) name = say('crsName.gkZone', { datum, width: info.zoneWidth, zone: info.zonePrefix, cm: info.centralMeridian });
  else if (gaussKruger) name = say('crsName.gkCm', { datum, width: info.zoneWidth, cm: info.centralMeridian });
  return `${info.code} ${name}`;
}
