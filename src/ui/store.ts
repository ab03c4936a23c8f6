import { create } from 'zustand';
import { loadBaseMapSettings, saveBaseMapSettings } from '../map/baseMaps';
import type { BaseMapSettings } from '../map/baseMaps';
import type { ViewWorkspace } from '../workers/workspaceClient';

// The page's state. Derived views (what the map draws) are computed from it, not stored twice.

export interface AppState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  workspace: ViewWorkspace | null;
  layerVisible: Record<string, boolean>;
  imageryVisible: Record<string, boolean>;
  selectedCaseId: string | null;
  baseMap: BaseMapSettings;
  baseMapError: string | null;
  workspaceLoaded: (workspace: ViewWorkspace) => void;
  workspaceFailed: (message: string) => void;
  toggleLayer: (id: string) => void;
  toggleImagery: (id: string) => void;
  selectCase: (id: string | null) => void;
  setBaseMap: (settings: BaseMapSettings) => void;
  setBaseMapError: (message: string | null) => void;
}

export const useAppStore = create<AppState>((set) => ({
  status: 'loading',
  error: null,
  workspace: null,
  layerVisible: {},
  imageryVisible: {},
  selectedCaseId: null,
  baseMap: loadBaseMapSettings(localStorage),
  baseMapError: null,
  workspaceLoaded: (workspace) =>
    set({
      status: 'ready',
      workspace,
      layerVisible: Object.fromEntries(workspace.layers.map((l) => [l.id, l.visible])),
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
    set({ baseMap: settings, baseMapError: null });
  },
  setBaseMapError: (message) => set({ baseMapError: message }),
}));
