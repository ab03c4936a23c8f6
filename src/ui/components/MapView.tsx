import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapController } from '../../map/MapController';
import type { CameraState } from '../../map/MapController';
import { imageryLayers, shownImagery, useImageryPictures, useImageryStore } from '../imageryStore';
import { appMapController } from '../appMapController';
import { currentVerifier } from '../pageHook';
import { factsOutlineLonLat } from '../../core';
import { useCaseStore } from '../cases/caseStore';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import { mapLayers, workspaceBbox } from '../workspaceView';
import { usePatchOutline, useShownLayers } from '../patches/patchStore';

/** The case desk's width (caseDesk.css). */
const CASE_DESK_WIDTH_PX = 440;

export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const camera = useRef<CameraState | null>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const workspace = useAppStore((s) => s.workspace);
  const layerVisible = useAppStore((s) => s.layerVisible);
  const imageryVisible = useAppStore((s) => s.imageryVisible);
  const selectedCaseId = useAppStore((s) => s.selectedCaseId);
  const baseMap = useAppStore((s) => s.baseMap);
  const layerOrder = useAppStore((s) => s.layerOrder);
  const layerOpacity = useAppStore((s) => s.layerOpacity);
  const identified = useAppStore((s) => s.identified);
  const marker = useAppStore((s) => s.marker);
  const swipe = useAppStore((s) => s.swipe);
  const pictures = useImageryStore((s) => s.pictures);
  const caseFiles = useCaseStore((s) => s.files);
  const densityShown = useCaseStore((s) => s.densityShown);
  // The open case's verified zone and overlap pieces, outlined on the map.
  const areaCrs = useCaseStore((s) => s.ledgerSettings?.areaCrs);
  const openFacts = useCaseStore((s) => s.files.find((f) => f.record.id === selectedCaseId)?.lastVerification ?? null);
  const caseOutline = useMemo(() => (openFacts && areaCrs ? factsOutlineLonLat(openFacts, areaCrs) : []), [openFacts, areaCrs]);
  const sideBySide = useImageryStore((s) => s.sideBySide);
  const patchOutline = usePatchOutline();
  const shownLayers = useShownLayers(layerVisible);
  // Case pins are the officer's; the patch reviewer's map shows the patches.
  const reviewing = useCaseStore((s) => s.view === 'patches');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- recomputed when what decides it changes
  const shown = useMemo(() => shownImagery('main'), [workspace, imageryVisible, swipe, sideBySide]);
  useImageryPictures(controller, shown);
  const language = i18n.language;

  // maplibre takes its UI strings at construction, so a language change rebuilds the map where it was.
  useEffect(() => {
    const map = appMapController(container.current!, camera.current, i18n);
    window.__landcheck = { ready: false, casesReady: window.__landcheck?.casesReady, project: (lon, lat) => map.project([lon, lat]), unproject: (x, y) => map.unproject(x, y), idle: () => map.whenIdle(), verify: currentVerifier(), workerTimings: () => getWorker().timings() };
    setController(map);
    useImageryStore.getState().setMainMap(map);
    return () => {
      useImageryStore.getState().setMainMap(null);
      camera.current = map.camera();
      map.destroy();
    };
  }, [language, i18n]);

  useEffect(() => {
    controller?.setBaseMap(baseMap);
  }, [controller, baseMap]);

  // Fit to the data once, when the workspace arrives; a rebuilt map keeps its camera.
  const fitted = useRef(false);
  useEffect(() => {
    if (!controller || !workspace || camera.current || fitted.current) return;
    fitted.current = true;
    const bbox = workspaceBbox(workspace);
    if (bbox) controller.fitBounds(bbox);
  }, [controller, workspace]);

  const drawMode = useAppStore((s) => s.drawMode);
  useEffect(() => {
    if (!controller) return;
    if (drawMode) controller.startDrawing(drawMode, (geometry) => useAppStore.getState().setDrawn(geometry));
    else controller.stopDrawing();
  }, [controller, drawMode]);

  const zoomRequest = useAppStore((s) => s.zoomRequest);
  useEffect(() => {
    if (controller && zoomRequest) controller.fitBounds(zoomRequest.bbox, true);
  }, [controller, zoomRequest]);

  useEffect(() => {
    if (!controller || !workspace) return;
    controller.setData({
      layers: mapLayers(workspace, shownLayers, layerOrder, layerOpacity),
      imagery: imageryLayers(workspace.imagery, shown, pictures),
      cases: reviewing ? [] : caseFiles.map(({ record: c }) => ({ id: c.id, position: c.geometry.type === 'Point' ? c.geometry.coordinates : (c.geometry.coordinates.flat(2).slice(0, 2) as [number, number]) })),
      selectedCaseId,
      highlight: [...(identified?.features.flatMap((f) => f.lonLat) ?? []), ...caseOutline, ...patchOutline],
      marker: marker?.lonLat ?? null,
      swipe: sideBySide ? null : swipe,
      density: densityShown ? caseFiles.map(({ record: c }) => (c.geometry.type === 'Point' ? c.geometry.coordinates : c.geometry.coordinates.flat(2)).slice(0, 2) as [number, number]) : null,
    });
    void controller.whenIdle().then(() => {
      if (window.__landcheck) window.__landcheck.ready = true;
    });
  }, [controller, workspace, reviewing, caseFiles, caseOutline, patchOutline, densityShown, shownLayers, shown, pictures, sideBySide, selectedCaseId, layerOrder, layerOpacity, identified, marker, swipe]);

  useEffect(() => {
    if (controller && marker) controller.flyTo(marker.lonLat);
  }, [controller, marker]);

  useEffect(() => {
    const chosen = useCaseStore.getState().files.find((f) => f.record.id === selectedCaseId)?.record;
    if (!controller || !chosen) return;
    const g = chosen.geometry;
    // The case desk covers the right of the map: the case is centred in the part still seen.
    controller.flyTo(g.type === 'Point' ? g.coordinates : g.type === 'LineString' ? g.coordinates[0]! : g.coordinates[0]![0]!, 16, CASE_DESK_WIDTH_PX);
  }, [controller, selectedCaseId]);

  return <div ref={container} className="map" role="region" aria-label={t('map.label')} id="map" tabIndex={-1} />;
}
