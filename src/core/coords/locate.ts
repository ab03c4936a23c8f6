import { convertPosition } from '../crs/chinese';
import { inferCrs } from '../crs/detect';
import { lookupCrs } from '../crs/registry';
import type { Position } from '../model';
import { parseAngle } from './angles';

// The locate box: what a user types to find a place. Longitude/latitude (decimal or DMS, either order
// when the hemisphere says), Gauss-Kruger X/Y as surveyors write them (X = northing first, with or
// without the zone number), GCJ-02/BD-09 coordinates marked as such, or an id to look up.

export type LocateQuery =
  | { kind: 'position'; lonLat: Position; how: string }
  | { kind: 'id'; text: string };

const NUMBER_PAIR = /^\s*(.+?)\s*[,，\s]\s*(.+?)\s*$/;

/** Reads a query; `areaCrs` says which zone metres without a zone number are in. */
export function parseLocateQuery(text: string, areaCrs: string): LocateQuery | { kind: 'error'; reason: string } {
  let query = text.trim();
  if (!query) return { kind: 'error', reason: 'empty' };
  // "gcj02:" / "bd09:" / "高德" / "百度" mark web-map coordinates.
  let web: 'gcj02' | 'bd09' | null = null;
  const marker = /^(gcj-?02|gcj|高德|腾讯|bd-?09|百度)\s*[:：]?\s*/i.exec(query);
  if (marker) {
    web = /bd|百度/i.test(marker[1]!) ? 'bd09' : 'gcj02';
    query = query.slice(marker[0].length);
  }
  const pair = NUMBER_PAIR.exec(query);
  const a = pair ? parseAngle(pair[1]!) : null;
  const b = pair ? parseAngle(pair[2]!) : null;
  if (!a || !b) return web ? { kind: 'error', reason: 'coordinates' } : { kind: 'id', text: text.trim() };
  let x = a.degrees, y = b.degrees;
  if (a.axis === 'lat' || b.axis === 'lon') [x, y] = [y, x];
  const degrees = (Math.abs(x) <= 180 && Math.abs(y) <= 90) || (Math.abs(x) <= 90 && Math.abs(y) <= 180);
  // Chinese latitudes never exceed 54°, longitudes start at 73°: "30.45, 114.9" is lat, lon.
  if (degrees && Math.abs(x) <= 90 && Math.abs(y) > 90 && a.axis === null) [x, y] = [y, x];
  if (web) {
    if (!degrees) return { kind: 'error', reason: 'coordinates' };
    return { kind: 'position', lonLat: convertPosition([x, y], web, 'EPSG:4490'), how: web };
  }
  if (degrees) {
    return { kind: 'position', lonLat: [x, y], how: 'lonlat' };
  }
  const inference = inferCrs([x, y, x, y], areaCrs);
  if (inference) {
    const [e, n] = inference.axesSwapped ? [y, x] : [x, y];
    const code = lookupCrs(inference.finding.code)!.code;
    return { kind: 'position', lonLat: convertPosition([e, n], code, 'EPSG:4490'), how: code };
  }
  return { kind: 'error', reason: 'coordinates' };
}
