import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MapController } from '../../map/MapController';
import '../pageHook';
import { useAppStore } from '../store';
import { mapLayers, workspaceBbox } from '../workspaceView';


export function MapView() {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<MapController | null>(null);
  const workspace = useAppStore((s) => s.workspace);
  const layerVisible = useAppStore((s) => s.layerVisible);
  const imageryVisible = useAppStore((s) => s.imageryVisible);
  const selectedCaseId = useAppStore((s) => s.selectedCaseId);
  const baseMap = useAppStore((s) => s.baseMap);

  useEffect(() => {
    const { selectCase, setBaseMapError, baseMap: initial } = useAppStore.getState();
    const map = new MapController(container.current!, {
      baseMap: initial,
      onCaseClick: (id) => selectCase(id),
      onBaseMapError: (message) => setBaseMapError(message),
    });
    controller.current = map;
    window.__landcheck = { ready: false, project: (lon, lat) => map.project([lon, lat]) };
    return () => {
      map.destroy();
      controller.current = null;
    };
  }, []);

  useEffect(() => {
    controller.current?.setBaseMap(baseMap);
  }, [baseMap]);

  // Fit to the data once, when the workspace arrives.
  useEffect(() => {
    const map = controller.current;
    if (!map || !workspace) return;
    const bbox = workspaceBbox(workspace);
    if (bbox) map.fitBounds(bbox);
  }, [workspace]);

  useEffect(() => {
    const map = controller.current;
    if (!map || !workspace) return;
    map.setData({
      layers: mapLayers(workspace, layerVisible),
      imagery: workspace.imagery.map((img) => ({ id: img.id, visible: imageryVisible[img.id] ?? false, image: img.image, corners: img.cornersLonLat })),
      cases: workspace.cases.map((c) => ({ id: c.id, position: c.geometry.type === 'Point' ? c.geometry.coordinates : c.geometry.coordinates.flat(2).slice(0, 2) as [number, number] })),
      selectedCaseId,
    });
    void map.whenIdle().then(() => {
      if (window.__landcheck) window.__landcheck.ready = true;
    });
  }, [workspace, layerVisible, imageryVisible, selectedCaseId]);

  useEffect(() => {
    const map = controller.current;
    const chosen = workspace?.cases.find((c) => c.id === selectedCaseId);
    if (map && chosen && chosen.geometry.type === 'Point') map.flyTo(chosen.geometry.coordinates);
  }, [selectedCaseId, workspace]);

  return <div ref={container} className="map" role="region" aria-label={t('map.label')} id="map" tabIndex={-1} />;
}
