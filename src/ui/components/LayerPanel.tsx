import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { landUseClass } from '../../core';
import type { LayerKind } from '../../core';
import { cssColour, JUDGEMENT_COLOUR, KIND_STYLE, landUseColour } from '../../map/palette';
import type { RGBA } from '../../map/palette';
import { crsReasonText } from '../crsReason';
import { forgetLayer } from '../cases/workspacePersistence';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import { SwipeControls } from './SwipeBar';
import { styleValues } from '../workspaceView';

function Swatch({ fill, line, dashed }: { fill: RGBA; line: RGBA; dashed?: boolean }) {
  return <span className="swatch" aria-hidden="true" style={{ background: cssColour(fill), borderColor: cssColour(line), borderStyle: dashed ? 'dashed' : 'solid' }} />;
}

function KindLegend({ kind, layerId }: { kind: LayerKind; layerId: string }) {
  const { t, i18n } = useTranslation();
  const workspace = useAppStore((s) => s.workspace)!;
  // The classes present are read once per layer, not on every render of the panel (opacity drags re-render it).
  const values = useMemo(() => (kind === 'land_use' ? styleValues(workspace, layerId) : []), [kind, workspace, layerId]);
  if (kind === 'land_use') {
    return (
      <details className="legend">
        <summary>{t('layers.legend')}</summary>
        <ul aria-label={t('layers.legendOf', { name: t(`kind.${kind}`) })}>
          {values.map((code) => {
            const cls = landUseClass(code);
            return (
              <li key={code}>
                <Swatch fill={landUseColour(code, 255)} line={[255, 255, 255, 255]} /> {code} {cls ? (i18n.language === 'en' ? cls.nameEn : cls.nameZh) : ''}
              </li>
            );
          })}
        </ul>
      </details>
    );
  }
  if (kind === 'satellite_patch') {
    return (
      <ul className="legend inline" aria-label={t('layers.legendOf', { name: t(`kind.${kind}`) })}>
        {(Object.keys(JUDGEMENT_COLOUR) as (keyof typeof JUDGEMENT_COLOUR)[]).map((key) => (
          <li key={key}>
            <Swatch fill={[...JUDGEMENT_COLOUR[key].slice(0, 3), 90] as RGBA} line={JUDGEMENT_COLOUR[key]} /> {t(`judgement.${key}`)}
          </li>
        ))}
      </ul>
    );
  }
  return null;
}

export function LayerPanel() {
  const { t, i18n } = useTranslation();
  const workspace = useAppStore((s) => s.workspace);
  const layerVisible = useAppStore((s) => s.layerVisible);
  const imageryVisible = useAppStore((s) => s.imageryVisible);
  const toggleLayer = useAppStore((s) => s.toggleLayer);
  const toggleImagery = useAppStore((s) => s.toggleImagery);
  const layerOrder = useAppStore((s) => s.layerOrder);
  const layerOpacity = useAppStore((s) => s.layerOpacity);
  const moveLayer = useAppStore((s) => s.moveLayer);
  const setOpacity = useAppStore((s) => s.setOpacity);
  const layerRemoved = useAppStore((s) => s.layerRemoved);
  const zoomTo = useAppStore((s) => s.zoomTo);
  if (!workspace) return null;
  const layers = layerOrder.map((id) => workspace.layers.find((l) => l.id === id)).filter((l) => l !== undefined);
  return (
    <section className="panel" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{t('layers.heading')}</h2>
      <ul className="layer-list" aria-label={t('layers.heading')}>
        {layers.map((layer, index) => {
          const name = t(`kind.${layer.kind}`);
          const label = `${name} · ${layer.path}`;
          const style = KIND_STYLE[layer.kind];
          return (
            <li key={layer.id} className="layer" data-layer-id={layer.id}>
              <label title={layer.name ?? undefined}>
                <input type="checkbox" checked={layerVisible[layer.id] ?? false} onChange={() => toggleLayer(layer.id)} aria-label={t('layers.show', { name: `${name} · ${layer.path}` })} />
                {layer.kind !== 'land_use' && layer.kind !== 'satellite_patch' && <Swatch fill={style.fill} line={style.line} dashed={style.dashed} />}
                <span className="layer-name">{name}</span>
              </label>
              <div className="layer-meta">
                <span>{layer.path}</span> · <span>{t('layers.features', { count: layer.featureCount })}</span> ·{' '}
                <span title={crsReasonText(layer.crs.reason, i18n.language)}>{t('layers.crs', { code: layer.crs.code, source: t(`crsSource.${layer.crs.source}`) })}</span>
              </div>
              <div className="layer-tools">
                <button type="button" aria-label={t('layerTools.up', { name: label })} disabled={index === 0} onClick={() => moveLayer(layer.id, -1)}>↑</button>
                <button type="button" aria-label={t('layerTools.down', { name: label })} disabled={index === layers.length - 1} onClick={() => moveLayer(layer.id, 1)}>↓</button>
                <button type="button" aria-label={t('layerTools.zoom', { name: label })} disabled={!layer.bboxLonLat} onClick={() => layer.bboxLonLat && zoomTo(layer.bboxLonLat)}>⤢</button>
                <input type="range" min={0} max={1} step={0.05} value={layerOpacity[layer.id] ?? 1} aria-label={t('layerTools.opacity', { name: label })} onChange={(e) => setOpacity(layer.id, Number(e.target.value))} />
                <button type="button" aria-label={t('layerTools.remove', { name: label })} onClick={() => {
                  void getWorker().removeLayer(layer.id);
                  void forgetLayer(layer.id);
                  layerRemoved(layer.id);
                }}>✕</button>
              </div>
              <KindLegend kind={layer.kind} layerId={layer.id} />
            </li>
          );
        })}
      </ul>
      {workspace.imagery.length > 0 && (
        <>
          <h3>{t('layers.imageryHeading')}</h3>
          <SwipeControls />
          <ul className="layer-list" aria-label={t('layers.imageryHeading')}>
            {workspace.imagery.map((img) => (
              <li key={img.id} className="layer" data-imagery-id={img.id}>
                <label>
                  <input type="checkbox" checked={imageryVisible[img.id] ?? false} onChange={() => toggleImagery(img.id)} aria-label={t('layers.show', { name: `${img.path}` })} />
                  <span className="layer-name">{t('layers.imageryDate', { date: img.date })}</span>
                </label>
                <div className="layer-meta">
                  <span>{img.path}</span> · <span>{img.width} × {img.height}</span> · <span title={crsReasonText(img.crs.reason, i18n.language)}>{t('layers.crs', { code: img.crs.code, source: t(`crsSource.${img.crs.source}`) })}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
