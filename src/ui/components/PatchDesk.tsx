import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { choosePatchImagery, DEFAULT_IMAGE_TOLERANCE_DAYS, ILLEGAL, imageFootprint, PATCH_JUDGEMENT_CODES, PATCH_JUDGEMENTS, PATCH_SUBTYPES, PATCH_VINTAGE_CODES, PATCH_VINTAGES, stepPatch } from '../../core';
import type { ImageFootprint, PatchJudgement, PatchVintage } from '../../core';
import type { PatchItem } from '../../workers/patchReview';
import { useCaseStore } from '../cases/caseStore';
import { useImageryStore } from '../imageryStore';
import { cycleSubtype, judgeCurrent, PATCH_STORAGE_FULL, selectPatch, standingJudgement, undoJudgement, usePatchRows, usePatchStore } from '../patches/patchStore';
import { useAppStore } from '../store';
import { clipBounds, PatchClip } from './PatchClip';
import { PatchFacts } from './PatchFacts';

// One patch under review (issue 7): where it is, the before/after evidence, the suggested judgement with
// its reason, the judgement controls (all reachable from the keyboard), and the overlay facts.

/** The desk's width (patches.css): the map centres the patch in what it leaves uncovered. */
export const PATCH_DESK_WIDTH_PX = 460;
/** Keys 1–4 give the judgements in their order. */
const JUDGEMENT_KEYS: Record<string, PatchJudgement> = Object.fromEntries(PATCH_JUDGEMENTS.map((j, i) => [String(i + 1), j]));

const footprints = (imagery: { id: string; date: string; cornersLonLat: readonly (readonly number[])[] }[]): ImageFootprint[] => imagery.map(imageFootprint);

const editing = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function PatchDesk() {
  const { t } = useTranslation();
  const currentId = usePatchStore((s) => s.currentId);
  const review = usePatchStore((s) => s.review);
  const saveError = usePatchStore((s) => s.saveError);
  const items = usePatchStore((s) => s.items);
  const item: PatchItem | undefined = useMemo(() => items.find((i) => i.patch.id === currentId), [items, currentId]);
  const { shown } = usePatchRows();
  const workspace = useAppStore((s) => s.workspace);
  const view = useCaseStore((s) => s.view);
  const mainMap = useImageryStore((s) => s.mainMap);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const deskRef = useRef<HTMLElement>(null);
  const [hint, setHint] = useState<string | null>(null);

  const verdict = currentId ? review.verdicts[currentId] ?? null : null;
  const standing = standingJudgement(item, verdict);

  const imagery = useMemo(() => {
    if (!item || !workspace) return null;
    return choosePatchImagery(footprints(workspace.imagery), item.bboxLonLat, item.patch.beforeDate, item.patch.afterDate, DEFAULT_IMAGE_TOLERANCE_DAYS);
  }, [item, workspace]);
  const imageName = (id: string | undefined) => workspace?.imagery.find((i) => i.id === id)?.name ?? id ?? '';

  // Each patch is shown where it is, with the before image left of the swipe bar and the after image right.
  useEffect(() => {
    if (!item || view !== 'patches') return;
    // A jump, not a flight: a reviewer steps through patches faster than a flight ends, and every frame costs.
    mainMap?.fitBounds(clipBounds(item.bboxLonLat), false, PATCH_DESK_WIDTH_PX);
    const { setSwipe } = useAppStore.getState();
    if (imagery?.before && imagery.after) {
      useAppStore.setState((s) => ({ imageryVisible: { ...s.imageryVisible, [imagery.before!.id]: true, [imagery.after!.id]: true } }));
      // The bar starts through the middle of the part of the map the desk leaves uncovered, where the patch is.
      const widthPx = mainMap?.container().clientWidth ?? 0;
      const middle = widthPx > PATCH_DESK_WIDTH_PX * 1.5 ? (widthPx - PATCH_DESK_WIDTH_PX) / 2 / widthPx : 0.5;
      const current = useAppStore.getState().swipe;
      const keep = current && current.leftId === imagery.before.id && current.rightId === imagery.after.id;
      setSwipe({ leftId: imagery.before.id, rightId: imagery.after.id, position: keep ? current.position : middle });
    }
  }, [item, imagery, mainMap, view]);

  const position = shown.findIndex((r) => r.id === currentId);
  const go = (step: 1 | -1) => {
    const next = stepPatch(shown, currentId, step);
    if (next) void selectPatch(next);
  };
  const accept = async () => {
    if (!item?.suggestion.judgement) return setHint(t('patches.noSuggestion'));
    if (await judgeCurrent(item.suggestion.judgement, { subtype: item.suggestion.subtype })) go(1);
  };
  const saveNote = async (note: string) => {
    if (!standing) return setHint(t('patches.noteNeedsJudgement'));
    await judgeCurrent(standing.judgement, { note, subtype: standing.subtype });
    deskRef.current?.focus();
  };
  const undo = async () => {
    if (!(await undoJudgement())) setHint(t('patches.nothingToUndo'));
  };

  // The keyboard: documented in the queue's shortcut list and the README.
  useEffect(() => {
    if (view !== 'patches') return;
    const onKey = (e: KeyboardEvent) => {
      if (editing(e.target) || e.altKey || e.metaKey) return;
      const key = e.key;
      if (e.ctrlKey && key.toLowerCase() !== 'z') return;
      let handled = true;
      if (key === 'ArrowRight' || key === 'n' || key === 'N') go(1);
      else if (key === 'ArrowLeft' || key === 'p' || key === 'P') go(-1);
      else if (key === 'Enter') void accept();
      else if (JUDGEMENT_KEYS[key]) void judgeCurrent(JUDGEMENT_KEYS[key]!);
      else if (key === 's') void cycleSubtype(1);
      else if (key === 'S') void cycleSubtype(-1);
      else if (key === 'm' || key === 'M') noteRef.current?.focus();
      else if (key === 'z' || key === 'Z') void undo();
      else handled = false;
      if (handled) {
        e.preventDefault();
        setHint(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!item) return null;
  const { patch, suggestion } = item;
  return (
    <aside ref={deskRef} className="patch-desk" aria-label={t('patches.desk', { id: patch.id })} tabIndex={-1}>
      <header>
        <h2>{t('patches.desk', { id: patch.id })}</h2>
        <span className="hint">{position >= 0 ? t('patches.position', { at: position + 1, count: shown.length }) : ''}</span>
        <div className="buttons">
          <button type="button" onClick={() => go(-1)} aria-keyshortcuts="ArrowLeft P">{t('patches.previous')}</button>
          <button type="button" onClick={() => go(1)} aria-keyshortcuts="ArrowRight N">{t('patches.next')}</button>
        </div>
      </header>
      <p className="hint">{patch.type} · {t('patches.patchDates', { before: patch.beforeDate ?? '—', after: patch.afterDate ?? '—' })}{patch.district ? ` · ${patch.district}` : ''}</p>
      <div className="patch-clips">
        <PatchClip key={`b:${patch.id}:${imagery?.before?.id ?? ''}`} side="before" patchDate={patch.beforeDate} choice={imagery?.before ?? null} missing={imagery?.beforeMissing ?? 'noCoverage'} imageName={imageName(imagery?.before?.id)} bbox={item.bboxLonLat} outline={item.outlineLonLat} toleranceDays={DEFAULT_IMAGE_TOLERANCE_DAYS} />
        <PatchClip key={`a:${patch.id}:${imagery?.after?.id ?? ''}`} side="after" patchDate={patch.afterDate} choice={imagery?.after ?? null} missing={imagery?.afterMissing ?? 'noCoverage'} imageName={imageName(imagery?.after?.id)} bbox={item.bboxLonLat} outline={item.outlineLonLat} toleranceDays={DEFAULT_IMAGE_TOLERANCE_DAYS} />
      </div>

      <section className="suggestion" aria-label={t('patches.suggestion')}>
        <h3>{t('patches.suggestion')}</h3>
        {suggestion.judgement ? (
          <p>
            <strong className="suggested-judgement">{t(`patches.judgements.${PATCH_JUDGEMENT_CODES[suggestion.judgement]}`)}</strong>
            {suggestion.subtype && <> · <span className="suggested-subtype">{suggestion.subtype}</span></>}
            {suggestion.vintage && <> · {t(`patches.vintages.${PATCH_VINTAGE_CODES[suggestion.vintage]}`)}</>}
          </p>
        ) : (
          <p><strong>{t('patches.noSuggestion')}</strong></p>
        )}
        <p className="reason">{suggestion.text}</p>
        {suggestion.judgement && <button type="button" className="primary" onClick={() => void accept()} aria-keyshortcuts="Enter">{t('patches.accept')}</button>}
      </section>

      <section className="judging" aria-label={t('patches.judgement')}>
        <h3>{t('patches.judgement')}</h3>
        <div role="radiogroup" aria-label={t('patches.judgement')} className="judgement-choice">
          {PATCH_JUDGEMENTS.map((j, i) => (
            <button key={j} type="button" role="radio" aria-checked={standing?.judgement === j} aria-keyshortcuts={String(i + 1)} onClick={() => void judgeCurrent(j)}>
              {i + 1} {t(`patches.judgements.${PATCH_JUDGEMENT_CODES[j]}`)}
            </button>
          ))}
        </div>
        {standing && PATCH_SUBTYPES[standing.judgement].length > 0 && (
          <label className="field">
            {t('patches.subtype')}
            <select value={standing.subtype} onChange={(e) => void judgeCurrent(standing.judgement, { subtype: e.target.value })}>
              <option value="">{t('patches.noSubtype')}</option>
              {PATCH_SUBTYPES[standing.judgement].map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </label>
        )}
        {standing?.judgement === ILLEGAL && (
          <label className="field">
            {t('patches.vintage')}
            <select value={standing.vintage ?? ''} onChange={(e) => void judgeCurrent(ILLEGAL, { subtype: standing.subtype, vintage: (e.target.value || null) as PatchVintage | null })}>
              <option value="">{t('patches.unknown')}</option>
              {PATCH_VINTAGES.map((v) => <option key={v} value={v}>{t(`patches.vintages.${PATCH_VINTAGE_CODES[v]}`)}</option>)}
            </select>
          </label>
        )}
        <PatchNote key={`${patch.id}:${standing?.note ?? ''}`} saved={standing?.note ?? ''} inputRef={noteRef} onSave={(note) => void saveNote(note)} onLeave={() => deskRef.current?.focus()} />
        <div className="buttons">
          <button type="button" onClick={() => void undo()} aria-keyshortcuts="Z">{t('patches.undo')}</button>
        </div>
        <p className="hint" role="status">
          {verdict ? t('patches.judgedBy', { reviewer: verdict.reviewer, at: verdict.at.replace('T', ' ').slice(0, 19) }) : standing ? t('patches.judgedInFile') : t('patches.unjudged')}
        </p>
        {hint && <p className="hint" role="status">{hint}</p>}
        {saveError && <p role="alert" className="error">{saveError === PATCH_STORAGE_FULL ? t('patches.storageFull') : t('patches.saveFailed', { message: saveError })}</p>}
      </section>

      <PatchFacts item={item} />
    </aside>
  );
}

/** The note of the current judgement: Enter saves it, Shift+Enter is a new line, Esc goes back to the desk. */
function PatchNote({ saved, inputRef, onSave, onLeave }: { saved: string; inputRef: React.RefObject<HTMLTextAreaElement | null>; onSave: (note: string) => void; onLeave: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(saved);
  return (
    <>
      <label className="field">
        {t('patches.note')}
        <textarea
          ref={inputRef}
          rows={2}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-keyshortcuts="M"
          onKeyDown={(e) => {
            if (e.key === 'Escape') onLeave();
            else if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              onSave(draft);
            }
          }}
        />
      </label>
      <div className="buttons">
        <button type="button" onClick={() => onSave(draft)}>{t('patches.saveNote')}</button>
      </div>
    </>
  );
}
