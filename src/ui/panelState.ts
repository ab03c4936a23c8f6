// The layer panel's state (order, visibility, opacity) kept with the workspace: saved in the browser's
// storage under the workspace's manifest name, restored when the same workspace opens again. The saved
// JSON carries a schema version; every version ever written stays readable (tests/fixtures/panel-state).

/** What the panel shows: layer ids top of the map first, and each layer's visibility and opacity (0–1). */
export interface PanelState {
  layerOrder: string[];
  layerVisible: Record<string, boolean>;
  layerOpacity: Record<string, number>;
}

/** The version this code writes. */
export const PANEL_STATE_VERSION = 1;

/** Version 1: `{ schemaVersion: 1, layers: [{ id, visible, opacity }] }`, top of the map first. */
interface SavedV1 {
  schemaVersion: 1;
  layers: { id: string; visible: boolean; opacity: number }[];
}

/** One layer as the saved state remembers it; missing or unusable values fall back to the defaults. */
interface Remembered {
  id: string;
  visible?: boolean;
  opacity?: number;
}

export const panelStateKey = (manifestName: string): string => `landcheck.panel.${manifestName}`;

/** A workspace opened for the first time: the manifest's order and visibility, fully opaque. */
export function defaultPanelState(layers: readonly { id: string; visible: boolean }[]): PanelState {
  return {
    layerOrder: layers.map((l) => l.id),
    layerVisible: Object.fromEntries(layers.map((l) => [l.id, l.visible])),
    layerOpacity: Object.fromEntries(layers.map((l) => [l.id, 1])),
  };
}

/** The remembered layers of any version ever written, or null when the text is not a state this code knows. */
function readSaved(text: string): Remembered[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { schemaVersion, layers } = raw as { schemaVersion?: unknown; layers?: unknown };
  // Version 1 is the only one so far; a later version adds its reader here and keeps this one.
  if (schemaVersion !== 1 || !Array.isArray(layers)) return null;
  return layers.flatMap((entry: unknown): Remembered[] => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { id, visible, opacity } = entry as Record<string, unknown>;
    if (typeof id !== 'string') return [];
    const remembered: Remembered = { id };
    if (typeof visible === 'boolean') remembered.visible = visible;
    if (typeof opacity === 'number' && opacity >= 0 && opacity <= 1) remembered.opacity = opacity;
    return [remembered];
  });
}

/**
 * The panel state for a workspace's layers: the saved one where it names layers that still exist, the
 * defaults for the rest. A layer the saved state does not know keeps its place after the manifest layer
 * before it (or goes on top when none is above it).
 */
export function mergePanelState(defaults: PanelState, savedText: string | null): PanelState {
  const saved = savedText === null ? null : readSaved(savedText);
  if (!saved) return defaults;
  const known = new Set(defaults.layerOrder);
  const kept = saved.filter((r, i) => known.has(r.id) && saved.findIndex((s) => s.id === r.id) === i);
  const order = kept.map((r) => r.id);
  defaults.layerOrder.forEach((id, index) => {
    if (order.includes(id)) return;
    const above = defaults.layerOrder.slice(0, index).reverse().find((other) => order.includes(other));
    order.splice(above === undefined ? 0 : order.indexOf(above) + 1, 0, id);
  });
  const byId = new Map(kept.map((r) => [r.id, r]));
  return {
    layerOrder: order,
    layerVisible: Object.fromEntries(order.map((id) => [id, byId.get(id)?.visible ?? defaults.layerVisible[id] ?? true])),
    layerOpacity: Object.fromEntries(order.map((id) => [id, byId.get(id)?.opacity ?? defaults.layerOpacity[id] ?? 1])),
  };
}

/** The JSON this version writes. */
export function serialisePanelState(state: PanelState): string {
  const saved: SavedV1 = {
    schemaVersion: PANEL_STATE_VERSION,
    layers: state.layerOrder.map((id) => ({ id, visible: state.layerVisible[id] ?? true, opacity: state.layerOpacity[id] ?? 1 })),
  };
  return JSON.stringify(saved);
}

/** The saved panel state of a workspace merged over its defaults; storage that cannot be read gives the defaults. */
export function restorePanelState(storage: Pick<Storage, 'getItem'>, manifestName: string, layers: readonly { id: string; visible: boolean }[]): PanelState {
  const defaults = defaultPanelState(layers);
  try {
    return mergePanelState(defaults, storage.getItem(panelStateKey(manifestName)));
  } catch {
    return defaults;
  }
}

export function savePanelState(storage: Pick<Storage, 'setItem'>, manifestName: string, state: PanelState): void {
  try {
    storage.setItem(panelStateKey(manifestName), serialisePanelState(state));
  } catch {
    // A full or disabled storage only costs the remembered panel, not the session.
  }
}

interface PanelHost extends PanelState {
  workspace: { manifest: { name: string } } | null;
}

/** Saves the panel state whenever it changes while a workspace is open. */
export function keepPanelState<S extends PanelHost>(
  store: { subscribe: (listener: (state: S, previous: S) => void) => unknown },
  storage: Pick<Storage, 'setItem'>,
): void {
  store.subscribe((state, previous) => {
    if (!state.workspace) return;
    if (state.layerOrder === previous.layerOrder && state.layerVisible === previous.layerVisible && state.layerOpacity === previous.layerOpacity) return;
    savePanelState(storage, state.workspace.manifest.name, state);
  });
}
