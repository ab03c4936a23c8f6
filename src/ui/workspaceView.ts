import type { LayerKind } from '../core';
import type { MapVectorLayer } from '../map/MapController';
import type { ViewWorkspace } from '../workers/workspaceClient';

// Which attribute styles a layer on the map: the layer's mapped field (manifest mapping over aliases).
const STYLE_FIELD: Partial<Record<LayerKind, string>> = { land_use: 'code', satellite_patch: 'judgement' };

export function styleFieldOf(workspace: ViewWorkspace, layerId: string): string | null {
  const layer = workspace.layers.find((l) => l.id === layerId);
  const canonical = layer ? STYLE_FIELD[layer.kind] : undefined;
  return (canonical && layer?.fields[canonical]) || null;
}

export function mapLayers(workspace: ViewWorkspace, visible: Record<string, boolean>): MapVectorLayer[] {
  return workspace.layers.map((layer) => ({
    id: layer.id,
    kind: layer.kind,
    visible: visible[layer.id] ?? false,
    collection: layer.lonLat,
    styleField: styleFieldOf(workspace, layer.id),
  }));
}

/** Distinct values of the styling field (land-use codes present), sorted. */
export function styleValues(workspace: ViewWorkspace, layerId: string): string[] {
  const field = styleFieldOf(workspace, layerId);
  const layer = workspace.layers.find((l) => l.id === layerId);
  if (!field || !layer) return [];
  return [...new Set(layer.lonLat.features.map((f) => String(f.properties[field] ?? '')))].filter(Boolean).sort();
}

/** Extent of all layers, lon/lat. */
export function workspaceBbox(workspace: ViewWorkspace): [number, number, number, number] | null {
  const boxes = workspace.layers.map((l) => l.bboxLonLat).filter((b): b is [number, number, number, number] => b !== null);
  if (boxes.length === 0) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
