import type { i18n as I18n } from 'i18next';
import { MapController } from '../map/MapController';
import type { CameraState } from '../map/MapController';
import { DEFAULT_CASE_RADIUS_M } from '../core';
import type { Position } from '../core';
import { useCaseStore } from './cases/caseStore';
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
  // The intake form waits for a place: a click anywhere, on a case pin too, is that place.
  const pickPlace = (lonLat: Position) => {
    const how = i18n.t('caseDesk.intake.how.click', { lon: lonLat[0].toFixed(6), lat: lonLat[1].toFixed(6) });
    useCaseStore.getState().setIntakeLocation({ geometry: { type: 'Point', coordinates: lonLat }, radiusM: DEFAULT_CASE_RADIUS_M, how });
  };
  return new MapController(container, {
    baseMap,
    locale: Object.fromEntries(MAP_UI_STRINGS.map((key) => [key, i18n.t(`mapControls.${key}`)])),
    camera,
    onCaseClick: (id, lonLat) => (useCaseStore.getState().pickingLocation ? pickPlace(lonLat) : selectCase(id)),
    onBaseMapError: (message) => setBaseMapError(message),
    onMapClick: (lonLat) => {
      // While the intake form waits for a place, a click is that place, not an identify.
      if (useCaseStore.getState().pickingLocation) return pickPlace(lonLat);
      const { layerVisible, setIdentified } = useAppStore.getState();
      const visible = Object.entries(layerVisible).filter(([, on]) => on).map(([id]) => id);
      void getWorker().identify(lonLat, visible).then((features) => setIdentified({ lonLat, features }));
    },
    onPointerMove: (lonLat) => useAppStore.getState().setPointer(lonLat),
    requestLayerView: (layerId, bbox, widthPx, heightPx) => getWorker().layerView(layerId, bbox, widthPx, heightPx),
  });
}
