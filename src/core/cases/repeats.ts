import Flatbush from 'flatbush';
import { mapGeometry, transformBetween } from '../crs/reproject';
import type { CaseRecord } from '../model';
import { caseCentre } from './caseCentre';
import { toIsoDate } from './dates';

// Possible repeat complaints (重复信访, DESIGN §1): a case near an earlier one, or from the same
// petitioner. A county ledger holds thousands of cases, so nearness goes through a flatbush index of
// the case centres and sameness through a map of petitioner keys, never through every pair.

/** The same person as far as the ledger can tell: the phone's digits, the ID number, or name and place together. */
function petitionerKeys(c: CaseRecord, idNumber: string | null | undefined): string[] {
  const keys: string[] = [];
  for (const phone of (c.phone ?? '').split(/[、,，;；/|]+/)) {
    let digits = phone.replace(/\D/g, '');
    if (digits.length === 13 && digits.startsWith('861')) digits = digits.slice(2);
    // Fewer digits than a local landline number is a typo or a placeholder, not a person.
    if (digits.length >= 7) keys.push(`phone:${digits}`);
  }
  const id = idNumber?.trim().toUpperCase();
  if (id) keys.push(`id:${id}`);
  const name = c.petitioner?.trim();
  const place = c.place?.trim().replace(/\s+/g, ' ');
  // A name alone is too common to mean the same person; at the same place it does.
  if (name && place) keys.push(`name:${name}\u0000${place}`);
  return keys;
}

/**
 * For every case, the ids of the earlier cases it may repeat, oldest first. Earlier means by received
 * date, then case number; a case without a readable date counts as earliest (as the verification's
 * repeat list does). Near means the case centres (caseCentre: a polygon's centroid, a line's midpoint)
 * lie within `distanceM` of each other in the area CRS. `idNumbers` maps case id → petitioner ID number.
 */
export function findRepeatCases(cases: CaseRecord[], areaCrs: string, distanceM: number, idNumbers?: Map<string, string | null>): Map<string, string[]> {
  const n = cases.length;
  const toPlane = transformBetween('EPSG:4490', areaCrs);
  const centres = cases.map((c) => caseCentre(mapGeometry(c.geometry, toPlane)));
  const order = cases.map((_, i) => i).sort((a, b) => {
    const ka = `${toIsoDate(cases[a]!.receivedDate) ?? ''}\u0000${cases[a]!.id}`;
    const kb = `${toIsoDate(cases[b]!.receivedDate) ?? ''}\u0000${cases[b]!.id}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const rank = new Int32Array(n);
  order.forEach((caseIndex, r) => (rank[caseIndex] = r));

  const earlier = cases.map(() => new Set<number>());

  const located = cases.map((_, i) => i).filter((i) => Number.isFinite(centres[i]![0]) && Number.isFinite(centres[i]![1]));
  if (located.length > 0) {
    const index = new Flatbush(located.length);
    for (const i of located) index.add(centres[i]![0], centres[i]![1], centres[i]![0], centres[i]![1]);
    index.finish();
    for (const i of located) {
      const [x, y] = centres[i]!;
      for (const hit of index.search(x - distanceM, y - distanceM, x + distanceM, y + distanceM)) {
        const j = located[hit]!;
        if (rank[j]! < rank[i]! && Math.hypot(centres[j]![0] - x, centres[j]![1] - y) <= distanceM) earlier[i]!.add(j);
      }
    }
  }

  const byPetitioner = new Map<string, number[]>();
  cases.forEach((c, i) => {
    for (const key of petitionerKeys(c, idNumbers?.get(c.id))) {
      const group = byPetitioner.get(key);
      if (group) group.push(i);
      else byPetitioner.set(key, [i]);
    }
  });
  for (const group of byPetitioner.values()) {
    for (const i of group) for (const j of group) if (rank[j]! < rank[i]!) earlier[i]!.add(j);
  }

  return new Map(cases.map((c, i) => [c.id, [...earlier[i]!].sort((a, b) => rank[a]! - rank[b]!).map((j) => cases[j]!.id)]));
}
