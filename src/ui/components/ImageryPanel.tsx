import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StretchMode } from '../../core';
import type { ImageryDisplay } from '../../workers/imagery';
import type { ViewImagery } from '../../workers/workspaceClient';
import { comparePair } from '../comparePair';
import { useImageryFacts, useImageryStore } from '../imageryStore';
import { persistImagery, persistImageryDate } from '../cases/workspacePersistence';
import { useAppStore } from '../store';
import { getWorker } from '../worker';

// Imagery display: per image its date, the bands shown as red, green and blue, and the stretch; how two
// images are compared (swipe or side by side); and a COG added by URL.

const STRETCHES: StretchMode[] = ['none', 'minmax', 'percentile'];
const STRETCH_LABEL = { none: 'imagery.stretchNone', minmax: 'imagery.stretchMinmax', percentile: 'imagery.stretchPercentile' } as const;
const CHANNELS = ['red', 'green', 'blue'] as const;

const nameOf = (img: ViewImagery) => img.path.split('/').pop() ?? img.path;

function ImageSettings({ img }: { img: ViewImagery }) {
  const { t } = useTranslation();
  const facts = useImageryStore((s) => s.facts[img.id]);
  const chosen = useImageryStore((s) => s.display[img.id]);
  const setDisplay = useImageryStore((s) => s.setDisplay);
  const setImageryDate = useAppStore((s) => s.setImageryDate);
  const name = nameOf(img);
  const ready = facts && !('error' in facts) ? facts : null;
  const display: ImageryDisplay | null = chosen ?? ready?.display ?? null;
  return (
    <fieldset className="imagery-settings" data-imagery-id={img.id}>
      <legend>{img.date ? t('layers.imageryDate', { date: img.date }) : name}</legend>
      <div className="layer-meta">{name}</div>
      <label>
        {t('imagery.date')}{' '}
        <input type="date" value={img.date} aria-label={t('imagery.dateOf', { name })} onChange={(e) => {
          setImageryDate(img.id, e.target.value);
          void persistImageryDate(img.id, e.target.value);
        }} />
      </label>
      {facts && 'error' in facts && facts.error && <p role="alert" className="error">{facts.error}</p>}
      {!facts && <p className="layer-meta">{t('imagery.factsLoading')}</p>}
      {ready && display && (
        <>
          <div className="layer-meta">
            {t('imagery.facts', { bands: ready.bands, format: ready.sampleFormat, levels: ready.levels.length - 1, how: t(ready.windowed ? 'imagery.windowed' : 'imagery.whole') })}
          </div>
          <div className="band-choice">
            {CHANNELS.map((channel, i) => (
              <label key={channel}>
                {t(`imagery.${channel}`)}{' '}
                <select
                  aria-label={t('imagery.bandOf', { name, channel: t(`imagery.${channel}`) })}
                  value={display.bands[i]}
                  onChange={(e) => {
                    const bands = [...display.bands] as ImageryDisplay['bands'];
                    bands[i] = Number(e.target.value);
                    setDisplay(img.id, { ...display, bands });
                  }}
                >
                  {Array.from({ length: ready.bands }, (_, b) => <option key={b} value={b + 1}>{t('imagery.band', { n: b + 1 })}</option>)}
                </select>
              </label>
            ))}
          </div>
          <label>
            {t('imagery.stretch')}{' '}
            <select aria-label={t('imagery.stretchOf', { name })} value={display.stretch} onChange={(e) => setDisplay(img.id, { ...display, stretch: e.target.value as StretchMode })}>
              {STRETCHES.map((mode) => <option key={mode} value={mode}>{t(STRETCH_LABEL[mode])}</option>)}
            </select>
          </label>
        </>
      )}
    </fieldset>
  );
}

function CompareChoice({ imagery }: { imagery: ViewImagery[] }) {
  const { t } = useTranslation();
  const swipe = useAppStore((s) => s.swipe);
  const setSwipe = useAppStore((s) => s.setSwipe);
  const sideBySide = useImageryStore((s) => s.sideBySide);
  const setSideBySide = useImageryStore((s) => s.setSideBySide);
  const mode = sideBySide ? 'sideBySide' : swipe ? 'swipe' : 'none';
  const byDate = [...imagery].sort((a, b) => a.date.localeCompare(b.date));
  const choose = (next: typeof mode) => {
    const current = sideBySide ?? (swipe ? { leftId: swipe.leftId, rightId: swipe.rightId } : comparePair(imagery));
    setSideBySide(next === 'sideBySide' ? current : null);
    setSwipe(next === 'swipe' ? { ...current, position: 0.5 } : null);
  };
  const label = (img: ViewImagery) => (img.date ? t('layers.imageryDate', { date: img.date }) : nameOf(img));
  return (
    <fieldset className="compare-choice">
      <legend>{t('imagery.compare')}</legend>
      <div role="radiogroup" aria-label={t('imagery.compare')}>
        {(['none', 'swipe', 'sideBySide'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="compare-mode" value={m} checked={mode === m} onChange={() => choose(m)} />{' '}
            {t(m === 'none' ? 'imagery.compareNone' : m === 'swipe' ? 'imagery.compareSwipe' : 'imagery.compareSideBySide')}
          </label>
        ))}
      </div>
      {sideBySide && (['leftId', 'rightId'] as const).map((side) => (
        <label key={side}>
          {t(side === 'leftId' ? 'imagery.left' : 'imagery.right')}{' '}
          <select value={sideBySide[side]} onChange={(e) => setSideBySide({ ...sideBySide, [side]: e.target.value })}>
            {byDate.map((img) => <option key={img.id} value={img.id}>{label(img)}</option>)}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

function UrlImport() {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = url.trim();
    if (!wanted || busy) return;
    setBusy(wanted);
    try {
      const added = await getWorker().addImageryUrl(wanted);
      if ('error' in added) useAppStore.getState().setImportError(added.error);
      else {
        await persistImagery({ id: added.imagery.id, fileName: added.imagery.path, bytes: null, url: wanted, date: added.imagery.date });
        useAppStore.getState().imageryAdded(added.imagery);
        setUrl('');
      }
    } finally {
      setBusy(null);
    }
  };
  return (
    <form className="imagery-url" onSubmit={(e) => void submit(e)}>
      <label>
        {t('imagery.url')}{' '}
        <input type="url" required placeholder="https://…/image.tif" value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <button type="submit" disabled={busy !== null}>{t('imagery.addUrl')}</button>
      {busy && <p role="status" className="layer-meta">{t('imagery.adding', { url: busy })}</p>}
    </form>
  );
}

export function ImageryPanel() {
  const { t } = useTranslation();
  const imagery = useAppStore((s) => s.workspace?.imagery ?? null);
  useImageryFacts(imagery ?? []);
  if (!imagery) return null;
  return (
    <section className="panel imagery-panel" aria-labelledby="imagery-heading">
      <h2 id="imagery-heading">{t('imagery.heading')}</h2>
      {imagery.length >= 2 && <CompareChoice imagery={imagery} />}
      {imagery.map((img) => <ImageSettings key={img.id} img={img} />)}
      <UrlImport />
    </section>
  );
}
