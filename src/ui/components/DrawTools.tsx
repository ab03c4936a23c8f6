import { useTranslation } from 'react-i18next';
import { measureArea, measureLength, transformBetween } from '../../core';
import type { DrawMode } from '../../map/MapController';
import { polygonBoundaryTxt, writeGeoJson } from '../../io/writers';
import { downloadBytes } from '../download';
import { useAppStore } from '../store';

const MODES: DrawMode[] = ['point', 'linestring', 'polygon'];

const download = (name: string, bytes: Uint8Array, type: string) => downloadBytes(bytes, name, type);

/** Point, line and polygon drawing (terra-draw) with planar Gauss-Kruger and ellipsoidal figures, and export. */
export function DrawTools({ areaCrs }: { areaCrs: string }) {
  const { t } = useTranslation();
  const drawMode = useAppStore((s) => s.drawMode);
  const drawn = useAppStore((s) => s.drawn);
  const setDrawMode = useAppStore((s) => s.setDrawMode);
  const setDrawn = useAppStore((s) => s.setDrawn);

  const figures = (() => {
    if (!drawn) return null;
    if (drawn.type === 'Polygon') {
      const m = measureArea(drawn, areaCrs);
      const ring = drawn.coordinates[0]!;
      return {
        lines: [
          t('draw.planarArea', { crs: areaCrs, m2: m.planar.m2.toFixed(2), mu: m.planar.mu.toFixed(4), ha: m.planar.ha.toFixed(4) }),
          t('draw.ellipsoidalArea', { m2: m.ellipsoidal.m2.toFixed(2), mu: m.ellipsoidal.mu.toFixed(4), ha: m.ellipsoidal.ha.toFixed(4) }),
          t('draw.perimeter', { m: measureLength(ring, areaCrs).planarM.toFixed(2) }),
        ],
      };
    }
    if (drawn.type === 'LineString') {
      const l = measureLength(drawn.coordinates, areaCrs);
      return { lines: [t('draw.length', { crs: areaCrs, planar: l.planarM.toFixed(2), geodesic: l.geodesicM.toFixed(2) })] };
    }
    if (drawn.type === 'Point') {
      const [e, n] = transformBetween('EPSG:4490', areaCrs)(drawn.coordinates);
      return { lines: [t('readout.lonLat', { lon: drawn.coordinates[0].toFixed(7), lat: drawn.coordinates[1].toFixed(7) }), t('readout.gk', { crs: areaCrs, x: n.toFixed(3), y: e.toFixed(3) })] };
    }
    return null;
  })();

  const exportGeoJson = () => drawn && download('drawn.geojson', writeGeoJson({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: drawn, properties: {} }] }, 'EPSG:4490'), 'application/geo+json');
  const exportTxt = () => {
    if (drawn?.type === 'Polygon') download('drawn.txt', polygonBoundaryTxt(drawn, areaCrs, t('draw.plotName')), 'text/plain');
  };

  return (
    <section className="draw" aria-label={t('draw.heading')}>
      <div role="group" aria-label={t('draw.heading')} className="draw-buttons">
        {MODES.map((mode) => (
          <button key={mode} type="button" aria-pressed={drawMode === mode} onClick={() => { setDrawn(null); setDrawMode(drawMode === mode ? null : mode); }}>
            {t(`draw.${mode}`)}
          </button>
        ))}
        {drawMode && <button type="button" onClick={() => setDrawMode(null)}>{t('draw.stop')}</button>}
      </div>
      {drawMode && !drawn && <p className="hint">{t(`draw.hint.${drawMode}`)}</p>}
      {figures && (
        <div className="measure" role="region" aria-label={t('draw.result')}>
          {figures.lines.map((line) => <div key={line}>{line}</div>)}
          <div className="measure-buttons">
            <button type="button" onClick={exportGeoJson}>{t('draw.exportGeoJson')}</button>
            {drawn?.type === 'Polygon' && <button type="button" onClick={exportTxt}>{t('draw.exportTxt')}</button>}
          </div>
        </div>
      )}
    </section>
  );
}

