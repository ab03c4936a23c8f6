import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { LayerKind } from '../core';
import type { BinaryGeometry } from './binaryGeometry';
import { KIND_STYLE, paletteOf } from './palette';
import type { Palette } from './palette';

// deck.gl layers for one vector layer, drawn straight from its binary geometry: the vertex buffers
// go to the GPU as they are, the worker's triangles are used as the index buffer, and colours are
// looked up per part from the feature's style value. Nothing walks features on the main thread.

export interface VectorLayerView {
  id: string;
  kind: LayerKind;
  visible: boolean;
  opacity: number;
  geometry: BinaryGeometry;
  /** Drawn by view from the worker (too many features to hold here); `geometry` is then empty. */
  large: boolean;
}

/**
 * deck.gl's binary data objects hold the attribute buffers; built once per geometry and reused,
 * so a change of visibility or opacity never re-uploads a million parcels.
 */
interface Prepared {
  palette: Palette;
  fillData: object | null;
  outlineData: object | null;
  lineData: object | null;
  pointData: object | null;
}
const prepared = new WeakMap<BinaryGeometry, Map<LayerKind, Prepared>>();

function prepare(kind: LayerKind, g: BinaryGeometry): Prepared {
  let byKind = prepared.get(g);
  if (!byKind) prepared.set(g, (byKind = new Map()));
  const known = byKind.get(kind);
  if (known) return known;
  const { polygons, lines, points } = g;
  const polygonCount = polygons.polygonStarts.length - 1;
  const ringCount = polygons.ringStarts.length - 1;
  const pathCount = lines.pathStarts.length - 1;
  const made: Prepared = {
    palette: paletteOf(kind, g.styleValues),
    fillData: polygonCount > 0 ? { length: polygonCount, startIndices: polygons.polygonStarts, attributes: { getPolygon: { value: polygons.positions, size: 2 }, indices: polygons.triangles } } : null,
    outlineData: ringCount > 0 ? { length: ringCount, startIndices: polygons.ringStarts, attributes: { getPath: { value: polygons.positions, size: 2 } } } : null,
    lineData: pathCount > 0 ? { length: pathCount, startIndices: lines.pathStarts, attributes: { getPath: { value: lines.positions, size: 2 } } } : null,
    pointData: points.pointFeature.length > 0 ? { length: points.pointFeature.length, attributes: { getPosition: { value: points.positions, size: 2 } } } : null,
  };
  byKind.set(kind, made);
  return made;
}

type AccessorContext = { index: number };

export function vectorLayers(layer: VectorLayerView): Layer[] {
  const style = KIND_STYLE[layer.kind];
  const g = layer.geometry;
  const { palette, fillData, outlineData, lineData, pointData } = prepare(layer.kind, g);
  const styleOf = g.featureStyle;
  const common = { visible: layer.visible, opacity: layer.opacity, pickable: false, positionFormat: 'XY' as const };
  const dashed = style.dashed ? { getDashArray: [6, 4] as [number, number], dashJustified: true, extensions: [new PathStyleExtension({ dash: true })] } : {};
  const out: Layer[] = [];
  // A fill nobody can see (registry parcels are outlines only) would still cost a full raster pass.
  if (fillData && palette.fill.some((c) => c[3] > 0)) {
    const feature = g.polygons.polygonFeature;
    out.push(
      new SolidPolygonLayer({
        ...common,
        id: `layer-${layer.id}-fill`,
        data: fillData as never,
        _normalize: false,
        getFillColor: (_: unknown, { index }: AccessorContext) => palette.fill[styleOf[feature[index]!]!]!,
      }),
    );
  }
  // Ring outlines and lines are both open paths coloured by their feature's style value.
  const paths = (suffix: string, data: object, feature: Uint32Array, widthPx: number) =>
    new PathLayer({
      ...common,
      ...dashed,
      id: `layer-${layer.id}-${suffix}`,
      data: data as never,
      _pathType: 'open',
      getColor: (_: unknown, { index }: AccessorContext) => palette.line[styleOf[feature[index]!]!]!,
      getWidth: widthPx,
      widthUnits: 'pixels',
      widthMinPixels: 0.5,
    });
  if (outlineData) out.push(paths('outline', outlineData, g.polygons.ringFeature, style.lineWidthPx));
  if (lineData) out.push(paths('lines', lineData, g.lines.pathFeature, Math.max(2, style.lineWidthPx)));
  if (pointData) {
    const feature = g.points.pointFeature;
    out.push(
      new ScatterplotLayer({
        ...common,
        id: `layer-${layer.id}-points`,
        data: pointData as never,
        getFillColor: (_: unknown, { index }: AccessorContext) => palette.line[styleOf[feature[index]!]!]!,
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        radiusUnits: 'pixels',
        getRadius: 5,
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
    );
  }
  return out;
}
