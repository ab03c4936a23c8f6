import type { Geometry } from '../model';
import type { Lang } from '../rules/ruleSet';
import type { CaseVerification } from './types';

// The verification.json contract of DESIGN §9: exactly these members, geometry in lon/lat (EPSG:4490),
// areas as numbers in the unit their name says.

export interface VerifiedLayerMeta {
  id: string;
  kind: string;
  path: string;
  sha256: string;
  crs: string;
  featureCount: number;
}

export interface VerificationDocument {
  manifest: string;
  generatedAt: string;
  layers: VerifiedLayerMeta[];
  cases: {
    id: string;
    geometry: Geometry;
    overlaps: { layerId: string; layerKind: string; featureId: string; planarAreaM2: number; ellipsoidalAreaM2: number; areaMu: number; areaHa: number; shareOfCase: number; attributes: Record<string, unknown> }[];
    nearest: { layerId: string; featureId: string; distanceM: number }[];
    breakdown: CaseVerification['breakdown'];
    flags: CaseVerification['flags'];
    opinion: { lang: Lang; text: string };
  }[];
}

export function verificationDocument(manifest: string, generatedAt: string, layers: VerifiedLayerMeta[], cases: { result: CaseVerification; opinion: { lang: Lang; text: string } }[]): VerificationDocument {
  return {
    manifest,
    generatedAt,
    layers,
    cases: cases.map(({ result, opinion }) => ({
      id: result.id,
      geometry: result.geometry,
      overlaps: result.overlaps.map((o) => ({
        layerId: o.layerId,
        layerKind: o.layerKind,
        featureId: o.featureId,
        planarAreaM2: o.planarAreaM2,
        ellipsoidalAreaM2: o.ellipsoidalAreaM2,
        areaMu: o.areaMu,
        areaHa: o.areaHa,
        shareOfCase: o.shareOfCase,
        attributes: o.attributes,
      })),
      nearest: result.nearest.map((n) => ({ layerId: n.layerId, featureId: n.featureId, distanceM: n.distanceM })),
      breakdown: result.breakdown,
      flags: result.flags,
      opinion,
    })),
  };
}
