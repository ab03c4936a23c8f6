import type { MultiRings } from '../geometry/clip';
import type { Attributes, Geometry, LayerKind } from '../model';
import type { Severity } from '../rules/ruleSet';

// What verification finds for one case (DESIGN §4), in the shape verification.json carries (§9).

export interface Overlap {
  layerId: string;
  layerKind: LayerKind;
  featureId: string;
  /** Position of the feature in its layer. */
  featureIndex: number;
  planarAreaM2: number;
  ellipsoidalAreaM2: number;
  areaMu: number;
  areaHa: number;
  /** Overlap area / case area (planar). */
  shareOfCase: number;
  attributes: Attributes;
  /** Canonical field → value, through the layer's field mapping. */
  mapped: Record<string, string | number | boolean | null>;
  /** The exact overlap polygons, planar, in the area CRS (for maps and reports). */
  pieces: MultiRings;
}

export interface Nearest {
  layerId: string;
  featureId: string;
  distanceM: number;
}

export interface Breakdown {
  totalMu: number;
  farmlandMu: number;
  otherAgriculturalMu: number;
  unusedMu: number;
  constructionMu: number;
  basicFarmlandMu: number;
  ecoRedlineMu: number;
  remainderMu: number;
}

export interface Flag {
  code: string;
  severity: Severity;
  message: string;
  areaM2: number;
  featureIds: string[];
}

export interface CaseVerification {
  id: string;
  /** lon/lat (EPSG:4490). */
  geometry: Geometry;
  /** The verified area: the case polygon, or a point's circle of its radius (planar, area CRS). */
  zone: MultiRings;
  caseAreaM2: number;
  overlaps: Overlap[];
  nearest: Nearest[];
  breakdown: Breakdown;
  flags: Flag[];
  /** Layers whose extent does not cover the case. */
  outsideLayers: string[];
}
