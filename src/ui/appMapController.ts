import type { i18n as I18n } from 'i18next';
import { MapController } from '../map/MapController';
import type { CameraState } from '../map/MapController';
import { useAppStore } from './store';
import { getWorker } from './worker';

// A map controller wired to the page: the store's base map and selection, identify and large-layer
// views through the worker, maplibre's tooltips in the UI language. The main map and the right-hand map
// of a side-by-side compare are both made here, so they answer a click the same way.

/** maplibre's own control tooltips, in the UI language. */
const MAP_UI_STRINGS = [
  'NavigationControl.ZoomIn', 'NavigationControl.ZoomOut', 'NavigationControl.ResetBearing',
  'AttributionControl.ToggleAttribution', 'AttributionControl.MapFeedback', 'ScaleControl.Meters', 'ScaleControl.Kilometers',
] as const;

export function appMapController(container: HTMLElement, camera: CameraState | null, i18n: I18n): MapController {
  const { selectCase, setBaseMapError, baseMap } = useAppStore.getState();
  return new MapController(container, {
    baseMap,
    locale: Object.fromEntries(MAP_UI_STRINGS.map((key) => [key, i18n.t(`mapControls.${key}`)])),
    camera,
    onCaseClick: (id) => selectCase(id),
    onBaseMapError: (message) => setBaseMapError(message),
    onMapClick: (lonLat) => {
      const { layerVisible, setIdentified } = useAppStore.getState();
      const visible = Object.entries(layerVisible).filter(([, on]) => on).map(([id]) => id);
      void getWorker().identify(lonLat, visible).then((features) => setIdentified({ lonLat, features }));
    },
    onPointerMove: (lonLat) => useAppStore.getState().setPointer(lonLat),
    requestLayerView: (layerId, bbox, widthPx, heightPx) => getWorker().layerView(layerId, bbox, widthPx, heightPx),
  });
}
