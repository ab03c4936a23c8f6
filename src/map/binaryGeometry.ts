import earcut from 'earcut';
import type { FeatureCollection, Geometry, LayerKind, Position } from '../core';

// A layer's lon/lat features as flat typed arrays that deck.gl draws without looking at a single
// feature object: vertices, where each polygon, ring, line and point starts, the triangles of every
// polygon (cut here, in the worker, so the page never triangulates), and which feature each part
// belongs to. Built once per layer off the main thread and handed to the page by transfer.

export interface BinaryPolygons {
  /** lon, lat of every ring vertex (rings closed, as in GeoJSON). */
  positions: Float64Array;
  /** Vertex index where each polygon starts; one more entry than polygons. */
  polygonStarts: Uint32Array;
  /** Vertex index where each ring starts; one more entry than rings. */
  ringStarts: Uint32Array;
  /** Vertex indices, three per triangle, into `positions`. */
  triangles: Uint32Array;
  /** Feature index of each polygon. */
  polygonFeature: Uint32Array;
  /** Feature index of each ring (for outline colours). */
  ringFeature: Uint32Array;
}

export interface BinaryLines {
  positions: Float64Array;
  /** Vertex index where each path starts; one more entry than paths. */
  pathStarts: Uint32Array;
  pathFeature: Uint32Array;
}

export interface BinaryPoints {
  positions: Float64Array;
  pointFeature: Uint32Array;
}

export interface BinaryGeometry {
  featureCount: number;
  polygons: BinaryPolygons;
  lines: BinaryLines;
  points: BinaryPoints;
  /** Index into `styleValues` of each feature's styling attribute (0 when it has none). */
  featureStyle: Uint16Array;
  /** Distinct values of the styling attribute; entry 0 is '' (no value). */
  styleValues: string[];
}

type Counts = { polygons: number; rings: number; polygonVertices: number; paths: number; lineVertices: number; points: number };

function polygonsOf(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function linesOf(g: Geometry): Position[][] {
  if (g.type === 'LineString') return [g.coordinates];
  if (g.type === 'MultiLineString') return g.coordinates;
  return [];
}

function pointsOf(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  return [];
}

/** A ring worth drawing: at least a triangle and its closing vertex. */
const drawable = (ring: Position[]) => ring.length >= 4;

function count(collection: FeatureCollection): Counts {
  const c: Counts = { polygons: 0, rings: 0, polygonVertices: 0, paths: 0, lineVertices: 0, points: 0 };
  for (const { geometry: part } of collection.features) {
    if (part) {
      for (const polygon of polygonsOf(part)) {
        if (!polygon[0] || !drawable(polygon[0])) continue;
        c.polygons += 1;
        for (const ring of polygon) {
          if (!drawable(ring)) continue;
          c.rings += 1;
          c.polygonVertices += ring.length;
        }
      }
      for (const line of linesOf(part)) {
        if (line.length < 2) continue;
        c.paths += 1;
        c.lineVertices += line.length;
      }
      c.points += pointsOf(part).length;
    }
  }
  return c;
}

/**
 * The binary form of a lon/lat collection. `styleField` names the attribute whose values colour the
 * features (land-use code, patch judgement), or null.
 */
export function binaryGeometry(collection: FeatureCollection, styleField: string | null): BinaryGeometry {
  const c = count(collection);
  const polygons: BinaryPolygons = {
    positions: new Float64Array(c.polygonVertices * 2),
    polygonStarts: new Uint32Array(c.polygons + 1),
    ringStarts: new Uint32Array(c.rings + 1),
    triangles: new Uint32Array(0),
    polygonFeature: new Uint32Array(c.polygons),
    ringFeature: new Uint32Array(c.rings),
  };
  const lines: BinaryLines = { positions: new Float64Array(c.lineVertices * 2), pathStarts: new Uint32Array(c.paths + 1), pathFeature: new Uint32Array(c.paths) };
  const points: BinaryPoints = { positions: new Float64Array(c.points * 2), pointFeature: new Uint32Array(c.points) };
  const featureStyle = new Uint16Array(collection.features.length);
  const styleIndex = new Map<string, number>([['', 0]]);
  // A polygon of V distinct vertices and H holes cuts into V + 2H - 2 triangles, so this holds them all.
  const triangles = new Uint32Array(3 * (c.polygonVertices + 2 * c.rings));
  let triangleCount = 0;
  let polygon = 0, ring = 0, vertex = 0, path = 0, lineVertex = 0, point = 0;

  collection.features.forEach((feature, f) => {
    if (styleField) {
      const value = feature.properties[styleField];
      const key = value === null || value === undefined ? '' : String(value);
      let index = styleIndex.get(key);
      if (index === undefined && styleIndex.size < 0xffff) styleIndex.set(key, (index = styleIndex.size));
      featureStyle[f] = index ?? 0;
    }
    const part = feature.geometry;
    if (part) {
      for (const rings of polygonsOf(part)) {
        if (!rings[0] || !drawable(rings[0])) continue;
        const first = vertex;
        const holes: number[] = [];
        polygons.polygonStarts[polygon] = first;
        polygons.polygonFeature[polygon] = f;
        for (const r of rings) {
          if (!drawable(r)) continue;
          if (vertex > first) holes.push(vertex - first);
          polygons.ringStarts[ring] = vertex;
          polygons.ringFeature[ring] = f;
          ring += 1;
          for (const p of r) {
            polygons.positions[vertex * 2] = p[0];
            polygons.positions[vertex * 2 + 1] = p[1];
            vertex += 1;
          }
        }
        const local = earcut(polygons.positions.subarray(first * 2, vertex * 2), holes, 2);
        for (let i = 0; i < local.length; i++) triangles[triangleCount++] = local[i]! + first;
        polygon += 1;
      }
      for (const line of linesOf(part)) {
        if (line.length < 2) continue;
        lines.pathStarts[path] = lineVertex;
        lines.pathFeature[path] = f;
        path += 1;
        for (const p of line) {
          lines.positions[lineVertex * 2] = p[0];
          lines.positions[lineVertex * 2 + 1] = p[1];
          lineVertex += 1;
        }
      }
      for (const p of pointsOf(part)) {
        points.positions[point * 2] = p[0];
        points.positions[point * 2 + 1] = p[1];
        points.pointFeature[point] = f;
        point += 1;
      }
    }
  });
  polygons.polygonStarts[polygon] = vertex;
  polygons.ringStarts[ring] = vertex;
  lines.pathStarts[path] = lineVertex;
  polygons.triangles = triangles.slice(0, triangleCount);
  return { featureCount: collection.features.length, polygons, lines, points, featureStyle, styleValues: [...styleIndex.keys()] };
}

/** The buffers to transfer (not copy) to the page. */
export function transferablesOf(g: BinaryGeometry): ArrayBuffer[] {
  const arrays = [
    g.polygons.positions, g.polygons.polygonStarts, g.polygons.ringStarts, g.polygons.triangles, g.polygons.polygonFeature, g.polygons.ringFeature,
    g.lines.positions, g.lines.pathStarts, g.lines.pathFeature, g.points.positions, g.points.pointFeature, g.featureStyle,
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

// Which canonical field styles a layer of each kind; the layer's field mapping names the attribute.
const STYLE_FIELD: Partial<Record<LayerKind, string>> = { land_use: 'code', satellite_patch: 'judgement' };

/** The attribute whose values colour a layer of this kind with this field mapping, or null. */
export function styleFieldFor(kind: LayerKind, fields: Record<string, string>): string | null {
  const canonical = STYLE_FIELD[kind];
  return (canonical && fields[canonical]) || null;
}
