import { isIsoDate } from '../cases/dates';
import { transformBetween } from '../crs/reproject';
import type { MultiRings } from '../geometry/clip';
import { covers } from '../patches/imageryChoice';
import type { ImageFootprint } from '../patches/imageryChoice';

// Which images a case report shows (DESIGN §5: before/after clips where imagery covers the place): the
// oldest and the newest image covering the whole place; one image alone is the "after" (the ground now).

export function caseReportImagery(images: ImageFootprint[], placeBboxLonLat: [number, number, number, number]): { before: ImageFootprint | null; after: ImageFootprint | null } {
  const covering = images
    .filter((img) => isIsoDate(img.date) && covers(img.bbox, placeBboxLonLat))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  if (covering.length === 0) return { before: null, after: null };
  const after = covering[covering.length - 1]!;
  const before = covering.length > 1 && covering[0]!.date < after.date ? covering[0]! : null;
  return { before, after };
}

/** The lon/lat box of an image's corners (its footprint on the map). */
export function cornersBbox(corners: readonly (readonly number[])[]): [number, number, number, number] {
  const xs = corners.map((c) => c[0]!), ys = corners.map((c) => c[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** An image as the imagery choices see it: its id, date and footprint. */
export function imageFootprint(img: { id: string; date: string; cornersLonLat: readonly (readonly number[])[] }): ImageFootprint {
  return { id: img.id, date: img.date, bbox: cornersBbox(img.cornersLonLat) };
}

/** The lon/lat box of a verified zone (planar, in `areaCrs`): the place a report's clips show. */
export function placeLonLatBbox(zone: MultiRings, areaCrs: string): [number, number, number, number] {
  const toLonLat = transformBetween(areaCrs, 'EPSG:4490');
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const rings of zone) for (const p of rings[0] ?? []) {
    const [x, y] = toLonLat([p[0], p[1]]);
    w = Math.min(w, x!); s = Math.min(s, y!); e = Math.max(e, x!); n = Math.max(n, y!);
  }
  return [w, s, e, n];
}
