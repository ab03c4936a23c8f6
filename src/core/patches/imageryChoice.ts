import { daysBetween, isIsoDate } from '../cases/dates';

// Which images show a patch before and after (DESIGN §2): those covering it whose dates are nearest
// its 前时相 and 后时相. A picture from the wrong side of the change, or too far from the date, is no
// evidence: then the patch says it has no image for that date instead of showing the wrong one.

export interface ImageFootprint {
  id: string;
  /** YYYY-MM-DD. */
  date: string;
  /** lon/lat extent. */
  bbox: [number, number, number, number];
}

export interface ImageChoice {
  id: string;
  date: string;
  /** Days between the image and the patch date it stands for. */
  daysOff: number;
}

export type MissingImage = 'noDate' | 'noCoverage' | 'noneNearDate';

export interface PatchImagery {
  before: ImageChoice | null;
  after: ImageChoice | null;
  /** Why a side has no image. */
  beforeMissing: MissingImage | null;
  afterMissing: MissingImage | null;
}

/** How far an image may be from the patch date it stands for, days (a season either side). */
export const DEFAULT_IMAGE_TOLERANCE_DAYS = 120;

/** Whether one lon/lat box holds the other whole. */
export const covers = (outer: [number, number, number, number], inner: [number, number, number, number]) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

export function choosePatchImagery(
  images: ImageFootprint[],
  patchBboxLonLat: [number, number, number, number],
  beforeDate: string | null,
  afterDate: string | null,
  toleranceDays = DEFAULT_IMAGE_TOLERANCE_DAYS,
): PatchImagery {
  const covering = images.filter((img) => isIsoDate(img.date) && covers(img.bbox, patchBboxLonLat));
  // Before: not after the after-date; after: not before the before-date (else it shows the other side of the change).
  const ranked = (date: string | null, usable: (img: ImageFootprint) => boolean): ImageChoice[] =>
    !date ? [] : covering
      .filter(usable)
      .map((img) => ({ id: img.id, date: img.date, daysOff: Math.abs(daysBetween(date, img.date)) }))
      .filter((c) => c.daysOff <= toleranceDays)
      .sort((a, b) => a.daysOff - b.daysOff || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || (a.id < b.id ? -1 : 1));
  const befores = ranked(beforeDate, (img) => !afterDate || img.date < afterDate);
  const afters = ranked(afterDate, (img) => !beforeDate || img.date > beforeDate);
  // One image never serves both sides. When both sides want the same image, the pairing that leaves
  // both sides an image wins; then the one nearer the dates in all.
  let before: ImageChoice | null = befores[0] ?? null;
  let after: ImageChoice | null = afters[0] ?? null;
  if (before && after && before.id === after.id) {
    const pairs: [ImageChoice | null, ImageChoice | null][] = [[before, afters[1] ?? null], [befores[1] ?? null, after]];
    const score = ([b, a]: [ImageChoice | null, ImageChoice | null]) => [(b ? 0 : 1) + (a ? 0 : 1), (b?.daysOff ?? 0) + (a?.daysOff ?? 0)] as const;
    pairs.sort((p, q) => score(p)[0] - score(q)[0] || score(p)[1] - score(q)[1]);
    [before, after] = pairs[0]!;
  }
  const missing = (date: string | null, choice: ImageChoice | null): MissingImage | null => (choice ? null : !date ? 'noDate' : covering.length === 0 ? 'noCoverage' : 'noneNearDate');
  const beforeMissing = missing(beforeDate, before);
  const afterMissing = missing(afterDate, after);
  return { before, after, beforeMissing, afterMissing };
}
