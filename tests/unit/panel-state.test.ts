import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { defaultPanelState, keepPanelState, mergePanelState, panelStateKey, restorePanelState, serialisePanelState } from '../../src/ui/panelState';
import type { PanelState } from '../../src/ui/panelState';
import { ROOT } from '../support/paths';

// The sample county's layers, in manifest order (data/sample/sample.landcheck.json).
const SAMPLE = [
  { id: 'patches', visible: true }, { id: 'approved', visible: true }, { id: 'approved-txt', visible: false }, { id: 'real-estate', visible: true },
  { id: 'basic-farmland', visible: true }, { id: 'eco-redline', visible: true }, { id: 'urban-boundary', visible: true }, { id: 'land-use', visible: true },
];
const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures/panel-state', name), 'utf8');

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('layer panel state kept with the workspace', () => {
  it('a workspace seen for the first time shows the manifest order and visibility, fully opaque', () => {
    const state = restorePanelState(new MemoryStorage(), 'Sample', SAMPLE);
    expect(state.layerOrder).toEqual(SAMPLE.map((l) => l.id));
    expect(state.layerVisible['approved-txt']).toBe(false);
    expect(Object.values(state.layerOpacity)).toEqual(Array(8).fill(1));
  });

  it('reads every version ever written: v1 as saved for the sample county, dropping a layer that is gone', () => {
    const state = mergePanelState(defaultPanelState(SAMPLE), fixture('v1.json'));
    expect(state.layerOrder).toEqual(['land-use', 'patches', 'approved', 'approved-txt', 'real-estate', 'basic-farmland', 'eco-redline', 'urban-boundary']);
    expect(state.layerVisible).toMatchObject({ approved: false, 'approved-txt': true, 'basic-farmland': false, patches: true });
    expect(state.layerOpacity).toMatchObject({ 'land-use': 0.35, 'approved-txt': 0.8, patches: 1 });
    expect(state.layerVisible).not.toHaveProperty('old-imported-layer');
    expect(state.layerOpacity).not.toHaveProperty('old-imported-layer');
  });

  it('a layer the saved state does not know keeps its defaults and goes below the manifest layer above it', () => {
    const saved = JSON.stringify({ schemaVersion: 1, layers: [{ id: 'real-estate', visible: false, opacity: 0.5 }, { id: 'patches', visible: true, opacity: 1 }] });
    const state = mergePanelState(defaultPanelState(SAMPLE.slice(0, 4)), saved);
    // approved and approved-txt follow patches in the manifest; nothing saved is above patches there.
    expect(state.layerOrder).toEqual(['real-estate', 'patches', 'approved', 'approved-txt']);
    expect(state.layerVisible).toEqual({ 'real-estate': false, patches: true, approved: true, 'approved-txt': false });
    expect(state.layerOpacity).toEqual({ 'real-estate': 0.5, patches: 1, approved: 1, 'approved-txt': 1 });
    // A new first layer of the manifest goes on top.
    const topNew = mergePanelState(defaultPanelState([{ id: 'new', visible: true }, ...SAMPLE.slice(0, 2)]), JSON.stringify({ schemaVersion: 1, layers: [{ id: 'approved', visible: true, opacity: 1 }, { id: 'patches', visible: true, opacity: 1 }] }));
    expect(topNew.layerOrder).toEqual(['new', 'approved', 'patches']);
  });

  it('unusable values fall back to the defaults, duplicate ids count once, and unreadable or unknown versions are ignored', () => {
    const defaults = defaultPanelState(SAMPLE.slice(0, 3));
    const odd = JSON.stringify({ schemaVersion: 1, layers: [{ id: 'approved', visible: 'no', opacity: 7 }, { id: 'approved', visible: false, opacity: 0 }, 5, null, { visible: true }, { id: 'approved-txt' }] });
    const state = mergePanelState(defaults, odd);
    expect(state.layerOrder).toEqual(['patches', 'approved', 'approved-txt']); // patches, not saved, is first in the manifest
    expect(state.layerVisible).toEqual({ approved: true, 'approved-txt': false, patches: true });
    expect(state.layerOpacity).toEqual({ approved: 1, 'approved-txt': 1, patches: 1 });
    for (const text of ['{', 'null', '[]', '{"layers":[]}', JSON.stringify({ schemaVersion: 99, layers: [{ id: 'approved', visible: false, opacity: 0 }] })]) {
      expect(mergePanelState(defaults, text)).toEqual(defaults);
    }
    const broken = { getItem: () => { throw new Error('storage disabled'); } };
    expect(restorePanelState(broken, 'Sample', SAMPLE.slice(0, 3))).toEqual(defaults);
  });

  it('what is written reads back the same, under the manifest name, with its schema version', () => {
    const state: PanelState = { layerOrder: ['b', 'a'], layerVisible: { a: false, b: true }, layerOpacity: { a: 0.25, b: 1 } };
    const text = serialisePanelState(state);
    expect(JSON.parse(text)).toEqual({ schemaVersion: 1, layers: [{ id: 'b', visible: true, opacity: 1 }, { id: 'a', visible: false, opacity: 0.25 }] });
    expect(mergePanelState(defaultPanelState([{ id: 'a', visible: true }, { id: 'b', visible: true }]), text)).toEqual(state);
    expect(panelStateKey('样例县')).toBe('landcheck.panel.样例县');
  });

  it('the store saves the panel whenever order, visibility or opacity change while a workspace is open', () => {
    const storage = new MemoryStorage();
    const store = createStore<PanelState & { workspace: { manifest: { name: string } } | null; other: number }>(() => ({ ...defaultPanelState(SAMPLE.slice(0, 2)), workspace: null, other: 0 }));
    keepPanelState(store, storage);
    store.setState({ layerOpacity: { patches: 0.5, approved: 1 } });
    expect(storage.items.size).toBe(0); // no workspace yet
    store.setState({ workspace: { manifest: { name: 'Sample' } } });
    store.setState({ other: 1 });
    expect(storage.items.size).toBe(0); // nothing of the panel changed
    store.setState({ layerOrder: ['approved', 'patches'], layerVisible: { patches: false, approved: true } });
    expect(restorePanelState(storage, 'Sample', SAMPLE.slice(0, 2))).toEqual({
      layerOrder: ['approved', 'patches'], layerVisible: { approved: true, patches: false }, layerOpacity: { approved: 1, patches: 0.5 },
    });
    // Another workspace keeps its own state.
    expect(restorePanelState(storage, 'Other', SAMPLE.slice(0, 2))).toEqual(defaultPanelState(SAMPLE.slice(0, 2)));
  });
});
