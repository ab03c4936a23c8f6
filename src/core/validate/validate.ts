import findIntersections from 'sweepline-intersections';
import type { FeatureCollection, Geometry, Position } from '../model';
import type { AreaOfUse } from '../crs/registry';

// Finds what is wrong with features as they are: empty or missing geometry, rings that are not closed
// or too short, self-intersections, duplicate ids, features outside the CRS's area of use. Everything is
// counted and reported with examples; nothing is dropped or "fixed" (DESIGN §8).

export type ProblemKind =
  | 'null_geometry'
  | 'empty_geometry'
  | 'non_finite_coordinate'
  | 'unclosed_ring'
  | 'too_few_points'
  | 'self_intersection'
  | 'duplicate_id'
  | 'outside_crs_area'
  | 'unknown_crs';

export interface ProblemExample {
  /** 0-based position of the feature in the file. */
  feature: number;
  id?: string;
  detail?: string;
}

export interface Problem {
  kind: ProblemKind;
  count: number;
  examples: ProblemExample[];
}

const MAX_EXAMPLES = 5;

export interface ValidateOptions {
  /** Attribute holding the feature id, for duplicate and example reporting. */
  idField?: string | null;
  /** Lon/lat positions of each feature (same order) and the CRS's area of use, for the outside check. */
  lonLat?: FeatureCollection;
  areaOfUse?: AreaOfUse;
}

function rings(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Polygon': return geometry.coordinates;
    case 'MultiPolygon': return geometry.coordinates.flat();
    case 'LineString': return [geometry.coordinates];
    case 'MultiLineString': return geometry.coordinates;
    case 'Point': return [[geometry.coordinates]];
    case 'MultiPoint': return [geometry.coordinates];
  }
}

function isEmpty(geometry: Geometry): boolean {
  const c = geometry.coordinates as unknown[];
  return !Array.isArray(c) || c.length === 0 || (geometry.type !== 'Point' && rings(geometry).every((r) => !r || r.length === 0));
}

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * A vertex a ring passes through twice (a "ring self-intersection" in GEOS terms: the ring touches itself): the
 * first vertex, in ring order, equal to an earlier one that is not its own predecessor (a doubled point is
 * harmless). Short rings compare pairs; long ones sort the vertices so equal ones sit side by side.
 */
export function repeatedVertex(ring: Position[]): Position | null {
  const n = ring.length - 1; // the closing point repeats the first
  if (n <= 48) {
    for (let i = 1; i < n; i++) {
      const p = ring[i]!;
      if (samePosition(ring[i - 1]!, p)) continue;
      for (let j = 0; j < i - 1; j++) if (samePosition(ring[j]!, p)) return p;
    }
    return null;
  }
  const order = Array.from({ length: Math.max(0, n) }, (_, i) => i);
  order.sort((a, b) => ring[a]![0] - ring[b]![0] || ring[a]![1] - ring[b]![1] || a - b);
  let first = Infinity;
  for (let k = 1; k < order.length; k++) {
    const earlier = order[k - 1]!, i = order[k]!;
    // Equal to an earlier vertex that is not the one just before it.
    if (i < first && earlier !== i - 1 && samePosition(ring[earlier]!, ring[i]!)) first = i;
  }
  return first === Infinity ? null : ring[first]!;
}

/** A spike: the ring turns back along its own last segment, so it overlaps itself (GEOS: ring self-intersection). */
function spike(ring: Position[]): Position | null {
  const n = ring.length - 1; // the closing point repeats the first
  for (let i = 0; i < n; i++) {
    const a = ring[(i - 1 + n) % n]!, b = ring[i]!, c = ring[(i + 1) % n]!;
    const abx = b[0] - a[0], aby = b[1] - a[1], bcx = c[0] - b[0], bcy = c[1] - b[1];
    const cross = abx * bcy - aby * bcx;
    const scale = Math.hypot(abx, aby) * Math.hypot(bcx, bcy);
    if (scale > 0 && Math.abs(cross) <= 1e-12 * scale && abx * bcx + aby * bcy < 0) return b;
  }
  return null;
}

/** Where each polygon crosses or touches itself (parts of a multipolygon are checked one by one: they may touch). */
function selfIntersections(geometry: Geometry): Position[] {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  const hits: Position[] = [];
  for (const part of parts) {
    if (part.some((r) => r.length < 4 || !samePosition(r[0]!, r[r.length - 1]!))) continue; // reported as unclosed/short
    hits.push(...(findIntersections({ type: 'Polygon', coordinates: part } as never) as Position[]));
    for (const ring of part) {
      const touch = repeatedVertex(ring) ?? spike(ring);
      if (touch) hits.push(touch);
    }
  }
  return hits;
}

function outside(geometry: Geometry, area: AreaOfUse): boolean {
  return rings(geometry).some((ring) => ring.some(([x, y]) => x < area.west || x > area.east || y < area.south || y > area.north));
}

export function validateFeatures(collection: FeatureCollection, options: ValidateOptions = {}): Problem[] {
  const found = new Map<ProblemKind, Problem>();
  const report = (kind: ProblemKind, example: ProblemExample) => {
    const problem = found.get(kind) ?? { kind, count: 0, examples: [] };
    problem.count += 1;
    if (problem.examples.length < MAX_EXAMPLES) problem.examples.push(example);
    found.set(kind, problem);
  };
  const idField = options.idField ?? null;
  const firstSeen = new Map<string, number>();
  collection.features.forEach((feature, index) => {
    const rawId = idField ? feature.properties[idField] : undefined;
    const id = rawId === undefined || rawId === null || rawId === '' ? undefined : String(rawId);
    const example = (detail?: string): ProblemExample => ({ feature: index, ...(id !== undefined ? { id } : {}), ...(detail ? { detail } : {}) });
    if (idField && id !== undefined) {
      const first = firstSeen.get(id);
      if (first !== undefined) report('duplicate_id', example(`also feature ${first}`));
      else firstSeen.set(id, index);
    }
    const geometry = feature.geometry;
    if (!geometry) return report('null_geometry', example());
    if (isEmpty(geometry)) return report('empty_geometry', example(`${geometry.type} with no coordinates`));
    const all = rings(geometry);
    if (all.some((r) => r.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1])))) return report('non_finite_coordinate', example());
    if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      const open = all.findIndex((r) => r.length > 0 && !samePosition(r[0]!, r[r.length - 1]!));
      if (open >= 0) report('unclosed_ring', example(`ring ${open} ends at ${all[open]![all[open]!.length - 1]!.join(', ')}, not at its first point`));
      const short = all.findIndex((r) => r.length < 4);
      if (short >= 0) report('too_few_points', example(`ring ${short} has ${all[short]!.length} positions; a closed ring needs at least 4`));
      const crossings = selfIntersections(geometry);
      if (crossings.length > 0) report('self_intersection', example(`${crossings.length} crossing(s), first near ${crossings[0]!.map((v) => +v.toFixed(7)).join(', ')}`));
    }
    const lonLat = options.lonLat?.features[index]?.geometry;
    if (options.areaOfUse && lonLat && outside(lonLat, options.areaOfUse)) report('outside_crs_area', example());
  });
  return [...found.values()];
}
