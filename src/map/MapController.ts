import { PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { PictureLayer } from './pictureLayer';
import { complaintDensityLayer } from './densityLayer';
import { ClipExtension } from '@deck.gl/extensions';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Layer } from '@deck.gl/core';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { Geometry, Position } from '../core';
import { registerBaseMapProtocols, replaceBaseMap, resolveBaseMapStyle } from './baseMapSources';
import { OFFLINE_BACKGROUND, baseMapStyle } from './baseMaps';
import type { BaseMapSettings } from './baseMaps';
import { CASE_PIN } from './palette';
import { adaptResolutionWhileMoving } from './adaptiveResolution';
import { LargeLayerViews } from './largeLayerViews';
import type { RequestLayerView } from './largeLayerViews';
import { vectorLayers } from './vectorLayers';
import type { VectorLayerView } from './vectorLayers';

// The one owner of the map: maplibre draws the base map, deck.gl draws the data over it. React
// hands it plain data through setData(); nothing here knows about React.

// Under a Vite build maplibre cannot find its worker next to its own module; point it at the asset.
setWorkerUrl(maplibreWorkerUrl);
registerBaseMapProtocols();

export type MapVectorLayer = VectorLayerView;

export interface MapImageryLayer {
  id: string;
  visible: boolean;
  image: ImageBitmap;
  /** bottom-left, top-left, top-right, bottom-right in lon/lat */
  corners: [Position, Position, Position, Position];
}

export interface MapCasePin {
  id: string;
  position: Position;
}

export interface MapData {
  /** Bottom first. */
  layers: MapVectorLayer[];
  imagery: MapImageryLayer[];
  cases: MapCasePin[];
  selectedCaseId: string | null;
  /** Outlines to highlight (identify), lon/lat polygons. */
  highlight: Position[][][];
  /** The place the locate box found. */
  marker: Position | null;
  /** Swipe compare: `leftId` shows only left of the bar at `position` (0–1 of the width), over `rightId`. */
  swipe: { leftId: string; rightId: string; position: number } | null;
  /** Case locations to aggregate into a complaint-density layer, or null when it is off. */
  density?: [number, number][] | null;
}

export interface CameraState {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface MapControllerOptions {
  baseMap: BaseMapSettings;
  /** maplibre UI strings (control tooltips) in the UI language. */
  locale: Record<string, string>;
  /** Where to open; the sample county's centre when absent. */
  camera: CameraState | null;
  /** A case pin was clicked (`lonLat`: where exactly). */
  onCaseClick: (caseId: string, lonLat: Position) => void;
  /** A click on the map that is not on a case pin, at lon/lat. */
  onMapClick: (lonLat: Position) => void;
  /** The pointer moved to lon/lat (null when it left the map). */
  onPointerMove: (lonLat: Position | null) => void;
  /** Called when the base map cannot load (e.g. no network, wrong key), with the message. */
  onBaseMapError: (message: string) => void;
  /** Asks the worker what to draw of a large layer over a lon/lat box (vectors or a picture). */
  requestLayerView: RequestLayerView;
}

export type DrawMode = 'point' | 'linestring' | 'polygon';

/** How near a click must be to a case pin, in screen pixels, to pick it (its radius and a little). */
const CASE_PIN_HIT_PX = 10;

export class MapController {
  private draw: TerraDraw | null = null;
  private readonly map: MapLibreMap;
  private readonly overlay: MapLibreOverlay;
  private data: MapData = { layers: [], imagery: [], cases: [], selectedCaseId: null, highlight: [], marker: null, swipe: null };
  private baseMap: BaseMapSettings;

  constructor(container: HTMLElement, private readonly options: MapControllerOptions) {
    this.baseMap = options.baseMap;
    // The base maps have no background layer; this colour shows through the canvas where nothing is drawn.
    container.style.backgroundColor = OFFLINE_BACKGROUND;
    this.map = new MapLibreMap({
      container,
      style: baseMapStyle(options.baseMap),
      center: options.camera?.center ?? [114.9, 30.45],
      zoom: options.camera?.zoom ?? 12,
      bearing: options.camera?.bearing ?? 0,
      pitch: options.camera?.pitch ?? 0,
      locale: options.locale,
      attributionControl: { compact: true },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    this.map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.on('error', (event) => {
      if (this.baseMap.kind !== 'offline') this.options.onBaseMapError(event.error?.message ?? String(event));
    });
    // Interleaved: deck.gl draws inside maplibre's layer stack, so terra-draw's drawing layers, added later, show on top.
    // No deck.gl layer is pickable: deck's picking reads pixels back from the GPU, which waits for the
    // whole frame to be drawn — with a million parcels that froze the page on every pointer move.
    // Clicks are resolved here instead, case pins by their distance on screen.
    this.overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    this.map.on('click', (event) => this.handleClick(event.point.x, event.point.y, [event.lngLat.lng, event.lngLat.lat]));
    this.map.addControl(this.overlay);
    let frame = 0;
    this.map.on('mousemove', (event) => {
      // One readout update per frame, however fast the pointer moves.
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.options.onPointerMove([event.lngLat.lng, event.lngLat.lat]));
    });
    this.map.getCanvasContainer().addEventListener('mouseleave', () => this.options.onPointerMove(null));
    // The swipe bar stays put on screen while the map moves: its clip follows the view.
    this.map.on('move', () => {
      if (this.data.swipe) this.overlay.setProps({ layers: this.buildLayers() });
    });
    this.largeViews = new LargeLayerViews(options.requestLayerView, () => this.overlay.setProps({ layers: this.buildLayers() }));
    this.map.on('moveend', () => this.refreshLargeViews());
    this.stopAdapting = adaptResolutionWhileMoving(this.map);
  }

  private readonly largeViews: LargeLayerViews;
  private readonly stopAdapting: () => void;

  /** Asks for the parts of large layers the view now needs. */
  private refreshLargeViews(): void {
    const b = this.map.getBounds();
    const { clientWidth, clientHeight } = this.map.getContainer();
    this.largeViews.refresh(this.data.layers, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], this.map.getZoom(), clientWidth, clientHeight);
  }

  setBaseMap(settings: BaseMapSettings): void {
    this.baseMap = settings;
    // The base map is swapped under the data and drawing layers, which stay. A PMTiles base map reads its
    // archive first; a later choice wins over a slow earlier one.
    resolveBaseMapStyle(settings).then(
      (style) => {
        if (this.baseMap === settings) replaceBaseMap(this.map, style);
      },
      (error: unknown) => {
        if (this.baseMap !== settings) return;
        replaceBaseMap(this.map, baseMapStyle({ kind: 'offline' }));
        this.options.onBaseMapError(error instanceof Error ? error.message : String(error));
      },
    );
  }

  /** Starts drawing a point, line or polygon (terra-draw); `onFinish` gets each finished shape in lon/lat. */
  startDrawing(mode: DrawMode, onFinish: (geometry: Geometry) => void): void {
    this.stopDrawing();
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [new TerraDrawPointMode(), new TerraDrawLineStringMode(), new TerraDrawPolygonMode()],
    });
    draw.start();
    draw.setMode(mode);
    draw.on('finish', (id) => {
      const feature = draw.getSnapshotFeature(id);
      if (feature) onFinish(feature.geometry as unknown as Geometry);
    });
    this.draw = draw;
  }

  stopDrawing(): void {
    if (!this.draw) return;
    this.draw.stop();
    this.draw = null;
  }

  get drawing(): boolean {
    return this.draw !== null;
  }

  setData(data: MapData): void {
    this.data = data;
    this.largeViews.forget(new Set(data.layers.filter((l) => l.large).map((l) => l.id)));
    this.refreshLargeViews();
    this.overlay.setProps({ layers: this.buildLayers() });
  }

  /** Shows a lon/lat box; `coveredRightPx`: a panel covers that much of the map's right side, so the box fits in what is left. */
  fitBounds(bbox: [number, number, number, number], animate = false, coveredRightPx = 0): void {
    const here = this.map.getCenter();
    const near = Math.hypot(here.lng - (bbox[0] + bbox[2]) / 2, here.lat - (bbox[1] + bbox[3]) / 2) < 0.2;
    const padding = { top: 40, bottom: 40, left: 40, right: 40 + coveredRightPx };
    this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding, animate: animate && near, maxZoom: 18 });
  }

  /** Moves to a place: animated when it is near, a jump when it is far (an animation across a province helps no one). */
  /** Flies to a place; `coveredRightPx`: a panel covers that much of the map's right side, so the place is centred in what is left. */
  flyTo(position: Position, zoom = 16, coveredRightPx = 0): void {
    const here = this.map.getCenter();
    const farDegrees = Math.hypot(here.lng - position[0], here.lat - position[1]) > 0.2;
    const offset: [number, number] = [-coveredRightPx / 2, 0];
    if (farDegrees) this.map.jumpTo({ center: [position[0], position[1]], zoom });
    if (farDegrees && coveredRightPx) this.map.panBy([coveredRightPx / 2, 0], { animate: false });
    if (!farDegrees) this.map.flyTo({ center: [position[0], position[1]], zoom, speed: 1.6, offset });
  }

  camera(): CameraState {
    const c = this.map.getCenter();
    return { center: [c.lng, c.lat], zoom: this.map.getZoom(), bearing: this.map.getBearing(), pitch: this.map.getPitch() };
  }

  /** Screen pixel of a lon/lat, relative to the map container (for tests and overlays). */
  project(position: Position): { x: number; y: number } {
    const p = this.map.project([position[0], position[1]]);
    return { x: p.x, y: p.y };
  }

  unproject(x: number, y: number): [number, number] {
    const p = this.map.unproject([x, y]);
    return [p.lng, p.lat];
  }

  /** Resolves when the map has finished loading and rendering. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving()) resolve();
      else this.map.once('idle', () => resolve());
    });
  }

  /** What is on screen, for imagery reads: the lon/lat bounds of the container's corners and its size in pixels. */
  view(): { boundsLonLat: [number, number, number, number]; widthPx: number; heightPx: number } {
    const { clientWidth: w, clientHeight: h } = this.map.getContainer();
    const corners = [[0, 0], [w, 0], [w, h], [0, h]].map(([x, y]) => this.map.unproject([x!, y!]));
    const lons = corners.map((c) => c.lng), lats = corners.map((c) => c.lat);
    return { boundsLonLat: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], widthPx: w, heightPx: h };
  }

  /** Listens to camera changes: every frame of a move ('move') or its end ('moveend'). Returns the unsubscribe. */
  onCamera(event: 'move' | 'moveend', listener: () => void): () => void {
    this.map.on(event, listener);
    return () => void this.map.off(event, listener);
  }

  /** Puts the camera exactly there, without animation (a synchronised view follows another this way). */
  jumpTo(camera: CameraState): void {
    this.map.jumpTo({ center: camera.center, zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch });
  }

  destroy(): void {
    this.stopAdapting();
    this.stopDrawing();
    this.overlay.finalize();
    this.map.remove();
  }

  private handleClick(x: number, y: number, lonLat: Position): void {
    if (this.drawing) return; // clicks place vertices while drawing
    let nearest: MapCasePin | null = null;
    let nearestPx = CASE_PIN_HIT_PX;
    for (const pin of this.data.cases) {
      const p = this.map.project([pin.position[0], pin.position[1]]);
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= nearestPx) [nearest, nearestPx] = [pin, d];
    }
    if (nearest) this.options.onCaseClick(nearest.id, lonLat);
    else this.options.onMapClick(lonLat);
  }

  /** The map's container, for drag-and-drop and overlays. */
  container(): HTMLElement {
    return this.map.getContainer();
  }

  private buildLayers(): Layer[] {
    const swipe = this.data.swipe;
    let clipBounds: [number, number, number, number] | null = null;
    if (swipe) {
      const { clientWidth: w, clientHeight: h } = this.map.getContainer();
      const edge = this.map.unproject([w * swipe.position, h / 2]).lng;
      clipBounds = [-180, -85, edge, 85];
    }
    // Under a swipe the right image lies below and the left one, clipped at the bar, above it.
    const ordered = swipe ? [...this.data.imagery].sort((a, b) => (a.id === swipe.leftId ? 1 : 0) - (b.id === swipe.leftId ? 1 : 0)) : this.data.imagery;
    const imagery = ordered.map((img) => {
      const inSwipe = swipe && (img.id === swipe.leftId || img.id === swipe.rightId);
      const clipped = swipe && img.id === swipe.leftId;
      return new PictureLayer({
        id: `imagery-${img.id}`,
        image: img.image,
        bounds: img.corners as never,
        visible: swipe ? Boolean(inSwipe) : img.visible,
        opacity: 1,
        ...(clipped ? { extensions: [new ClipExtension()], clipBounds: clipBounds! } : {}),
      });
    });
    const vectors = this.data.layers.flatMap((layer) => (layer.large ? this.largeViews.layersOf(layer) : vectorLayers(layer)));
    const highlight = new PolygonLayer<Position[][]>({
      id: 'highlight',
      data: this.data.highlight,
      getPolygon: (rings) => rings as never,
      filled: true,
      getFillColor: [0, 200, 255, 50],
      getLineColor: [0, 170, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    });
    const marker = new ScatterplotLayer<Position>({
      id: 'marker',
      data: this.data.marker ? [this.data.marker] : [],
      getPosition: (p) => [p[0], p[1]],
      radiusUnits: 'pixels',
      getRadius: 10,
      getFillColor: [255, 60, 0, 200],
      getLineColor: [255, 255, 255, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      stroked: true,
    });
    const selected = this.data.selectedCaseId;
    const cases = new ScatterplotLayer<MapCasePin>({
      id: 'cases',
      data: this.data.cases,
      getPosition: (c) => [c.position[0], c.position[1]],
      getRadius: (c) => (c.id === selected ? 9 : 6),
      radiusUnits: 'pixels',
      getFillColor: (c) => (c.id === selected ? CASE_PIN.selected : CASE_PIN.fill),
      getLineColor: CASE_PIN.outline,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      stroked: true,
      updateTriggers: { getRadius: selected, getFillColor: selected },
    });
    const density = this.data.density ? [complaintDensityLayer(this.data.density)] : [];
    return [...imagery, ...vectors, ...density, highlight, cases, marker];
  }
}
