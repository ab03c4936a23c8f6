import { isIsoDate } from '../cases/dates';
import type { ImageFootprint } from '../patches/imageryChoice';

// Which images a case report shows (DESIGN §5: before/after clips where imagery covers the place): the
// oldest and the newest image covering the whole place; one image alone is the "after" (the ground now).

const covers = (outer: [number, number, number, number], inner: [number, number, number, number]) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

export function caseReportImagery(images: ImageFootprint[], placeBboxLonLat: [number, number, number, number]): { before: ImageFootprint | null; after: ImageFootprint | null } {
  const covering = images
    .filter((img) => isIsoDate(img.date) && covers(img.bbox, placeBboxLonLat))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  if (covering.length === 0) return { before: null, after: null };
  const after = covering[covering.length - 1]!;
  const before = covering.length > 1 && covering[0]!.date < after.date ? covering[0]! : null;
  return { before, after };
}
