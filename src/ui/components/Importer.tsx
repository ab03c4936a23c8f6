import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_ALIASES, LAYER_KINDS, mapFields } from '../../core';
import type { LayerKind } from '../../core';
import type { InspectReport } from '../../io/inspect';
import { crsReasonText } from '../crsReason';
import { useAppStore } from '../store';
import { getWorker } from '../worker';

// Import: pick or drop a file, see what inspect found (format, CRS and how it was decided, features,
// fields, encoding, problems), choose the layer kind, correct the field mapping, add. A refused file
// leaves the workspace as it was and says why.

interface Pending {
  name: string;
  bytes: Uint8Array;
  report: InspectReport;
}

/** A zipped Shapefile may come as loose parts; the .shp is read with the ones beside it. */
async function filesToInputs(files: File[]): Promise<{ name: string; bytes: Uint8Array }[]> {
  const byBase = new Map<string, File[]>();
  for (const f of files) {
    const base = f.name.replace(/\.[^.]+$/, '').toLowerCase();
    byBase.set(base, [...(byBase.get(base) ?? []), f]);
  }
  const inputs: { name: string; bytes: Uint8Array }[] = [];
  for (const group of byBase.values()) {
    const shp = group.find((f) => /\.shp$/i.test(f.name));
    if (shp) {
      const { zipSync } = await import('fflate');
      const parts = Object.fromEntries(await Promise.all(group.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as const)));
      inputs.push({ name: shp.name.replace(/\.shp$/i, '.zip'), bytes: zipSync(parts) });
    } else for (const f of group) inputs.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return inputs;
}

export function guessKind(report: InspectReport): LayerKind {
  const names = report.fields.map((f) => f.name);
  const scored = LAYER_KINDS.map((kind) => [kind, Object.keys(mapFields(kind, names)).length] as const).sort((a, b) => b[1] - a[1]);
  return scored[0]![1] > 0 ? scored[0]![0] : 'real_estate';
}

export function Importer() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const setImportError = useAppStore((s) => s.setImportError);

  const start = useCallback(
    async (files: File[]) => {
      const inputs = await filesToInputs(files);
      const first = inputs[0];
      if (!first) return;
      setBusy(first.name);
      if (/\.tiff?$/i.test(first.name)) {
        // Imagery needs no field mapping: every picked GeoTIFF is added in turn.
        for (const image of inputs.filter((i) => /\.tiff?$/i.test(i.name))) {
          const added = await getWorker().addImagery(image.bytes, image.name);
          if ('error' in added) setImportError(added.error);
          else useAppStore.getState().imageryAdded(added.imagery);
        }
        setBusy(null);
        return;
      }
      const result = await getWorker().inspect(first.bytes, first.name);
      setBusy(null);
      if ('error' in result) setImportError(result.error);
      else setPending({ ...first, report: result.report });
    },
    [setImportError],
  );

  // Files dropped anywhere on the page are imported.
  useEffect(() => {
    const over = (e: DragEvent) => e.preventDefault();
    const drop = (e: DragEvent) => {
      e.preventDefault();
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void start(files);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [start]);

  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>{t('importer.button')}</button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('importer.pick')}
        accept=".geojson,.json,.topojson,.zip,.shp,.dbf,.shx,.prj,.cpg,.txt,.kml,.kmz,.csv,.xlsx,.fgb,.tif,.tiff"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) void start(files);
        }}
      />
      {busy && <span role="status" className="busy">{t('importer.reading', { name: busy })}</span>}
      {pending && <ImportDialog pending={pending} onDone={() => setPending(null)} />}
    </>
  );
}

function ImportDialog({ pending, onDone }: { pending: Pending; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const { report } = pending;
  const fieldNames = report.fields.map((f) => f.name);
  const [kind, setKind] = useState<LayerKind>(() => guessKind(report));
  const [mapping, setMapping] = useState<Record<string, string>>(() => mapFields(guessKind(report), fieldNames));
  const [adding, setAdding] = useState(false);
  const layerAdded = useAppStore((s) => s.layerAdded);
  const setImportError = useAppStore((s) => s.setImportError);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const chooseKind = (next: LayerKind) => {
    setKind(next);
    setMapping(mapFields(next, fieldNames));
  };

  const add = async () => {
    setAdding(true);
    const result = await getWorker().addLayer(pending.bytes, pending.name, kind, mapping);
    setAdding(false);
    if ('error' in result) setImportError(result.error);
    else layerAdded(result.layer);
    dialog.current?.close();
    onDone();
  };

  const bbox = report.bbox?.map((v) => v.toFixed(5)).join(', ');
  return (
    <dialog ref={dialog} className="dialog import-dialog" aria-labelledby="import-heading" onClose={onDone}>
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
      <div className="buttons" lang={i18n.language}>
        <button type="button" onClick={() => { dialog.current?.close(); onDone(); }}>{t('importer.cancel')}</button>
        <button type="button" className="primary" disabled={adding} onClick={() => void add()}>{t('importer.add')}</button>
      </div>
    </dialog>
  );
}

export function ImportError() {
  const { t } = useTranslation();
  const message = useAppStore((s) => s.importError);
  const setImportError = useAppStore((s) => s.setImportError);
  if (!message) return null;
  return (
    <div role="alert" className="map-banner import-error">
      {t('importer.failed', { message })}{' '}
      <button type="button" aria-label={t('importer.dismiss')} onClick={() => setImportError(null)}>×</button>
    </div>
  );
}
