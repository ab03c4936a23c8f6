import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapController } from '../../map/MapController';
import { appMapController } from '../appMapController';
import { imageryLayers, useImageryPictures, useImageryStore } from '../imageryStore';
import { useAppStore } from '../store';
import { mapLayers } from '../workspaceView';
import { usePatchOutline, useShownLayers } from '../patches/patchStore';

// Side-by-side compare: a second map right of the main one, showing the right image under the same
// vector layers, its camera and the main map's kept together both ways.

/** Keeps two maps' cameras together: a move of either puts the other where it is, without echoing back. */
function syncCameras(a: MapController, b: MapController): () => void {
  let following = false;
  const follow = (from: MapController, to: MapController) => () => {
    // jumpTo fires the follower's own 'move' at once; the flag keeps that from moving the leader back.
    if (following) return;
    following = true;
    try {
      to.jumpTo(from.camera());
    } finally {
      following = false;
    }
  };
  const offs = [a.onCamera('move', follow(a, b)), b.onCamera('move', follow(b, a))];
  return () => offs.forEach((off) => off());
}

function RightMap({ rightId }: { rightId: string }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const mainMap = useImageryStore((s) => s.mainMap);
  const pictures = useImageryStore((s) => s.pictures);
  const workspace = useAppStore((s) => s.workspace);
  const layerVisible = useAppStore((s) => s.layerVisible);
  const layerOrder = useAppStore((s) => s.layerOrder);
  const layerOpacity = useAppStore((s) => s.layerOpacity);
  const selectedCaseId = useAppStore((s) => s.selectedCaseId);
  const identified = useAppStore((s) => s.identified);
  const patchOutline = usePatchOutline();
  const shownLayers = useShownLayers(layerVisible);
  const marker = useAppStore((s) => s.marker);
  const baseMap = useAppStore((s) => s.baseMap);
  const language = i18n.language;

  useEffect(() => {
    if (!mainMap) return;
    const map = appMapController(container.current!, mainMap.camera(), i18n);
    const unsync = syncCameras(mainMap, map);
    if (window.__landcheck) window.__landcheck.right = { project: (lon, lat) => map.project([lon, lat]), unproject: (x, y) => map.unproject(x, y), idle: () => map.whenIdle() };
    setController(map);
    return () => {
      if (window.__landcheck) window.__landcheck.right = null;
      unsync();
      map.destroy();
      setController(null);
    };
  }, [mainMap, language, i18n]);

  useEffect(() => {
    controller?.setBaseMap(baseMap);
  }, [controller, baseMap]);

  useImageryPictures(controller, [rightId]);

  useEffect(() => {
    if (!controller || !workspace) return;
    controller.setData({
      layers: mapLayers(workspace, shownLayers, layerOrder, layerOpacity),
      imagery: imageryLayers(workspace.imagery, [rightId], pictures),
      cases: workspace.cases.map((c) => ({ id: c.id, position: c.geometry.type === 'Point' ? c.geometry.coordinates : (c.geometry.coordinates.flat(2).slice(0, 2) as [number, number]) })),
      selectedCaseId,
      highlight: [...(identified?.features.flatMap((f) => f.lonLat) ?? []), ...patchOutline],
      marker: marker?.lonLat ?? null,
      swipe: null,
    });
  }, [controller, workspace, shownLayers, layerOrder, layerOpacity, rightId, pictures, selectedCaseId, identified, patchOutline, marker]);

  return <div ref={container} className="map map-right" role="region" aria-label={t('imagery.rightMap')} id="map-right" tabIndex={-1} />;
}

/** The right-hand map while two images are compared side by side; nothing otherwise. */
export function SideBySide() {
  const sideBySide = useImageryStore((s) => s.sideBySide);
  const swipe = useAppStore((s) => s.swipe);
  const setSideBySide = useImageryStore((s) => s.setSideBySide);
  // A swipe started elsewhere (the layer panel's button) ends the side-by-side view: one compare at a time.
  useEffect(() => {
    if (swipe && useImageryStore.getState().sideBySide) setSideBySide(null);
  }, [swipe, setSideBySide]);
  if (!sideBySide) return null;
  return <RightMap rightId={sideBySide.rightId} />;
}
