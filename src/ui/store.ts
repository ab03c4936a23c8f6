import { create } from 'zustand';
import { restoreBaseMap, saveBaseMapSettings } from '../map/baseMaps';
import type { BaseMapSettings } from '../map/baseMaps';
import { keepPanelState, restorePanelState } from './panelState';
import { cornersBbox } from '../core';
import type { Geometry, IdentifiedFeature, Position } from '../core';
import type { DrawMode } from '../map/MapController';
import type { ViewImagery, ViewLayer, ViewWorkspace } from '../workers/workspaceClient';

// The page's state. Derived views (what the map draws) are computed from it, not stored twice.

export interface AppState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  workspace: ViewWorkspace | null;
  /** Where the workspace is kept in this browser (its manifest's path). */
  workspaceKey: string | null;
  setWorkspaceKey: (key: string) => void;
  layerVisible: Record<string, boolean>;
  imageryVisible: Record<string, boolean>;
  selectedCaseId: string | null;
  baseMap: BaseMapSettings;
  baseMapError: string | null;
  /** The local PMTiles file chosen before the reload, to be picked again (the page cannot reopen it by itself). */
  baseMapMissingFile: { name: string; size: number } | null;
  /** Layer ids, top of the map first. */
  layerOrder: string[];
  layerOpacity: Record<string, number>;
  /** What identify found at the last clicked place. */
  identified: { lonLat: Position; features: IdentifiedFeature[] } | null;
  /** The place the locate box found. */
  marker: { lonLat: Position; label: string } | null;
  /** The last import refused, as the reader said it. */
  importError: string | null;
  /** Where the pointer is on the map, lon/lat. */
  pointer: Position | null;
  setPointer: (pointer: Position | null) => void;
  /** A request to show an extent (zoom to layer, a new import); a new object each time. */
  zoomRequest: { bbox: [number, number, number, number] } | null;
  zoomTo: (bbox: [number, number, number, number]) => void;
  /** The drawing tool in use, or null. */
  drawMode: DrawMode | null;
  /** The last shape drawn, lon/lat. */
  drawn: Geometry | null;
  setDrawMode: (mode: DrawMode | null) => void;
  setDrawn: (geometry: Geometry | null) => void;
  /** A layer was added (imported, or restored from storage: then the map does not move). */
  layerAdded: (layer: ViewLayer, options?: { zoom: boolean }) => void;
  imageryAdded: (imagery: ViewImagery, options?: { zoom: boolean }) => void;
  /** The user corrected an image's date (YYYY-MM-DD). */
  setImageryDate: (id: string, date: string) => void;
  /** Swipe compare: the image shown left of the bar, the one right of it, and where the bar is (0–1 of the map's width). */
  swipe: { leftId: string; rightId: string; position: number } | null;
  setSwipe: (swipe: AppState['swipe']) => void;
  layerRemoved: (id: string) => void;
  moveLayer: (id: string, delta: -1 | 1) => void;
  setOpacity: (id: string, opacity: number) => void;
  setIdentified: (identified: AppState['identified']) => void;
  setMarker: (marker: AppState['marker']) => void;
  setImportError: (message: string | null) => void;
  workspaceLoaded: (workspace: ViewWorkspace) => void;
  workspaceFailed: (message: string) => void;
  toggleLayer: (id: string) => void;
  toggleImagery: (id: string) => void;
  selectCase: (id: string | null) => void;
  setBaseMap: (settings: BaseMapSettings) => void;
  setBaseMapError: (message: string | null) => void;
}

const restoredBaseMap = restoreBaseMap(localStorage);

export const useAppStore = create<AppState>((set) => ({
  status: 'loading',
  error: null,
  workspace: null,
  workspaceKey: null,
  setWorkspaceKey: (key) => set({ workspaceKey: key }),
  layerVisible: {},
  imageryVisible: {},
  selectedCaseId: null,
  baseMap: restoredBaseMap.settings,
  baseMapMissingFile: restoredBaseMap.missingFile,
  baseMapError: null,
  layerOrder: [],
  layerOpacity: {},
  identified: null,
  marker: null,
  importError: null,
  pointer: null,
  setPointer: (pointer) => set({ pointer }),
  zoomRequest: null,
  zoomTo: (bbox) => set({ zoomRequest: { bbox } }),
  drawMode: null,
  drawn: null,
  setDrawMode: (mode) => set({ drawMode: mode }),
  setDrawn: (geometry) => set({ drawn: geometry }),
  workspaceLoaded: (workspace) =>
    set({
      status: 'ready',
      workspace,
      // The panel as the user left it for this workspace, or the manifest's defaults.
      ...restorePanelState(localStorage, workspace.manifest.name, workspace.layers),
      // The newest image is shown; older ones are a click away.
      imageryVisible: Object.fromEntries(
        [...workspace.imagery].sort((a, b) => b.date.localeCompare(a.date)).map((img, i) => [img.id, i === 0]),
      ),
    }),
  workspaceFailed: (message) => set({ status: 'error', error: message }),
  toggleLayer: (id) => set((s) => ({ layerVisible: { ...s.layerVisible, [id]: !s.layerVisible[id] } })),
  toggleImagery: (id) => set((s) => ({ imageryVisible: { ...s.imageryVisible, [id]: !s.imageryVisible[id] } })),
  selectCase: (id) => set({ selectedCaseId: id }),
  setBaseMap: (settings) => {
    saveBaseMapSettings(localStorage, settings);
    set({ baseMap: settings, baseMapError: null, baseMapMissingFile: null });
  },
  setBaseMapError: (message) => set({ baseMapError: message }),
  layerAdded: (layer, options = { zoom: true }) =>
    set((s) => ({
      workspace: s.workspace ? { ...s.workspace, layers: [...s.workspace.layers, layer] } : s.workspace,
      layerOrder: [layer.id, ...s.layerOrder],
      layerVisible: { ...s.layerVisible, [layer.id]: true },
      layerOpacity: { ...s.layerOpacity, [layer.id]: 1 },
      importError: null,
      zoomRequest: options.zoom && layer.bboxLonLat ? { bbox: layer.bboxLonLat } : s.zoomRequest,
    })),
  imageryAdded: (imagery, options = { zoom: true }) =>
    set((s) => ({
      workspace: s.workspace ? { ...s.workspace, imagery: [...s.workspace.imagery, imagery] } : s.workspace,
      imageryVisible: { ...s.imageryVisible, [imagery.id]: true },
      importError: null,
      zoomRequest: !options.zoom ? s.zoomRequest : {
        bbox: cornersBbox(imagery.cornersLonLat),
      },
    })),
  setImageryDate: (id, date) =>
    set((s) => ({ workspace: s.workspace ? { ...s.workspace, imagery: s.workspace.imagery.map((img) => (img.id === id ? { ...img, date } : img)) } : s.workspace })),
  swipe: null,
  setSwipe: (swipe) => set({ swipe }),
  layerRemoved: (id) =>
    set((s) => ({
      workspace: s.workspace ? { ...s.workspace, layers: s.workspace.layers.filter((l) => l.id !== id) } : s.workspace,
      layerOrder: s.layerOrder.filter((x) => x !== id),
      identified: s.identified ? { ...s.identified, features: s.identified.features.filter((f) => f.layerId !== id) } : null,
    })),
  moveLayer: (id, delta) =>
    set((s) => {
      const order = [...s.layerOrder];
      const i = order.indexOf(id);
      const j = i + delta;
      if (i < 0 || j < 0 || j >= order.length) return {};
      [order[i], order[j]] = [order[j]!, order[i]!];
      return { layerOrder: order };
    }),
  setOpacity: (id, opacity) => set((s) => ({ layerOpacity: { ...s.layerOpacity, [id]: opacity } })),
  setIdentified: (identified) => set({ identified }),
  setMarker: (marker) => set({ marker }),
  setImportError: (message) => set({ importError: message }),
}));

keepPanelState(useAppStore, localStorage);
