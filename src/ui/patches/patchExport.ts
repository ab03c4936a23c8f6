import type { MultiPolygon, PatchRow } from '../../core';
import type { PatchExportItem } from '../../io/patchExports';
import { workspaceAreaCrs } from '../../io/verification';
import { useAppStore } from '../store';
import { usePatchStore } from './patchStore';

// What an export of the review results holds: every patch of the layer with its row, breakdown and
// outline. Shapefiles go out in the workspace's Gauss-Kruger zone (what bureaus file), GeoJSON in
// lon/lat (EPSG:4490), XLSX without geometry.

export function exportItems(rows: PatchRow[], format: 'geojson' | 'shapefile' | 'xlsx', fileSuffix: string): { items: PatchExportItem[]; crs: string; baseName: string } {
  const { items, layerId } = usePatchStore.getState();
  const workspace = useAppStore.getState().workspace!;
  const byId = new Map(items.map((i) => [i.patch.id, i]));
  const exported: PatchExportItem[] = rows.map((row) => {
    const item = byId.get(row.id);
    const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: item?.outlineLonLat ?? [] };
    return { row, breakdown: item?.facts.breakdown ?? null, geometry };
  });
  const crs = format === 'shapefile' ? workspaceAreaCrs(workspace) : 'EPSG:4490';
  return { items: exported, crs, baseName: `${layerId ?? 'patches'}-${fileSuffix}` };
}
