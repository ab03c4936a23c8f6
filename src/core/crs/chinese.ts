import gcoord from 'gcoord';
import type { Position } from '../model';
import { lookupCrs } from './registry';
import { transformBetween } from './reproject';

// Coordinates from Chinese web maps and phones: GCJ-02 (Amap, Tencent, WeChat) and BD-09 (Baidu) are
// 100–700 m off WGS 84/CGCS2000 (DESIGN §3). gcoord does the conversions; its inverse iterates to 1e-6°.

export type CoordSystem = string | 'gcj02' | 'bd09';

const WEB: Record<string, unknown> = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09, wgs84: gcoord.WGS84 };

export function isWebCoordSystem(name: string): boolean {
  return name.toLowerCase() in WEB;
}

/** Converts one position between a CRS code (EPSG:…) and the Chinese web systems gcj02/bd09 (wgs84 also accepted). */
export function convertPosition(position: Position, from: CoordSystem, to: CoordSystem): Position {
  const f = from.toLowerCase(), t = to.toLowerCase();
  if (!isWebCoordSystem(f) && !lookupCrs(from)) throw new Error(`unknown coordinate system "${from}" (expected EPSG:…, gcj02, bd09 or wgs84)`);
  if (!isWebCoordSystem(t) && !lookupCrs(to)) throw new Error(`unknown coordinate system "${to}" (expected EPSG:…, gcj02, bd09 or wgs84)`);
  // Through WGS 84 longitude/latitude (taken as CGCS2000: they differ by centimetres).
  const wgs: Position = isWebCoordSystem(f)
    ? (gcoord.transform([position[0], position[1]], WEB[f] as never, gcoord.WGS84) as Position)
    : transformBetween(from, 'EPSG:4490')(position);
  return isWebCoordSystem(t) ? (gcoord.transform([wgs[0], wgs[1]], gcoord.WGS84, WEB[t] as never) as Position) : transformBetween('EPSG:4490', to)(wgs);
}
