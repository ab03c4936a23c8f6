import { PictureLayer } from './pictureLayer';
import type { Layer } from '@deck.gl/core';
import type { LayerView } from '../workers/layerViews';
import { vectorLayers } from './vectorLayers';
import type { VectorLayerView } from './vectorLayers';

// The page's side of large layers: which part of each is on hand, when to ask the worker for a new
// part (the view left the part, or the zoom changed enough to need another level of detail), and how
// to draw what came back. Answers that arrive after a newer question are dropped.

export type BBox = [number, number, number, number];
export type RequestLayerView = (layerId: string, bbox: BBox, widthPx: number, heightPx: number) => Promise<LayerView | null>;

/** A view is asked for this much wider than the screen on each side, so a pan shows data before the next answer. */
const MARGIN = 0.5;
/** A new level of detail is asked for when the zoom moved by more than this. */
const ZOOM_STEP = 0.6;

interface Held {
  view: LayerView;
  zoom: number;
}

const contains = (outer: BBox, inner: BBox) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

export class LargeLayerViews {
  private held = new Map<string, Held>();
  private asked = new Map<string, number>();
  private question = 0;

  constructor(private readonly request: RequestLayerView, private readonly redraw: () => void) {}

  /** Asks for new parts of the visible large layers that the current view needs. */
  refresh(layers: VectorLayerView[], screen: BBox, zoom: number, widthPx: number, heightPx: number): void {
    for (const layer of layers) {
      if (!layer.large || !layer.visible) continue;
      const held = this.held.get(layer.id);
      if (held && contains(held.view.bbox, screen) && Math.abs(held.zoom - zoom) <= ZOOM_STEP) continue;
      const dx = (screen[2] - screen[0]) * MARGIN, dy = (screen[3] - screen[1]) * MARGIN;
      const wanted: BBox = [screen[0] - dx, screen[1] - dy, screen[2] + dx, screen[3] + dy];
      const question = ++this.question;
      this.asked.set(layer.id, question);
      const scale = 1 + 2 * MARGIN;
      void this.request(layer.id, wanted, Math.round(widthPx * scale), Math.round(heightPx * scale)).then((view) => {
        if (!view || this.asked.get(layer.id) !== question) return;
        this.held.set(layer.id, { view, zoom });
        this.redraw();
      });
    }
  }

  /** deck.gl layers for a large layer: what was last received for it, or nothing yet. */
  layersOf(layer: VectorLayerView): Layer[] {
    const held = this.held.get(layer.id);
    if (!held) return [];
    const { view } = held;
    if (view.kind === 'vector') return vectorLayers({ ...layer, geometry: view.geometry });
    return [
      new PictureLayer({
        id: `layer-${layer.id}-picture`,
        image: view.image,
        bounds: view.bbox,
        visible: layer.visible,
        opacity: layer.opacity,
      }),
    ];
  }

  forget(keep: Set<string>): void {
    for (const id of [...this.held.keys()]) if (!keep.has(id)) this.held.delete(id);
  }
}
