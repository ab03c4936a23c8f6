import ClipperLib from 'clipper-lib';
import type { Position } from '../model';

// Exact polygon overlay (intersection, difference, union, line buffers) with Clipper, in planar metres.
// Clipper works on integers: coordinates are taken relative to a local origin and scaled to 0.1 mm, so
// Gauss-Kruger values of millions of metres stay well inside its fast integer range.

/** One polygon: outer ring then holes, each closed (first position repeated last). */
export type PolygonRings = Position[][];
/** Several polygons. */
export type MultiRings = PolygonRings[];

const SCALE = 1e4;
/** A Clipper path: integer points, not closed. */
export type ClipPath = { X: number; Y: number }[];
type Path = ClipPath;

function toPaths(polygons: MultiRings, origin: Position): Path[] {
  const paths: Path[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      const n = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.length - 1 : ring.length;
      if (n < 3) continue;
      const path: Path = new Array(n);
      for (let i = 0; i < n; i++) path[i] = { X: Math.round((ring[i]![0] - origin[0]) * SCALE), Y: Math.round((ring[i]![1] - origin[1]) * SCALE) };
      paths.push(path);
    }
  }
  return paths;
}

function fromPath(path: Path, origin: Position): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < path.length; i++) ring.push([path[i]!.X / SCALE + origin[0], path[i]!.Y / SCALE + origin[1]]);
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function fromTree(tree: InstanceType<typeof ClipperLib.PolyTree>, origin: Position): MultiRings {
  const exPolygons = ClipperLib.JS.PolyTreeToExPolygons(tree);
  const polygons: MultiRings = [];
  for (let k = 0; k < exPolygons.length; k++) {
    const { outer, holes } = exPolygons[k]!;
    const rings: Position[][] = [fromPath(outer, origin)];
    for (let h = 0; h < holes.length; h++) rings.push(fromPath(holes[h]!, origin));
    polygons.push(rings);
  }
  return polygons;
}

function executePaths(type: number, subject: Path[], clip: Path[], origin: Position, fill: number): MultiRings {
  const clipper = new ClipperLib.Clipper();
  clipper.AddPaths(subject, ClipperLib.PolyType.ptSubject, true);
  clipper.AddPaths(clip, ClipperLib.PolyType.ptClip, true);
  const tree = new ClipperLib.PolyTree();
  clipper.Execute(type, tree, fill, fill);
  return fromTree(tree, origin);
}

function execute(type: number, subject: MultiRings, clip: MultiRings, origin: Position, fill: number = ClipperLib.PolyFillType.pftEvenOdd): MultiRings {
  return executePaths(type, toPaths(subject, origin), toPaths(clip, origin), origin, fill);
}

/** A sensible local origin: the first vertex. */
export function originOf(polygons: MultiRings): Position {
  const p = polygons[0]?.[0]?.[0];
  return p ? [p[0], p[1]] : [0, 0];
}

// Intersection and difference read each feature's rings even-odd, the way the Simple Features model
// does whatever their orientation. Union merges polygons that may overlap each other (e.g. the same
// approval in two layers), so it needs non-zero filling, and rings oriented as Clipper writes them:
// pass it only results of intersect/difference/union.

export function intersect(a: MultiRings, b: MultiRings, origin: Position = originOf(a)): MultiRings {
  return execute(ClipperLib.ClipType.ctIntersection, a, b, origin);
}

/**
 * Polygons as Clipper takes them (integer paths relative to `origin`), made once to clip many times:
 * `intersectPaths(clipPaths(a, o), clipPaths(b, o), o)` is `intersect(a, b, o)`, result for result. Clipper
 * copies the points it is given, so the paths can be reused.
 */
export interface ClipPaths {
  readonly paths: ClipPath[];
}

export function clipPaths(polygons: MultiRings, origin: Position): ClipPaths {
  return { paths: toPaths(polygons, origin) };
}

/**
 * The Clipper paths of rings stored flat, as a layer store keeps them: x, y pairs in `coords`, ring r being
 * vertices ringStart[r] to ringStart[r + 1] - 1, for rings firstRing to endRing - 1. The same paths as
 * clipPaths of those rings as positions (closing vertex dropped, rings of fewer than 3 vertices skipped).
 */
export function flatClipPaths(coords: Float64Array, ringStart: ArrayLike<number>, firstRing: number, endRing: number, origin: Position): ClipPaths {
  const paths: Path[] = [];
  const ox = origin[0], oy = origin[1];
  for (let r = firstRing; r < endRing; r++) {
    const start = ringStart[r]!, end = ringStart[r + 1]!;
    const length = end - start;
    const last = end - 1;
    const n = length > 1 && coords[start * 2] === coords[last * 2] && coords[start * 2 + 1] === coords[last * 2 + 1] ? length - 1 : length;
    if (n < 3) continue;
    const path: Path = new Array(n);
    for (let i = 0; i < n; i++) {
      const v = (start + i) * 2;
      path[i] = { X: Math.round((coords[v]! - ox) * SCALE), Y: Math.round((coords[v + 1]! - oy) * SCALE) };
    }
    paths.push(path);
  }
  return { paths };
}

/** intersect() of polygons already made into Clipper paths with the same origin. */
export function intersectPaths(a: ClipPaths, b: ClipPaths, origin: Position): MultiRings {
  return executePaths(ClipperLib.ClipType.ctIntersection, a.paths, b.paths, origin, ClipperLib.PolyFillType.pftEvenOdd);
}

export function difference(a: MultiRings, b: MultiRings, origin: Position = originOf(a)): MultiRings {
  return execute(ClipperLib.ClipType.ctDifference, a, b, origin);
}

export function union(polygons: MultiRings, origin: Position = originOf(polygons)): MultiRings {
  return execute(ClipperLib.ClipType.ctUnion, polygons, [], origin, ClipperLib.PolyFillType.pftNonZero);
}

/** A line buffered by `distance` metres with round ends and joins. */
export function bufferLine(line: Position[], distance: number, segmentsPerCircle = 128): MultiRings {
  const origin: Position = [line[0]![0], line[0]![1]];
  // Arc tolerance chosen so a full circle gets about `segmentsPerCircle` vertices.
  const arcTolerance = distance * SCALE * (1 - Math.cos(Math.PI / segmentsPerCircle));
  const offset = new ClipperLib.ClipperOffset(2, arcTolerance);
  const path: Path = line.map((p) => ({ X: Math.round((p[0] - origin[0]) * SCALE), Y: Math.round((p[1] - origin[1]) * SCALE) }));
  offset.AddPath(path, ClipperLib.JoinType.jtRound, ClipperLib.EndType.etOpenRound);
  const tree = new ClipperLib.PolyTree();
  offset.Execute(tree, distance * SCALE);
  return fromTree(tree, origin);
}

/** A circle of `radius` metres around `centre` as a polygon of `segments` vertices (area πr²·sin(2π/n)·n/2π). */
export function circle(centre: Position, radius: number, segments = 128): PolygonRings {
  const ring: Position[] = [];
  for (let i = 0; i < segments; i++) {
    const a = (2 * Math.PI * i) / segments;
    ring.push([centre[0] + radius * Math.cos(a), centre[1] + radius * Math.sin(a)]);
  }
  ring.push([ring[0]![0], ring[0]![1]]);
  return [ring];
}
