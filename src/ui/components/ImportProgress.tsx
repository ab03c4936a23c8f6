import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Where an import is: reading the file (bytes known), or waiting on the worker to inspect or add it. */
export type ImportStage =
  | { stage: 'reading'; name: string; loadedBytes: number; totalBytes: number }
  | { stage: 'inspecting' | 'adding'; name: string };

/** Quick imports never flash a bar; one that takes longer than this shows it. */
const SHOW_AFTER_MS = 250;

/**
 * True once `job` (any value naming one import, null when none runs) has run for SHOW_AFTER_MS. A new job
 * starts hidden again.
 */
export function useShownAfterAMoment(job: number | null): boolean {
  const [shownJob, setShownJob] = useState<number | null>(null);
  useEffect(() => {
    if (job === null) return;
    const timer = setTimeout(() => setShownJob(job), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [job]);
  return job !== null && shownJob === job;
}

/** A progress bar named by the stage and the file: determinate while reading, indeterminate in the worker. */
export function ImportProgress({ progress, onStop, className }: { progress: ImportStage; onStop?: () => void; className?: string }) {
  const { t } = useTranslation();
  const labelId = useId();
  const text = t(`importer.${progress.stage}`, { name: progress.name });
  const reading = progress.stage === 'reading' && progress.totalBytes > 0 ? progress : null;
  return (
    <div className={`import-progress ${className ?? ''}`}>
      <span id={labelId} role="status">{text}</span>
      {reading ? (
        <progress aria-labelledby={labelId} max={reading.totalBytes} value={reading.loadedBytes} />
      ) : (
        <progress aria-labelledby={labelId} />
      )}
      {reading && <span className="percent" aria-hidden="true">{Math.floor((100 * reading.loadedBytes) / reading.totalBytes)}%</span>}
      {onStop && <button type="button" aria-label={t('importer.stop', { name: progress.name })} onClick={onStop}>{t('importer.stopShort')}</button>}
    </div>
  );
}
