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
type Path = { X: number; Y: number }[];

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
  const ring: Position[] = path.map((p) => [p.X / SCALE + origin[0], p.Y / SCALE + origin[1]]);
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function fromTree(tree: InstanceType<typeof ClipperLib.PolyTree>, origin: Position): MultiRings {
  return ClipperLib.JS.PolyTreeToExPolygons(tree).map((ex) => [fromPath(ex.outer, origin), ...ex.holes.map((h) => fromPath(h, origin))]);
}

function execute(type: number, subject: MultiRings, clip: MultiRings, origin: Position, fill: number = ClipperLib.PolyFillType.pftEvenOdd): MultiRings {
  const clipper = new ClipperLib.Clipper();
  clipper.AddPaths(toPaths(subject, origin), ClipperLib.PolyType.ptSubject, true);
  clipper.AddPaths(toPaths(clip, origin), ClipperLib.PolyType.ptClip, true);
  const tree = new ClipperLib.PolyTree();
  clipper.Execute(type, tree, fill, fill);
  return fromTree(tree, origin);
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
