import { useTranslation } from 'react-i18next';
import { transformBetween } from '../../core';
import { useAppStore } from '../store';

/** Live position of the pointer in lon/lat and in the workspace's Gauss-Kruger zone (X = northing). */
export function CoordinateReadout({ areaCrs }: { areaCrs: string }) {
  const { t } = useTranslation();
  const pointer = useAppStore((s) => s.pointer);
  if (!pointer) return null;
  const [e, n] = transformBetween('EPSG:4490', areaCrs)(pointer);
  return (
    <div className="readout" aria-live="off" data-testid="readout">
      <span>{t('readout.lonLat', { lon: pointer[0].toFixed(6), lat: pointer[1].toFixed(6) })}</span>
      <span>{t('readout.gk', { crs: areaCrs, x: n.toFixed(2), y: e.toFixed(2) })}</span>
    </div>
  );
}
