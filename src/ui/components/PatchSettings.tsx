import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveSuggestionSettings, usePatchStore } from '../patches/patchStore';

// The bureau's settings of the suggested judgement (kept with the workspace), and a fresh overlay of
// the patches after layers changed.

export function PatchSettings() {
  const { t, i18n } = useTranslation();
  const settings = usePatchStore((s) => s.settings);
  const evaluating = usePatchStore((s) => s.evaluating);
  const [share, setShare] = useState(String(Math.round(settings.approvalCoverShare * 1000) / 10));
  const [distance, setDistance] = useState(String(settings.homesteadDistanceM));
  const [start, setStart] = useState(settings.periodStart ?? '');
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  const apply = () => {
    const sharePct = Number(share), distanceM = Number(distance);
    if (!(sharePct > 0 && sharePct <= 100)) return setError(t('patches.settings.badShare'));
    if (!(distanceM >= 0 && distanceM <= 1000)) return setError(t('patches.settings.badDistance'));
    if (start && !/^\d{4}-\d{2}-\d{2}$/.test(start)) return setError(t('patches.settings.badDate'));
    setError(null);
    void saveSuggestionSettings({ approvalCoverShare: sharePct / 100, homesteadDistanceM: distanceM, periodStart: start || null }, lang);
  };

  return (
    <details className="patch-settings">
      <summary>{t('patches.settings.heading')}</summary>
      <div className="filter-grid">
        <label>
          {t('patches.settings.share')}
          <input value={share} inputMode="decimal" onChange={(e) => setShare(e.target.value)} />
        </label>
        <label>
          {t('patches.settings.distance')}
          <input value={distance} inputMode="decimal" onChange={(e) => setDistance(e.target.value)} />
        </label>
        <label>
          {t('patches.settings.periodStart')}
          <input type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
      </div>
      <p className="hint">{t('patches.settings.periodHint')}</p>
      <button type="button" disabled={evaluating} onClick={apply}>{t('patches.settings.apply')}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </details>
  );
}
