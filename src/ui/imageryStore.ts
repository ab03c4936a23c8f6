import { useEffect } from 'react';
import { create } from 'zustand';
import type { Position } from '../core';
import type { MapController, MapImageryLayer } from '../map/MapController';
import type { ImageryDisplay, ImageryFacts } from '../workers/imagery';
import type { ViewImagery } from '../workers/workspaceClient';
import { useAppStore } from './store';
import { getWorker } from './worker';

// Imagery as the page shows it: each image's bands and stretch, the pictures read for the current view,
// and the side-by-side compare. The pixels are read in the worker; this keeps the newest picture of each.

export interface ImageryPictureView {
  image: ImageBitmap;
  corners: [Position, Position, Position, Position];
  level: number;
  drawn: 'corners' | 'warped';
}

export interface ImageryState {
  facts: Record<string, ImageryFacts | { error: string }>;
  /** The user's choice of bands and stretch; an image not listed shows as its facts say. */
  display: Record<string, ImageryDisplay>;
  pictures: Record<string, ImageryPictureView>;
  /** Side-by-side compare: the left map shows `leftId`, the right map `rightId`. */
  sideBySide: { leftId: string; rightId: string } | null;
  /** The page's main map, which a second map follows side by side. */
  mainMap: MapController | null;
  setFacts: (id: string, facts: ImageryFacts | { error: string }) => void;
  setDisplay: (id: string, display: ImageryDisplay) => void;
  setPicture: (id: string, picture: ImageryPictureView) => void;
  setSideBySide: (sideBySide: ImageryState['sideBySide']) => void;
  setMainMap: (map: MapController | null) => void;
}

export const useImageryStore = create<ImageryState>((set) => ({
  facts: {},
  display: {},
  pictures: {},
  sideBySide: null,
  mainMap: null,
  setFacts: (id, facts) => set((s) => ({ facts: { ...s.facts, [id]: facts } })),
  setDisplay: (id, display) => set((s) => ({ display: { ...s.display, [id]: display } })),
  setPicture: (id, picture) => set((s) => ({ pictures: { ...s.pictures, [id]: picture } })),
  setSideBySide: (sideBySide) => set({ sideBySide }),
  setMainMap: (mainMap) => set({ mainMap }),
}));

/** The images a map shows: side by side one per map, under a swipe the pair, else the visible ones. */
export function shownImagery(side: 'main' | 'right'): string[] {
  const { sideBySide } = useImageryStore.getState();
  const { swipe, imageryVisible, workspace } = useAppStore.getState();
  if (sideBySide) return [side === 'main' ? sideBySide.leftId : sideBySide.rightId];
  if (side === 'right') return [];
  if (swipe) return [swipe.leftId, swipe.rightId];
  return (workspace?.imagery ?? []).filter((img) => imageryVisible[img.id]).map((img) => img.id);
}

/** The imagery layers a map draws: each image's newest picture, or the one it was added with. */
export function imageryLayers(imagery: ViewImagery[], shown: string[], pictures: Record<string, ImageryPictureView>): MapImageryLayer[] {
  return imagery.map((img) => {
    const picture = pictures[img.id];
    return { id: img.id, visible: shown.includes(img.id), image: picture?.image ?? img.image, corners: picture?.corners ?? img.drawnCorners ?? img.cornersLonLat };
  });
}

/** Per image, the key of the last picture asked for (its view and display) and a serial number: only the newest answer is kept. */
const asked = new Map<string, { key: string; serial: number }>();
let serials = 0;

function askForPicture(controller: MapController, id: string, onlyWindowed: boolean): void {
  const { facts, display, setPicture } = useImageryStore.getState();
  const fact = facts[id];
  if (!fact || 'error' in fact) return;
  const chosen = display[id];
  // A whole image is read once, as it was added, until the user changes its bands or stretch.
  if (!fact.windowed && (onlyWindowed || !chosen)) return;
  const view = fact.windowed ? controller.view() : null;
  const key = JSON.stringify([view, chosen ?? fact.display]);
  if (asked.get(id)?.key === key) return;
  const serial = ++serials;
  asked.set(id, { key, serial });
  void getWorker().imageryPicture(id, view, chosen ?? fact.display).then((picture) => {
    if (asked.get(id)?.serial !== serial || !picture) return;
    if ('error' in picture) useAppStore.getState().setImportError(picture.error);
    else setPicture(id, { image: picture.image, corners: picture.corners, level: picture.level, drawn: picture.drawn });
  });
}

/**
 * Keeps a map's imagery pictures fresh: a new picture when the bands or stretch change, and for windowed
 * images when a move ends (debounced). The previous picture stays on the map until the new one arrives.
 */
export function useImageryPictures(controller: MapController | null, shown: string[]): void {
  const facts = useImageryStore((s) => s.facts);
  const display = useImageryStore((s) => s.display);
  const shownKey = shown.join('\n');
  useEffect(() => {
    if (!controller) return;
    if (window.__landcheck) {
      window.__landcheck.imageryPictures = () => Object.fromEntries(Object.entries(useImageryStore.getState().pictures).map(([id, p]) => [id, { level: p.level, drawn: p.drawn }]));
    }
    const ids = shownKey ? shownKey.split('\n') : [];
    for (const id of ids) askForPicture(controller, id, false);
    let timer = 0;
    const off = controller.onCamera('moveend', () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => ids.forEach((id) => askForPicture(controller, id, true)), 250);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [controller, shownKey, facts, display]);
}

const factsAsked = new Set<string>();

/** Asks the worker once for the facts of each image (bands, levels, how it is read). */
export function useImageryFacts(imagery: ViewImagery[]): void {
  const missing = imagery.filter((img) => !factsAsked.has(img.id)).map((img) => img.id).join('\n');
  useEffect(() => {
    if (!missing) return;
    for (const id of missing.split('\n')) {
      factsAsked.add(id);
      void getWorker().imageryFacts(id).then((answer) => useImageryStore.getState().setFacts(id, answer));
    }
  }, [missing]);
}
