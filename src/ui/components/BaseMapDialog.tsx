import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { baseMapProblem } from '../../map/baseMaps';
import type { BaseMapSettings } from '../../map/baseMaps';
import { useAppStore } from '../store';

type Kind = BaseMapSettings['kind'];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'offline', label: 'baseMap.offline' },
  { kind: 'tianditu-img', label: 'baseMap.tiandituImg' },
  { kind: 'tianditu-vec', label: 'baseMap.tiandituVec' },
  { kind: 'xyz', label: 'baseMap.xyz' },
  { kind: 'pmtiles', label: 'baseMap.pmtiles' },
];

function settingsFrom(kind: Kind, key: string, url: string): BaseMapSettings {
  if (kind === 'tianditu-img' || kind === 'tianditu-vec') return { kind, key: key.trim() };
  if (kind === 'xyz' || kind === 'pmtiles') return { kind, url: url.trim() };
  return { kind: 'offline' };
}

export function BaseMapDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const current = useAppStore((s) => s.baseMap);
  const setBaseMap = useAppStore((s) => s.setBaseMap);
  const [kind, setKind] = useState<Kind>(current.kind);
  const [key, setKey] = useState('key' in current ? current.key : '');
  const [url, setUrl] = useState('url' in current ? current.url : '');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    const settings = settingsFrom(kind, key, url);
    const issue = baseMapProblem(settings);
    setProblem(issue);
    if (issue) return;
    setBaseMap(settings);
    onClose();
  };

  return (
    <dialog ref={dialog} aria-labelledby="basemap-heading" onClose={onClose} className="dialog">
      <form onSubmit={apply}>
        <h2 id="basemap-heading">{t('baseMap.heading')}</h2>
        <fieldset>
          <legend>{t('baseMap.heading')}</legend>
          {KINDS.map((option) => (
            <label key={option.kind} className="radio">
              <input type="radio" name="basemap" value={option.kind} checked={kind === option.kind} onChange={() => setKind(option.kind)} />
              {t(option.label)}
            </label>
          ))}
        </fieldset>
        {(kind === 'tianditu-img' || kind === 'tianditu-vec') && (
          <label className="field">
            {t('baseMap.key')}
            <input type="text" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
        )}
        {(kind === 'xyz' || kind === 'pmtiles') && (
          <label className="field">
            {t('baseMap.url')}
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} aria-describedby="basemap-hint" />
            <small id="basemap-hint">{t(kind === 'xyz' ? 'baseMap.xyzHint' : 'baseMap.pmtilesHint')}</small>
          </label>
        )}
        {problem && <p role="alert" className="error">{t(problem)}</p>}
        <p className="hint">{t('baseMap.remembered')}</p>
        <div className="buttons">
          <button type="button" onClick={onClose}>{t('baseMap.cancel')}</button>
          <button type="submit" className="primary">{t('baseMap.apply')}</button>
        </div>
      </form>
    </dialog>
  );
}
