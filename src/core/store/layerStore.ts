import Flatbush from 'flatbush';
import { transformBetween } from '../crs/reproject';
import type { Attributes, FeatureCollection, LayerKind, Position } from '../model';
import type { MultiRings } from '../geometry/clip';

// A polygon layer held for scale (DESIGN §7): coordinates in one Float64Array in planar metres (the
// workspace's area CRS), ring/part/feature offsets in Uint32Arrays, feature bboxes, and a flatbush index
// in one ArrayBuffer. All of it can be built in a worker and transferred whole, and rebuilt in a line.

export interface LayerStore {
  id: string;
  kind: LayerKind;
  /** The planar CRS the coordinates are in. */
  crs: string;
  featureCount: number;
  /** x, y pairs. */
  coords: Float64Array;
  /** First vertex (pair index) of each ring; one more entry than rings. */
  ringStart: Uint32Array;
  /** First ring of each polygon part; one more entry than parts. */
  partStart: Uint32Array;
  /** First part of each feature; one more entry than features. */
  featureStart: Uint32Array;
  /** minX, minY, maxX, maxY per feature (planar). */
  bbox: Float64Array;
  /** flatbush index over the feature bboxes (Flatbush.from rebuilds it). */
  index: ArrayBuffer;
  /** Feature ids from the mapped id field, or "#n" by position. */
  ids: string[];
  /** The attributes as read, untouched. */
  attributes: Attributes[];
}

/** Builds a store from lon/lat (EPSG:4490) features; non-polygonal features keep an empty geometry. */
export function buildLayerStore(id: string, kind: LayerKind, lonLat: FeatureCollection, planarCrs: string, idField: string | null): LayerStore {
  const toPlane = transformBetween('EPSG:4490', planarCrs);
  const n = lonLat.features.length;
  let vertexCount = 0, ringCount = 0, partCount = 0;
  for (const f of lonLat.features) {
    const g = f.geometry;
    const parts = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    partCount += parts.length;
    for (const rings of parts) {
      ringCount += rings.length;
      for (const ring of rings) vertexCount += ring.length;
    }
  }
  const coords = new Float64Array(vertexCount * 2);
  const ringStart = new Uint32Array(ringCount + 1);
  const partStart = new Uint32Array(partCount + 1);
  const featureStart = new Uint32Array(n + 1);
  const bbox = new Float64Array(n * 4);
  const index = new Flatbush(Math.max(1, n));
  let v = 0, r = 0, p = 0;
  lonLat.features.forEach((f, i) => {
    featureStart[i] = p;
    const g = f.geometry;
    const parts = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const rings of parts) {
      partStart[p++] = r;
      for (const ring of rings) {
        ringStart[r++] = v;
        for (const position of ring) {
          const [x, y] = toPlane(position);
          coords[v * 2] = x;
          coords[v * 2 + 1] = y;
          v++;
          if (x < minX) minX = x;
          if (y < minY) minY = y;
          if (x > maxX) maxX = x;
          if (y > maxY) maxY = y;
        }
      }
    }
    if (minX > maxX) minX = minY = maxX = maxY = NaN; // empty: never found by a search
    bbox.set([minX, minY, maxX, maxY], i * 4);
    index.add(Number.isNaN(minX) ? Infinity : minX, Number.isNaN(minY) ? Infinity : minY, Number.isNaN(maxX) ? Infinity : maxX, Number.isNaN(maxY) ? Infinity : maxY);
  });
  featureStart[n] = p;
  partStart[partCount] = r;
  ringStart[ringCount] = v;
  if (n === 0) index.add(Infinity, Infinity, Infinity, Infinity);
  index.finish();
  const ids = lonLat.features.map((f, i) => {
    const value = idField ? f.properties[idField] : null;
    return value === null || value === undefined || value === '' ? `#${i + 1}` : String(value);
  });
  return { id, kind, crs: planarCrs, featureCount: n, coords, ringStart, partStart, featureStart, bbox, index: index.data as ArrayBuffer, ids, attributes: lonLat.features.map((f) => f.properties) };
}

/** The buffers to transfer when a store crosses to or from a worker. */
export function storeTransferables(store: LayerStore): ArrayBuffer[] {
  return [store.coords.buffer, store.ringStart.buffer, store.partStart.buffer, store.featureStart.buffer, store.bbox.buffer, store.index] as ArrayBuffer[];
}

const indexCache = new WeakMap<ArrayBuffer, Flatbush>();

/** The flatbush index of a store (rebuilt from its buffer once, then cached). */
export function storeIndex(store: LayerStore): Flatbush {
  let index = indexCache.get(store.index);
  if (!index) {
    index = Flatbush.from(store.index);
    indexCache.set(store.index, index);
  }
  return index;
}

/** Feature i as polygons of closed rings, planar. */
export function featurePolygons(store: LayerStore, i: number): MultiRings {
  const polygons: MultiRings = [];
  for (let p = store.featureStart[i]!; p < store.featureStart[i + 1]!; p++) {
    const rings: Position[][] = [];
    for (let r = store.partStart[p]!; r < store.partStart[p + 1]!; r++) {
      const ring: Position[] = [];
      for (let v = store.ringStart[r]!; v < store.ringStart[r + 1]!; v++) ring.push([store.coords[v * 2]!, store.coords[v * 2 + 1]!]);
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return polygons;
}

/** Feature ids whose bbox meets the box. */
export function searchStore(store: LayerStore, minX: number, minY: number, maxX: number, maxY: number): number[] {
  return storeIndex(store).search(minX, minY, maxX, maxY);
}
