import { areaFigures } from '../crs/area';
import type { AreaFigures } from '../crs/area';
import { transformBetween } from '../crs/reproject';
import type { Attributes, Position } from '../model';
import { featurePolygons, searchStore } from '../store/layerStore';
import { ellipsoidalArea, mappedAttributes, planarArea } from './overlay';
import type { VerifyLayer } from './overlay';

// What is under a point: every feature of the given layers that contains it, with its mapped and
// original attributes and its areas (planar in the area CRS and ellipsoidal), for the identify panel.

export interface IdentifiedFeature {
  layerId: string;
  featureId: string;
  featureIndex: number;
  mapped: Record<string, string | number | boolean | null>;
  attributes: Attributes;
  planar: AreaFigures;
  ellipsoidal: AreaFigures;
  /** The feature's outline in lon/lat, for the highlight. */
  lonLat: Position[][][];
}

function inRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function identifyAt(layers: VerifyLayer[], lonLat: Position, areaCrs: string, toleranceM = 0): IdentifiedFeature[] {
  const p = transformBetween('EPSG:4490', areaCrs)(lonLat);
  const toLonLat = transformBetween(areaCrs, 'EPSG:4490');
  const found: IdentifiedFeature[] = [];
  for (const layer of layers) {
    const { store } = layer;
    for (const i of searchStore(store, p[0] - toleranceM, p[1] - toleranceM, p[0] + toleranceM, p[1] + toleranceM).sort((a, b) => a - b)) {
      const polygons = featurePolygons(store, i);
      // Even-odd over all rings of a part: inside the outer ring and outside its holes.
      if (!polygons.some((rings) => rings.filter((ring) => inRing(p, ring)).length % 2 === 1)) continue;
      const mapped = mappedAttributes(layer, i);
      found.push({
        layerId: store.id,
        featureId: store.ids[i]!,
        featureIndex: i,
        mapped,
        attributes: store.attributes[i]!,
        planar: areaFigures(planarArea(polygons)),
        ellipsoidal: areaFigures(ellipsoidalArea(polygons, store.crs)),
        lonLat: polygons.map((rings) => rings.map((ring) => ring.map(toLonLat))),
      });
    }
  }
  return found;
}
