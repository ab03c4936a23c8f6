import { bboxOf, patchFacts, patchInfo, suggestJudgement } from '../core';
import type { Lang, MultiPolygon, PatchFacts, PatchInfo, PatchSuggestion, Polygon, Position, SuggestionSettings, VerifyWorkspace } from '../core';
import type { LoadedLayer } from '../io/workspace';

// Patch review in the worker: the facts and suggested judgement of each patch of a satellite_patch
// layer, a chunk at a time so the page can show progress and stay responsive over 5,000 patches.

export interface PatchItem {
  patch: PatchInfo;
  facts: PatchFacts;
  suggestion: PatchSuggestion;
  /** The patch polygon, lon/lat (EPSG:4490), for the map, the clips and the exports. */
  outlineLonLat: Position[][][];
  bboxLonLat: [number, number, number, number];
}

export interface PatchChunk {
  total: number;
  items: PatchItem[];
}

function outlineOf(geometry: Polygon | MultiPolygon | null | undefined): Position[][][] {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function patchChunk(vws: VerifyWorkspace, layer: LoadedLayer, start: number, count: number, settings: SuggestionSettings, lang: Lang): PatchChunk {
  const verifyLayer = vws.layers.find((l) => l.store.id === layer.id);
  if (!verifyLayer || layer.kind !== 'satellite_patch') throw new Error(`${layer.id} is not a satellite patch layer`);
  const total = verifyLayer.store.featureCount;
  const items: PatchItem[] = [];
  for (let i = start; i < Math.min(total, start + count); i++) {
    const patch = patchInfo(verifyLayer.store, verifyLayer.fields, i);
    const facts = patchFacts(vws, patch, lang, { homesteadSearchM: settings.homesteadDistanceM });
    const geometry = layer.lonLat.features[i]?.geometry;
    const outlineLonLat = outlineOf(geometry && (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') ? geometry : null);
    items.push({ patch, facts, suggestion: suggestJudgement(patch, facts, settings, lang), outlineLonLat, bboxLonLat: bboxOf(outlineLonLat) });
  }
  return { total, items };
}
