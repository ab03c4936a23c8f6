import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PATCH_JUDGEMENT_CODES, PATCH_JUDGEMENTS, reviewProgress } from '../../core';
import type { PatchJudgement, PatchSortKey } from '../../core';
import { downloadBytes } from '../download';
import { openPatchLayer, rememberedPatchLayer, selectPatch, usePatchRows, usePatchStore } from '../patches/patchStore';
import { exportItems } from '../patches/patchExport';
import { PatchSettings } from './PatchSettings';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import { reportRequest } from '../reports/reportRequest';
import './patches.css';

// The review queue (issue 7): which layer, how far the review is, filters and sorting, and the list of
// patches (virtualised: 5,000 rows draw as the few on screen).

const ROW_HEIGHT = 30;

const numberOrNull = (text: string) => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

export function PatchQueue() {
  const { t, i18n } = useTranslation();
  const workspace = useAppStore((s) => s.workspace);
  const patchLayers = useMemo(() => workspace?.layers.filter((l) => l.kind === 'satellite_patch') ?? [], [workspace]);
  const layerId = usePatchStore((s) => s.layerId);
  const total = usePatchStore((s) => s.total);
  const evaluating = usePatchStore((s) => s.evaluating);
  const loaded = usePatchStore((s) => s.items.length);
  const filter = usePatchStore((s) => s.filter);
  const sort = usePatchStore((s) => s.sort);
  const currentId = usePatchStore((s) => s.currentId);
  const settings = usePatchStore((s) => s.settings);
  const { setFilter, setSort } = usePatchStore.getState();
  const { all, shown } = usePatchRows();
  const progress = reviewProgress(all);
  const types = useMemo(() => [...new Set(all.map((r) => r.type))].sort(), [all]);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  // Open the layer the reviewer had open (or the first) when the queue first shows.
  useEffect(() => {
    if (layerId || patchLayers.length === 0) return;
    void rememberedPatchLayer().then((remembered) => {
      const id = patchLayers.some((l) => l.id === remembered) ? remembered! : patchLayers[0]!.id;
      if (!usePatchStore.getState().layerId) void openPatchLayer(id, lang);
    });
  }, [layerId, patchLayers, lang]);

  // The facts and reasons are worded in the language they were computed in: a new language computes them again.
  const computedIn = useRef(lang);
  useEffect(() => {
    if (computedIn.current === lang) return;
    computedIn.current = lang;
    const open = usePatchStore.getState().layerId;
    if (open) void openPatchLayer(open, lang);
  }, [lang]);

  // The first patch of the list becomes current when there is none yet (or it was filtered away at open).
  useEffect(() => {
    if (!evaluating && shown.length && (!currentId || !all.some((r) => r.id === currentId))) void selectPatch(shown[0]!.id);
  }, [evaluating, shown, currentId, all]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10, getItemKey: (i) => shown[i]?.id ?? i });
  const currentIndex = shown.findIndex((r) => r.id === currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  if (patchLayers.length === 0) return <p className="hint">{t('patches.noLayer')}</p>;
  return (
    <section className="patch-queue" aria-label={t('patches.queueLabel')}>
      <label className="field">
        {t('patches.layer')}
        <select value={layerId ?? ''} onChange={(e) => void openPatchLayer(e.target.value, lang)}>
          {patchLayers.map((l) => <option key={l.id} value={l.id}>{l.name ?? l.id}</option>)}
        </select>
      </label>
      <p className="patch-progress" role="status">
        <strong>{t('patches.progress', { judged: progress.judged, total: total || progress.total })}</strong>
        <progress max={Math.max(1, total)} value={progress.judged} aria-label={t('patches.progress', { judged: progress.judged, total })} />
      </p>
      {evaluating && <p className="hint" role="status">{t('patches.evaluating', { done: loaded, total: total || '…' })}</p>}
      <details className="patch-filters" open>
        <summary>{t('patches.filters')}</summary>
        <div className="filter-grid">
          <label>
            {t('patches.state.label')}
            <select value={filter.state ?? 'all'} onChange={(e) => setFilter({ state: e.target.value as 'all' | 'judged' | 'unjudged' })}>
              {(['all', 'unjudged', 'judged'] as const).map((s) => <option key={s} value={s}>{t(`patches.state.${s}`)}</option>)}
            </select>
          </label>
          <label>
            {t('patches.judgementFilter')}
            <select value={filter.judgement ?? ''} onChange={(e) => setFilter({ judgement: (e.target.value || null) as PatchJudgement | null })}>
              <option value="">{t('patches.any')}</option>
              {PATCH_JUDGEMENTS.map((j) => <option key={j} value={j}>{t(`patches.judgements.${PATCH_JUDGEMENT_CODES[j]}`)}</option>)}
            </select>
          </label>
          <label>
            {t('patches.typeFilter')}
            <select value={filter.type ?? ''} onChange={(e) => setFilter({ type: e.target.value || null })}>
              <option value="">{t('patches.any')}</option>
              {types.map((type) => <option key={type} value={type}>{type}</option>)}
            </select>
          </label>
          <label>
            {t('patches.district')}
            <input value={filter.district ?? ''} onChange={(e) => setFilter({ district: e.target.value.trim() || null })} inputMode="numeric" />
          </label>
          <AreaInput label={t('patches.minArea')} value={filter.minAreaMu ?? null} onChange={(v) => setFilter({ minAreaMu: v })} />
          <AreaInput label={t('patches.maxArea')} value={filter.maxAreaMu ?? null} onChange={(v) => setFilter({ maxAreaMu: v })} />
          <label className="check">
            <input type="checkbox" checked={filter.basicFarmland ?? false} onChange={(e) => setFilter({ basicFarmland: e.target.checked })} /> {t('patches.basicFarmland')}
          </label>
          <label className="check">
            <input type="checkbox" checked={filter.redline ?? false} onChange={(e) => setFilter({ redline: e.target.checked })} /> {t('patches.redline')}
          </label>
          <label>
            {t('patches.sort.label')}
            <select value={sort} onChange={(e) => setSort(e.target.value as PatchSortKey)}>
              {(['risk', 'area', 'id'] as const).map((k) => <option key={k} value={k}>{t(`patches.sort.${k}`)}</option>)}
            </select>
          </label>
        </div>
      </details>
      <p className="hint">{t('patches.shown', { count: shown.length })}</p>
      <div ref={scrollRef} className="patch-list" role="listbox" aria-label={t('patches.listLabel')} aria-activedescendant={currentId ? `patch-row-${currentId}` : undefined} tabIndex={0}>
        {shown.length === 0 && <p className="hint">{t('patches.none')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = shown[v.index]!;
            return (
              <div
                key={row.id}
                id={`patch-row-${row.id}`}
                role="option"
                aria-selected={row.id === currentId}
                className={`patch-row${row.id === currentId ? ' current' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                onClick={() => void selectPatch(row.id)}
              >
                <span className="patch-id">{row.id}</span>
                <span className="patch-type">{row.type}</span>
                <span className="patch-area">{row.areaMu.toFixed(2)}</span>
                <span className={`patch-verdict ${row.judgement ? 'judged' : 'open'}`}>
                  {row.judgement ? t(`patches.judgements.${PATCH_JUDGEMENT_CODES[row.judgement]}`) : row.suggested ? `${t('patches.suggestedShort')} ${t(`patches.judgements.${PATCH_JUDGEMENT_CODES[row.suggested]}`)}` : t('patches.unjudged')}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <PatchExport />
      <PatchSettings key={JSON.stringify(settings)} />
      <details className="patch-shortcuts">
        <summary>{t('patches.shortcuts.heading')}</summary>
        <ul>
          {(['next', 'previous', 'accept', 'judgements', 'subtype', 'note', 'undo'] as const).map((k) => <li key={k}>{t(`patches.shortcuts.${k}`)}</li>)}
        </ul>
      </details>
    </section>
  );
}

function AreaInput({ label, value, onChange }: { label: string; value: number | null; onChange: (v: number | null) => void }) {
  const [text, setText] = useState(value === null ? '' : String(value));
  return (
    <label>
      {label}
      <input value={text} inputMode="decimal" onChange={(e) => { setText(e.target.value); onChange(numberOrNull(e.target.value)); }} />
    </label>
  );
}

function PatchExport() {
  const { t, i18n } = useTranslation();
  const [encoding, setEncoding] = useState<'gbk' | 'utf-8'>('gbk');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { all } = usePatchRows();
  const evaluating = usePatchStore((s) => s.evaluating);
  const run = async (format: 'geojson' | 'shapefile' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      const { items, crs, baseName } = exportItems(all, format, t('patches.export.fileSuffix'));
      const result = await getWorker().exportPatches(items, format, { crs, baseName, encoding });
      if ('error' in result) setError(result.error);
      else downloadBytes(result.bytes, result.fileName, result.mime);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  /** The summary report (counts and areas by judgement and type, and every patch) for the report issue's bureau copy. */
  const summary = async (format: 'docx' | 'pdf') => {
    setBusy(true);
    setError(null);
    const { items, layerId } = usePatchStore.getState();
    const breakdowns = Object.fromEntries(items.map((i) => [i.patch.id, i.facts.breakdown]));
    const request = reportRequest(format, i18n.language, false);
    const result = await getWorker().patchSummaryReport(all, breakdowns, { format, lang: request.lang, layerName: layerId ?? '', bureau: request.bureau, generatedAt: request.generatedAt, softwareVersion: request.softwareVersion });
    setBusy(false);
    if ('error' in result) setError(result.error);
    else downloadBytes(result.bytes, result.fileName, result.mime);
  };
  return (
    <fieldset className="patch-export">
      <legend>{t('patches.export.heading')}</legend>
      <label>
        {t('patches.export.encoding')}
        <select value={encoding} onChange={(e) => setEncoding(e.target.value as 'gbk' | 'utf-8')}>
          <option value="gbk">GBK</option>
          <option value="utf-8">UTF-8</option>
        </select>
      </label>
      <div className="buttons">
        {(['xlsx', 'shapefile', 'geojson'] as const).map((f) => (
          <button key={f} type="button" disabled={busy || evaluating || all.length === 0} onClick={() => void run(f)}>{t(`patches.export.${f}`)}</button>
        ))}
      </div>
      <div className="buttons">
        {(['docx', 'pdf'] as const).map((f) => (
          <button key={f} type="button" disabled={busy || evaluating || all.length === 0} onClick={() => void summary(f)}>{`${t('reports.patchSummary')} ${f.toUpperCase()}`}</button>
        ))}
      </div>
      {error && <p role="alert" className="error">{t('patches.export.failed', { message: error })}</p>}
    </fieldset>
  );
}
