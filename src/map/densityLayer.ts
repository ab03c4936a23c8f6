import { HexagonLayer } from '@deck.gl/aggregation-layers';
import type { Color, Layer } from '@deck.gl/core';

// Where complaints cluster (DESIGN §1, the supervisor's map of complaint density): case locations
// counted into hexagons, flat, coloured light to dark by how many cases fall in each.

export const DENSITY_LAYER_ID = 'complaint-density';

/** ColorBrewer YlOrRd, 6 classes: a sequential ramp that reads on both imagery and the light base map. */
export const DENSITY_COLOUR_RAMP: Color[] = [
  [255, 255, 178],
  [254, 217, 118],
  [254, 178, 76],
  [253, 141, 60],
  [240, 59, 32],
  [189, 0, 38],
];

type LonLat = [number, number];

/** A hexagon-binned count of case locations (lon/lat), 500 m hexagons unless told otherwise. */
export function complaintDensityLayer(points: LonLat[], options: { radiusM?: number; visible?: boolean } = {}): Layer {
  return new HexagonLayer<LonLat>({
    id: DENSITY_LAYER_ID,
    data: points,
    getPosition: (point) => point,
    radius: options.radiusM ?? 500,
    colorRange: DENSITY_COLOUR_RAMP,
    colorAggregation: 'SUM',
    coverage: 0.9,
    extruded: false,
    opacity: 0.45,
    pickable: false,
    visible: options.visible ?? true,
    // Counted on the CPU: GPU aggregation needs float render targets that software WebGL
    // (SwiftShader, many bureau desktops) may lack, and a county's cases are few.
    gpuAggregation: false,
  });
}
