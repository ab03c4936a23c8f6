import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CATEGORIES, CASE_CHANNELS, CATEGORY_LABELS, CHANNEL_LABELS, DEFAULT_CASE_RADIUS_M, isIsoDate, newCaseFile, nextCaseNumber } from '../../core';
import type { CaseLocation, CaseRecord } from '../../core';
import { commitCase, currentUser, useCaseStore } from '../cases/caseStore';
import { nowIso, todayLocal } from '../cases/clock';
import { useAppStore } from '../store';
import { getWorker } from '../worker';

// The intake form (registration): the complaint, the petitioner (confidential) and where it is — a map click,
// typed coordinates in any form the locate box takes, the shape just drawn, or a parcel/patch id. The
// case exists only once it is saved; then it opens in the case desk.

interface Draft {
  id: string;
  receivedDate: string;
  channel: string;
  category: string;
  petitioner: string;
  phone: string;
  idNumber: string;
  complaint: string;
  demands: string;
  place: string;
  assignee: string;
  radiusM: string;
}

const emptyDraft = (id: string, today: string): Draft => ({
  id, receivedDate: today, channel: CHANNEL_LABELS['zh-CN'].letter, category: CATEGORY_LABELS['zh-CN'].illegalOccupation,
  petitioner: '', phone: '', idNumber: '', complaint: '', demands: '', place: '', assignee: '', radiusM: String(DEFAULT_CASE_RADIUS_M),
});

export function IntakeForm() {
  const open = useCaseStore((s) => s.intakeOpen);
  // Mounted afresh for each new case, so the form starts empty with the next number.
  return open ? <IntakeDialog /> : null;
}

function IntakeDialog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const picking = useCaseStore((s) => s.pickingLocation);
  const location = useCaseStore((s) => s.intakeLocation);
  const files = useCaseStore((s) => s.files);
  const pattern = useCaseStore((s) => s.numberPattern);
  const drawn = useAppStore((s) => s.drawn);
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<Draft>(() => {
    const today = todayLocal();
    return emptyDraft(nextCaseNumber(pattern, files.map((f) => f.record.id), today), today);
  });
  const [locateText, setLocateText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const officers = useMemo(() => [...new Set(files.map((f) => f.assignee).filter((a): a is string => Boolean(a)))].sort(), [files]);

  // The dialog steps aside while the user clicks the map, and comes back with the place.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (!picking && !d.open) d.showModal();
    if (picking && d.open) d.close();
  }, [picking]);

  useEffect(() => {
    if (!picking) return;
    const cancel = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useCaseStore.getState().setPicking(false);
    };
    window.addEventListener('keydown', cancel);
    return () => window.removeEventListener('keydown', cancel);
  }, [picking]);

  const set = (field: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));
  const radiusM = Number(draft.radiusM);

  const locate = async () => {
    setProblem(null);
    const text = locateText.trim();
    const feature = await getWorker().featureGeometry(text);
    if (feature) {
      useCaseStore.getState().setIntakeLocation({ geometry: feature.geometry as CaseLocation['geometry'], radiusM, how: t('caseDesk.intake.how.located', { how: feature.layerId, text }) });
      return;
    }
    const found = await getWorker().locate(text);
    if (!found.ok) {
      setProblem(found.reason === 'notFound' ? t('caseDesk.intake.notFound', { text }) : t('caseDesk.intake.badCoordinates'));
      return;
    }
    useCaseStore.getState().setIntakeLocation({ geometry: { type: 'Point', coordinates: found.lonLat }, radiusM, how: t('caseDesk.intake.how.located', { how: found.how, text }) });
  };

  const useDrawn = () => {
    if (!drawn || (drawn.type !== 'Point' && drawn.type !== 'Polygon' && drawn.type !== 'LineString')) return;
    useCaseStore.getState().setIntakeLocation({ geometry: drawn, radiusM, how: t('caseDesk.intake.how.drawn', { shape: t(`caseDesk.intake.shape.${drawn.type === 'Point' ? 'point' : drawn.type === 'Polygon' ? 'polygon' : 'line'}`) }) });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const id = draft.id.trim();
    if (!id) return setProblem(t('caseDesk.intake.needId'));
    if (files.some((f) => f.record.id === id)) return setProblem(t('caseDesk.intake.duplicate', { id }));
    if (!isIsoDate(draft.receivedDate)) return setProblem(t('caseDesk.intake.needDate'));
    if (!location) return setProblem(t('caseDesk.intake.needLocation'));
    const text = (v: string) => (v.trim() === '' ? null : v.trim());
    const record: CaseRecord = {
      id, receivedDate: draft.receivedDate, channel: text(draft.channel), category: text(draft.category), petitioner: text(draft.petitioner),
      phone: text(draft.phone), complaint: text(draft.complaint), demands: text(draft.demands), place: text(draft.place), status: null,
      officer: text(draft.assignee), geometry: location.geometry, radiusM: Number.isFinite(radiusM) && radiusM > 0 ? radiusM : DEFAULT_CASE_RADIUS_M, attributes: {},
    };
    const file = newCaseFile(record, { by: currentUser(), at: nowIso(), petitionerIdNumber: text(draft.idNumber), how: location.how });
    if (!(await commitCase(file))) return;
    useCaseStore.getState().setIntakeOpen(false);
    useAppStore.getState().selectCase(id);
  };

  const field = (name: keyof Draft, label: string, input: 'text' | 'date' | 'tel' | 'textarea' = 'text') => (
    <label className="field">
      {label}
      {input === 'textarea' ? (
        <textarea value={draft[name]} onChange={set(name)} rows={2} />
      ) : (
        <input type={input} value={draft[name]} onChange={set(name)} />
      )}
    </label>
  );

  return (
    <>
      {picking && <p role="status" className="map-banner picking">{t('caseDesk.intake.picking')}</p>}
      <dialog ref={dialog} className="dialog intake" aria-labelledby="intake-heading" onCancel={() => useCaseStore.getState().setIntakeOpen(false)}>
        <form onSubmit={(e) => void submit(e)}>
          <h2 id="intake-heading">{t('caseDesk.intake.heading')}</h2>
          <div className="intake-grid">
            {field('id', t('caseDesk.field.id'))}
            {field('receivedDate', t('caseDesk.field.receivedDate'), 'date')}
            <label className="field">
              {t('caseDesk.field.channel')}
              <select value={draft.channel ?? ''} onChange={set('channel')}>
                {CASE_CHANNELS.map((c) => <option key={c} value={CHANNEL_LABELS['zh-CN'][c]}>{CHANNEL_LABELS[lang][c]}</option>)}
              </select>
            </label>
            <label className="field">
              {t('caseDesk.field.category')}
              <select value={draft.category ?? ''} onChange={set('category')}>
                {CASE_CATEGORIES.map((c) => <option key={c} value={CATEGORY_LABELS['zh-CN'][c]}>{CATEGORY_LABELS[lang][c]}</option>)}
              </select>
            </label>
          </div>
          <fieldset>
            <legend>{t('caseDesk.field.petitioner')}</legend>
            <small>{t('caseDesk.confidential')}</small>
            <div className="intake-grid">
              {field('petitioner', t('caseDesk.field.petitioner'))}
              {field('phone', t('caseDesk.field.phone'), 'tel')}
              {field('idNumber', t('caseDesk.field.idNumber'))}
            </div>
          </fieldset>
          {field('complaint', t('caseDesk.field.complaint'), 'textarea')}
          {field('demands', t('caseDesk.field.demands'), 'textarea')}
          <div className="intake-grid">
            {field('place', t('caseDesk.field.place'))}
            <label className="field">
              {t('caseDesk.field.assignee')}
              <input list="intake-officers" value={draft.assignee ?? ''} onChange={set('assignee')} />
              <datalist id="intake-officers">{officers.map((o) => <option key={o} value={o} />)}</datalist>
            </label>
          </div>
          <fieldset>
            <legend>{t('caseDesk.field.location')}</legend>
            <p role="status" className="hint">{location ? t('caseDesk.intake.located', { how: location.how }) : t('caseDesk.intake.noLocation')}</p>
            <div className="intake-location">
              <button type="button" onClick={() => useCaseStore.getState().setPicking(true)}>{t('caseDesk.intake.pickOnMap')}</button>
              <button type="button" disabled={!drawn} onClick={useDrawn}>{t('caseDesk.intake.useDrawn')}</button>
            </div>
            <div className="intake-location">
              <label className="field grow">
                {t('caseDesk.intake.locateText')}
                <input value={locateText} onChange={(e) => setLocateText(e.target.value)} title={t('caseDesk.intake.locateHint')} />
              </label>
              <button type="button" onClick={() => void locate()} disabled={!locateText.trim()}>{t('caseDesk.intake.locate')}</button>
            </div>
            {field('radiusM', t('caseDesk.field.radius'))}
          </fieldset>
          {problem && <p role="alert" className="error">{problem}</p>}
          <div className="buttons">
            <button type="button" onClick={() => useCaseStore.getState().setIntakeOpen(false)}>{t('caseDesk.intake.cancel')}</button>
            <button type="submit" className="primary">{t('caseDesk.intake.save')}</button>
          </div>
        </form>
      </dialog>
    </>
  );
}
