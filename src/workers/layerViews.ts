import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, LayerKind, Position } from '../core';
import { binaryGeometry } from '../map/binaryGeometry';
import type { BinaryGeometry } from '../map/binaryGeometry';
import { KIND_STYLE, paletteOf } from '../map/palette';
import type { RGBA } from '../map/palette';

// Layers too large to hand to the page whole (10^5–10^6 parcels) stay here, indexed by feature
// extent, and the page asks for the part it shows: the features in view as binary geometry when
// there are few enough to draw as vectors, otherwise a picture of them drawn here, off the main
// thread, in Web Mercator pixels so the map can lay it down as one image. Either way the GPU work of
// a frame no longer grows with the size of the layer.

/** Layers with more features than this are drawn by view. */
export const LARGE_LAYER_FEATURES = 50_000;
/**
 * At most this many features in view are sent as vectors; more are drawn as a picture. Small on purpose:
 * software WebGL (no GPU) spends about 1 s a frame on 13,000 outlined parcels, and a picture costs one quad.
 */
export const MAX_VECTOR_FEATURES = 1_000;
/** Outlines are left out of a picture when a typical feature is smaller than this on screen. */
const MIN_OUTLINED_FEATURE_PX = 4;

export type BBox = [number, number, number, number];

export interface LargeLayer {
  kind: LayerKind;
  collection: FeatureCollection;
  styleField: string | null;
  /** Distinct style values over the whole layer ('' first), as the legend lists them. */
  styleValues: string[];
  featureStyle: Uint16Array;
  /** Feature extents in lon/lat. */
  bboxes: Float64Array;
  index: Flatbush;
}

export type LayerView =
  | { kind: 'vector'; bbox: BBox; featuresInView: number; geometry: BinaryGeometry }
  | { kind: 'raster'; bbox: BBox; featuresInView: number; image: ImageBitmap };

function extend(box: Float64Array, o: number, ring: Position[]): void {
  for (const p of ring) {
    if (p[0] < box[o]!) box[o] = p[0];
    if (p[1] < box[o + 1]!) box[o + 1] = p[1];
    if (p[0] > box[o + 2]!) box[o + 2] = p[0];
    if (p[1] > box[o + 3]!) box[o + 3] = p[1];
  }
}

function ringsOf(feature: Feature): Position[][] {
  const g = feature.geometry;
  if (!g) return [];
  switch (g.type) {
    case 'Polygon': return g.coordinates;
    case 'MultiPolygon': return g.coordinates.flat();
    case 'LineString': return [g.coordinates];
    case 'MultiLineString': return g.coordinates;
    case 'Point': return [[g.coordinates]];
    case 'MultiPoint': return [g.coordinates];
    default: return [];
  }
}

export function largeLayer(kind: LayerKind, collection: FeatureCollection, styleField: string | null): LargeLayer {
  const n = collection.features.length;
  const bboxes = new Float64Array(n * 4);
  const index = new Flatbush(Math.max(1, n));
  const featureStyle = new Uint16Array(n);
  const styles = new Map<string, number>([['', 0]]);
  collection.features.forEach((feature, i) => {
    const o = i * 4;
    bboxes.set([Infinity, Infinity, -Infinity, -Infinity], o);
    for (const ring of ringsOf(feature)) extend(bboxes, o, ring);
    if (bboxes[o]! > bboxes[o + 2]!) bboxes.set([0, 0, 0, 0], o); // no geometry: a point nobody looks for
    index.add(bboxes[o]!, bboxes[o + 1]!, bboxes[o + 2]!, bboxes[o + 3]!);
    if (styleField) {
      const value = feature.properties[styleField];
      const key = value === null || value === undefined ? '' : String(value);
      let s = styles.get(key);
      if (s === undefined && styles.size < 0xffff) styles.set(key, (s = styles.size));
      featureStyle[i] = s ?? 0;
    }
  });
  if (n === 0) index.add(0, 0, 0, 0);
  index.finish();
  return { kind, collection, styleField, styleValues: [...styles.keys()], featureStyle, bboxes, index };
}

// Web Mercator, as the map draws: x and y in 0–1 of the world, y down.
const mercX = (lon: number) => (lon + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;

/** The median on-screen size (px) of a sample of the features in view. */
function typicalSizePx(layer: LargeLayer, ids: number[], pxPerDegree: number): number {
  const step = Math.max(1, Math.floor(ids.length / 200));
  const sizes: number[] = [];
  for (let i = 0; i < ids.length; i += step) {
    const o = ids[i]! * 4;
    sizes.push(Math.max(layer.bboxes[o + 2]! - layer.bboxes[o]!, layer.bboxes[o + 3]! - layer.bboxes[o + 1]!) * pxPerDegree);
  }
  sizes.sort((a, b) => a - b);
  return sizes[Math.floor(sizes.length / 2)] ?? 0;
}

/** The features of `ids` drawn into a widthPx × heightPx picture of `bbox` (lon/lat, Web Mercator pixels). */
function drawPicture(layer: LargeLayer, ids: number[], bbox: BBox, widthPx: number, heightPx: number): ImageBitmap {
  const canvas = new OffscreenCanvas(widthPx, heightPx);
  // willReadFrequently keeps the canvas on the CPU: a GPU canvas in a worker goes through the same
  // (possibly software) GL as the map and was slower by orders of magnitude for many small paths.
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const x0 = mercX(bbox[0]), x1 = mercX(bbox[2]), y0 = mercY(bbox[3]), y1 = mercY(bbox[1]);
  const sx = widthPx / (x1 - x0), sy = heightPx / (y1 - y0);
  const palette = paletteOf(layer.kind, layer.styleValues);
  const style = KIND_STYLE[layer.kind];
  const outlined = typicalSizePx(layer, ids, widthPx / (bbox[2] - bbox[0])) >= MIN_OUTLINED_FEATURE_PX;
  // Features are drawn grouped by style value (few colour changes) but each as its own small path:
  // one path of a hundred thousand rings takes the canvas minutes to fill and stroke.
  const groups = new Map<number, number[]>();
  for (const id of ids) {
    const s = layer.featureStyle[id]!;
    let group = groups.get(s);
    if (!group) groups.set(s, (group = []));
    group.push(id);
  }
  ctx.lineWidth = Math.max(0.5, style.lineWidthPx);
  ctx.setLineDash(style.dashed ? [6, 4] : []);
  for (const [s, group] of groups) {
    const fill = palette.fill[s]!;
    const stroke = outlined || fill[3] === 0;
    ctx.fillStyle = css(fill);
    ctx.strokeStyle = css(palette.line[s]!);
    for (const id of group) {
      const feature = layer.collection.features[id]!;
      const g = feature.geometry;
      if (!g) continue;
      ctx.beginPath();
      if (g.type === 'Point' || g.type === 'MultiPoint') {
        for (const p of g.type === 'Point' ? [g.coordinates] : g.coordinates) {
          const x = (mercX(p[0]) - x0) * sx, y = (mercY(p[1]) - y0) * sy;
          ctx.moveTo(x + 4, y);
          ctx.arc(x, y, 4, 0, 2 * Math.PI);
        }
        ctx.fillStyle = css(palette.line[s]!);
        ctx.fill();
        ctx.fillStyle = css(fill);
        continue;
      }
      const closed = g.type === 'Polygon' || g.type === 'MultiPolygon';
      for (const ring of ringsOf(feature)) {
        ring.forEach((p, k) => {
          const x = (mercX(p[0]) - x0) * sx, y = (mercY(p[1]) - y0) * sy;
          if (k === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        });
        if (closed) ctx.closePath();
      }
      // even-odd: holes are cut whichever way their rings wind (GeoJSON from the wild does not always follow RFC 7946).
      if (closed && fill[3] > 0) ctx.fill('evenodd');
      if (stroke || !closed) ctx.stroke();
    }
  }
  return canvas.transferToImageBitmap();
}

/** The subset of a layer's features as their own collection, for binary geometry. */
function subset(layer: LargeLayer, ids: number[]): FeatureCollection {
  return { type: 'FeatureCollection', features: ids.map((i) => layer.collection.features[i]!) };
}

/** What the page should draw of a large layer over `bbox` at widthPx × heightPx. */
export function layerView(layer: LargeLayer, bbox: BBox, widthPx: number, heightPx: number): LayerView {
  const ids = layer.index.search(bbox[0], bbox[1], bbox[2], bbox[3]);
  ids.sort((a, b) => a - b); // the layer's own order, as the whole layer would be drawn
  if (ids.length <= MAX_VECTOR_FEATURES) {
    const geometry = binaryGeometry(subset(layer, ids), layer.styleField);
    // The subset's style values are re-indexed to the layer's, so colours match the legend everywhere.
    const toLayer = geometry.styleValues.map((v) => Math.max(0, layer.styleValues.indexOf(v)));
    for (let i = 0; i < geometry.featureStyle.length; i++) geometry.featureStyle[i] = toLayer[geometry.featureStyle[i]!]!;
    geometry.styleValues = layer.styleValues;
    return { kind: 'vector', bbox, featuresInView: ids.length, geometry };
  }
  return { kind: 'raster', bbox, featuresInView: ids.length, image: drawPicture(layer, ids, bbox, widthPx, heightPx) };
}
