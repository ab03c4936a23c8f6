import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store';
import { getWorker } from '../worker';

/** The locate box: coordinates in any form (lon/lat, DMS, X/Y, GCJ-02/BD-09 marked) or an id. */
export function LocateBox() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const setMarker = useAppStore((s) => s.setMarker);

  const go = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await getWorker().locate(text);
    if (result.ok) {
      setMarker({ lonLat: result.lonLat, label: result.label });
      setStatus(t('locate.found', { label: result.label, how: result.how }));
    } else setStatus(t(`locate.${result.reason}`, { text }));
  };

  return (
    <form className="locate" role="search" onSubmit={(e) => void go(e)}>
      <label>
        {t('locate.label')}{' '}
        <input type="search" value={text} placeholder={t('locate.placeholder')} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">{t('locate.go')}</button>
      {status && <span role="status" className="locate-status">{status}</span>}
    </form>
  );
}
