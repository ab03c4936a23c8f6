import type { MapVectorLayer } from '../map/MapController';
import type { ViewWorkspace } from '../workers/workspaceClient';

/** The map's vector layers, bottom first (the panel lists them top first). */
export function mapLayers(workspace: ViewWorkspace, visible: Record<string, boolean>, order: string[], opacity: Record<string, number>): MapVectorLayer[] {
  const rank = (id: string) => {
    const i = order.indexOf(id);
    return i < 0 ? -1 : i;
  };
  return [...workspace.layers]
    .sort((a, b) => rank(b.id) - rank(a.id))
    .map((layer) => ({ id: layer.id, kind: layer.kind, visible: visible[layer.id] ?? false, opacity: opacity[layer.id] ?? 1, geometry: layer.geometry, large: layer.large }));
}

/** Distinct values of the styling field (land-use codes present), sorted. */
export function styleValues(workspace: ViewWorkspace, layerId: string): string[] {
  const layer = workspace.layers.find((l) => l.id === layerId);
  return layer ? layer.geometry.styleValues.filter(Boolean).sort() : [];
}

/** Extent of all layers, lon/lat. */
export function workspaceBbox(workspace: ViewWorkspace): [number, number, number, number] | null {
  const boxes = workspace.layers.map((l) => l.bboxLonLat).filter((b): b is [number, number, number, number] => b !== null);
  if (boxes.length === 0) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
