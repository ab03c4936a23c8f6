import { useTranslation } from 'react-i18next';
import type { AreaFigures } from '../../core';
import { useAppStore } from '../store';

function Area({ label, area }: { label: string; area: AreaFigures }) {
  const { t } = useTranslation();
  return (
    <div className="area">
      <span>{label}</span> <span>{t('identify.area', { m2: area.m2.toFixed(2), mu: area.mu.toFixed(4), ha: area.ha.toFixed(4) })}</span>
    </div>
  );
}

/** What is under the clicked point, layer by layer, with ids, mapped and original attributes, and areas. */
export function IdentifyPanel({ areaCrs }: { areaCrs: string }) {
  const { t } = useTranslation();
  const identified = useAppStore((s) => s.identified);
  const workspace = useAppStore((s) => s.workspace);
  const setIdentified = useAppStore((s) => s.setIdentified);
  if (!identified || !workspace) return null;
  const kindOf = (id: string) => workspace.layers.find((l) => l.id === id)?.kind;
  return (
    <aside className="identify" aria-labelledby="identify-heading">
      <header>
        <h2 id="identify-heading">{t('identify.heading')}</h2>
        <button type="button" aria-label={t('identify.close')} onClick={() => setIdentified(null)}>×</button>
      </header>
      <p className="at">{t('identify.at', { lon: identified.lonLat[0].toFixed(6), lat: identified.lonLat[1].toFixed(6) })}</p>
      {identified.features.length === 0 && <p>{t('identify.none')}</p>}
      <ul aria-label={t('identify.heading')}>
        {identified.features.map((f) => (
          <li key={`${f.layerId}/${f.featureIndex}`} className="identified">
            <div className="identified-layer">{t(`kind.${kindOf(f.layerId) ?? 'land_use'}`)} · {f.layerId}</div>
            <div className="identified-id">{f.featureId}</div>
            <dl>
              {Object.entries(f.mapped).filter(([k]) => k !== 'id').map(([k, v]) => (
                <div key={k}><dt>{t(`field.${k}`)}</dt><dd>{String(v ?? '')}</dd></div>
              ))}
            </dl>
            <Area label={t('identify.planar', { crs: areaCrs })} area={f.planar} />
            <Area label={t('identify.ellipsoidal')} area={f.ellipsoidal} />
            <details>
              <summary>{t('identify.attributes')}</summary>
              <dl>
                {Object.entries(f.attributes).map(([k, v]) => (
                  <div key={k}><dt>{k}</dt><dd>{String(v ?? '')}</dd></div>
                ))}
              </dl>
            </details>
          </li>
        ))}
      </ul>
    </aside>
  );
}
