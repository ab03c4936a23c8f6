import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_ALIASES, LAYER_KINDS, mapFields } from '../../core';
import type { CrsInfo, LayerKind } from '../../core';
import type { InspectReport } from '../../io/inspect';
import { crsChoiceGroups, crsLabel } from '../crsChoices';
import { crsReasonText } from '../crsReason';
import { persistLayer } from '../cases/workspacePersistence';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import { ImportProgress, useShownAfterAMoment } from './ImportProgress';

// The import dialog: what inspect found (format, CRS and how it was decided, features, fields, encoding,
// problems), the CRS to read the coordinates in (the detected one unless the user names another), the
// layer kind and the field mapping. A CRS or file the core refuses is said here; the workspace stays as it was.

export interface PendingImport {
  name: string;
  bytes: Uint8Array;
  report: InspectReport;
}

export function guessKind(report: InspectReport): LayerKind {
  const names = report.fields.map((f) => f.name);
  const scored = LAYER_KINDS.map((kind) => [kind, Object.keys(mapFields(kind, names)).length] as const).sort((a, b) => b[1] - a[1]);
  return scored[0]![1] > 0 ? scored[0]![0] : 'real_estate';
}

// The registry's CRS list, asked of the worker once per page.
let knownCrs: Promise<CrsInfo[]> | null = null;

export function ImportDialog({ pending, onDone }: { pending: PendingImport; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const detected = pending.report.crs?.code ?? '';
  const fieldNames = pending.report.fields.map((f) => f.name);
  const [kind, setKind] = useState<LayerKind>(() => guessKind(pending.report));
  const [mapping, setMapping] = useState<Record<string, string>>(() => mapFields(guessKind(pending.report), fieldNames));
  const [crs, setCrs] = useState(detected);
  /** What inspect says with the chosen CRS (the first report while it is the detected one). */
  const [report, setReport] = useState(pending.report);
  /** The last refusal of the worker; one about the chosen CRS keeps Add disabled until another CRS is chosen. */
  const [refusal, setRefusal] = useState<{ message: string; ofCrs: boolean } | null>(null);
  const [working, setWorking] = useState<{ stage: 'inspecting' | 'adding'; job: number } | null>(null);
  const jobs = useRef(0);
  const [known, setKnown] = useState<CrsInfo[]>([]);
  const layerAdded = useAppStore((s) => s.layerAdded);
  const progressShown = useShownAfterAMoment(working?.job ?? null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    let live = true;
    knownCrs ??= getWorker().knownCrs();
    void knownCrs.then((list) => live && setKnown(list));
    return () => {
      live = false;
    };
  }, []);

  const groups = useMemo(() => crsChoiceGroups(known, detected || null, pending.report.bbox), [known, detected, pending.report.bbox]);

  const close = () => {
    jobs.current++;
    dialog.current?.close();
    onDone();
  };

  const chooseKind = (next: LayerKind) => {
    setKind(next);
    setMapping(mapFields(next, fieldNames));
  };

  /** Reads the file again in the chosen CRS, so the extent and problems shown are the ones it would have. */
  const chooseCrs = async (code: string) => {
    setCrs(code);
    setRefusal(null);
    const job = ++jobs.current;
    if (code === detected) {
      setReport(pending.report);
      setWorking(null);
      return;
    }
    setWorking({ stage: 'inspecting', job });
    const result = await getWorker().inspect(pending.bytes, pending.name, code);
    if (job !== jobs.current) return;
    setWorking(null);
    if ('error' in result) setRefusal({ message: result.error, ofCrs: true });
    else setReport(result.report);
  };

  const add = async () => {
    const job = ++jobs.current;
    setWorking({ stage: 'adding', job });
    setRefusal(null);
    const result = await getWorker().addLayer(pending.bytes, pending.name, kind, mapping, crs && crs !== detected ? crs : undefined);
    if (job !== jobs.current) {
      // Closed while the worker was adding: take the layer out again, so the workspace is as the user left it.
      if ('layer' in result) void getWorker().removeLayer(result.layer.id);
      return;
    }
    setWorking(null);
    if ('error' in result) {
      setRefusal({ message: result.error, ofCrs: false });
      return;
    }
    try {
      // Saved before it is shown: a layer on the panel is a layer that survives a reload.
      await persistLayer({ id: result.layer.id, name: pending.name, kind, fileName: pending.name, bytes: pending.bytes, fields: result.layer.fields, crs: result.layer.crs.code });
    } catch (error) {
      void getWorker().removeLayer(result.layer.id);
      setRefusal({ message: (error as Error).message, ofCrs: false });
      return;
    }
    layerAdded(result.layer);
    close();
  };

  const bbox = report.bbox?.map((v) => v.toFixed(5)).join(', ');
  const overridden = crs !== detected && refusal === null && working === null;
  return (
    <dialog ref={dialog} className="dialog import-dialog" aria-labelledby="import-heading" onClose={() => { jobs.current++; onDone(); }}>
      <h2 id="import-heading">{t('importer.heading', { name: pending.name })}</h2>
      <dl className="facts">
        <dt>{t('importer.format')}</dt>
        <dd>{report.format}</dd>
        <dt>{t('importer.crs')}</dt>
        <dd>
          {report.crs ? `${report.crs.code} (${t(`crsSource.${report.crs.source}`)})` : '—'}
          <small> {report.crs ? crsReasonText(report.crs.reason, i18n.language) : ''}</small>
          {report.axesSwapped && <small> {t('importer.axesSwapped')}</small>}
        </dd>
        <dt>{t('importer.features')}</dt>
        <dd>{report.featureCount ?? '—'}</dd>
        <dt>{t('importer.encoding')}</dt>
        <dd>{report.encoding ?? '—'}</dd>
        <dt>{t('importer.bbox')}</dt>
        <dd>{bbox ?? '—'}</dd>
        <dt>{t('importer.fields')}</dt>
        <dd>{fieldNames.join(', ') || '—'}</dd>
        <dt>{t('importer.problems')}</dt>
        <dd>
          {report.problems.length === 0 ? t('importer.noProblems') : (
            <ul aria-label={t('importer.problems')}>
              {report.problems.map((p) => (
                <li key={p.kind}>{t(`problem.${p.kind}`)}: {p.count}{p.examples[0]?.id ? ` (${p.examples.map((e) => e.id).filter(Boolean).join(', ')})` : ''}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <label className="field">
        {t('importer.crsChoice')}
        <select value={crs} disabled={working?.stage === 'adding'} onChange={(e) => void chooseCrs(e.target.value)}>
          {!detected && <option value="" disabled>—</option>}
          {known.length === 0 && detected && <option value={detected}>{detected}</option>}
          {groups.map((group) => (
            <optgroup key={group.key} label={t(`importer.crsGroup.${group.key}`)}>
              {group.crs.map((info) => (
                <option key={info.code} value={info.code}>
                  {group.key === 'detected' ? t('importer.crsDetected', { label: crsLabel(info, t) }) : crsLabel(info, t)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      {overridden && <p className="hint">{t('importer.crsOverride', { code: crs, detected })}</p>}
      <label className="field">
        {t('importer.kind')}
        <select value={kind} onChange={(e) => chooseKind(e.target.value as LayerKind)}>
          {LAYER_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </select>
      </label>
      <table className="mapping">
        <caption>{t('importer.mapping')}</caption>
        <thead>
          <tr><th scope="col">{t('importer.canonical')}</th><th scope="col">{t('importer.source')}</th></tr>
        </thead>
        <tbody>
          {Object.keys(FIELD_ALIASES[kind]).map((canonical) => (
            <tr key={canonical}>
              <th scope="row">{t(`field.${canonical}`)}</th>
              <td>
                <select aria-label={`${t('importer.source')} ${t(`field.${canonical}`)}`} value={mapping[canonical] ?? ''} onChange={(e) => {
                  const next = { ...mapping };
                  if (e.target.value) next[canonical] = e.target.value;
                  else delete next[canonical];
                  setMapping(next);
                }}>
                  <option value="">{t('importer.notMapped')}</option>
                  {fieldNames.map((f) => <option key={f} value={f}>{f}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refusal && <p role="alert" className="import-refusal">{t('importer.failed', { message: refusal.message })}</p>}
      {working && progressShown && <ImportProgress progress={{ stage: working.stage, name: pending.name }} className="in-dialog" />}
      <div className="buttons" lang={i18n.language}>
        <button type="button" onClick={close}>{t('importer.cancel')}</button>
        <button type="button" className="primary" disabled={working !== null || refusal?.ofCrs === true} onClick={() => void add()}>{t('importer.add')}</button>
      </div>
    </dialog>
  );
}
