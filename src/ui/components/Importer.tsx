import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readFiles } from '../readFiles';
import { persistImagery } from '../cases/workspacePersistence';
import { useAppStore } from '../store';
import { getWorker } from '../worker';
import { ImportDialog } from './ImportDialog';
import type { PendingImport } from './ImportDialog';
import { ImportProgress, useShownAfterAMoment } from './ImportProgress';
import type { ImportStage } from './ImportProgress';
import './importer.css';

// Import: pick or drop files; they are read with a progress bar (bytes counted from the file's stream),
// inspected in the worker, and shown in the import dialog before anything is added. A refused file
// leaves the workspace as it was and says why.

const isImage = (name: string) => /\.tiff?$/i.test(name);

/** Files as they will be read: a Shapefile's loose parts travel as one zip named after the .shp. */
interface InputGroup {
  name: string;
  parts: File[];
  zipped: boolean;
}

function groupInputs(files: File[]): InputGroup[] {
  const byBase = new Map<string, File[]>();
  for (const f of files) {
    const base = f.name.replace(/\.[^.]+$/, '').toLowerCase();
    byBase.set(base, [...(byBase.get(base) ?? []), f]);
  }
  return [...byBase.values()].flatMap((group): InputGroup[] => {
    const shp = group.find((f) => /\.shp$/i.test(f.name));
    return shp ? [{ name: shp.name.replace(/\.shp$/i, '.zip'), parts: group, zipped: true }] : group.map((f) => ({ name: f.name, parts: [f], zipped: false }));
  });
}

async function zipParts(parts: File[], bytes: Uint8Array[]): Promise<Uint8Array> {
  const { zipSync } = await import('fflate');
  // Stored, not deflated: the zip only carries the parts to the reader, and compressing would hold the page.
  return zipSync(Object.fromEntries(parts.map((f, i) => [f.name, bytes[i]!])), { level: 0 });
}

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function Importer() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<(ImportStage & { job: number }) | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The running import's stop switch; one import runs at a time, and none while the dialog is open. */
  const running = useRef<AbortController | null>(null);
  const dialogOpen = useRef(false);
  const jobs = useRef(0);
  const setImportError = useAppStore((s) => s.setImportError);
  const progressShown = useShownAfterAMoment(progress?.job ?? null);

  const start = useCallback(
    async (files: File[]) => {
      if (running.current || dialogOpen.current) return;
      const stop = new AbortController();
      running.current = stop;
      const job = ++jobs.current;
      const groups = groupInputs(files);
      const label = files.length === 1 ? files[0]!.name : t('importer.severalFiles', { name: files[0]!.name, count: files.length, others: files.length - 1 });
      // A re-render per percent is plenty for a bar.
      let shownPercent = -1;
      const onBytes = (loadedBytes: number, totalBytes: number) => {
        const percent = totalBytes ? Math.floor((100 * loadedBytes) / totalBytes) : 100;
        if (percent === shownPercent) return;
        shownPercent = percent;
        setProgress({ stage: 'reading', name: label, loadedBytes, totalBytes, job });
      };
      try {
        const parts = groups.flatMap((g) => g.parts);
        const bytes = await readFiles(parts, onBytes, stop.signal);
        if (!bytes) return;
        let next = 0;
        const inputs: { name: string; bytes: Uint8Array }[] = [];
        for (const group of groups) {
          const own = bytes.slice(next, next + group.parts.length);
          next += group.parts.length;
          inputs.push({ name: group.name, bytes: group.zipped ? await zipParts(group.parts, own) : own[0]! });
        }
        const first = inputs[0];
        if (!first) return;
        if (isImage(first.name)) {
          // Imagery needs no field mapping: every picked GeoTIFF is added in turn.
          for (const image of inputs.filter((i) => isImage(i.name))) {
            setProgress({ stage: 'adding', name: image.name, job });
            const added = await getWorker().addImagery(image.bytes, image.name);
            if ('error' in added) setImportError(added.error);
            else {
              // Shown once stored, so it comes back after a reload.
              await persistImagery({ id: added.imagery.id, fileName: image.name, bytes: image.bytes, url: null, date: added.imagery.date });
              useAppStore.getState().imageryAdded(added.imagery);
            }
          }
          return;
        }
        setProgress({ stage: 'inspecting', name: first.name, job });
        const result = await getWorker().inspect(first.bytes, first.name);
        if (stop.signal.aborted) return;
        if ('error' in result) setImportError(result.error);
        else {
          setImportError(null);
          dialogOpen.current = true;
          setPending({ ...first, report: result.report });
        }
      } finally {
        if (running.current === stop) {
          running.current = null;
          setProgress(null);
        }
      }
    },
    [setImportError, t],
  );

  const stopImport = () => {
    running.current?.abort();
    running.current = null;
    setProgress(null);
  };

  // Files dropped anywhere on the page are imported; while they are dragged over it, the page says so.
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void start(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
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
      {dragging && <div className="drop-hint" aria-hidden="true"><span>{t('importer.drop')}</span></div>}
      {progress && progressShown && (
        <ImportProgress progress={progress} className="floating" onStop={progress.stage === 'adding' ? undefined : stopImport} />
      )}
      {pending && (
        <ImportDialog
          pending={pending}
          onDone={() => {
            dialogOpen.current = false;
            setPending(null);
          }}
        />
      )}
    </>
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
