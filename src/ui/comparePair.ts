import { cornersBbox } from '../core';
import type { ViewImagery } from '../workers/workspaceClient';

/** Lon/lat extent of an image from its corners. */
const extent = (img: ViewImagery) => cornersBbox(img.cornersLonLat);

function overlaps(a: ViewImagery, b: ViewImagery): boolean {
  const [a0, a1, a2, a3] = extent(a), [b0, b1, b2, b3] = extent(b);
  return a0 < b2 && b0 < a2 && a1 < b3 && b1 < a3;
}

/**
 * The two images to compare first, the older on the left: the newest image that overlaps another (the last
 * added when dates tie) and the oldest one that overlaps it, so both show the same place.
 */
export function comparePair(imagery: ViewImagery[]): { leftId: string; rightId: string } {
  const byDate = [...imagery].sort((a, b) => a.date.localeCompare(b.date));
  const newest = [...imagery].reverse().find((img) => imagery.some((o) => o !== img && overlaps(o, img))) ?? byDate[byDate.length - 1]!;
  const oldest = byDate.find((img) => img !== newest && overlaps(img, newest)) ?? byDate.find((img) => img !== newest)!;
  const [left, right] = oldest.date <= newest.date ? [oldest, newest] : [newest, oldest];
  return { leftId: left.id, rightId: right.id };
}
