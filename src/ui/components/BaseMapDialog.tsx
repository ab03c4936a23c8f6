import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { baseMapProblem, formatFileSize } from '../../map/baseMaps';
import type { BaseMapProblem, BaseMapSettings, TiandituMatrixSet } from '../../map/baseMaps';
import { localPmtiles, openLocalPmtiles, PmtilesProblem } from '../../map/pmtilesSource';
import type { PmtilesArchive } from '../../map/pmtilesSource';
import { useAppStore } from '../store';
import { workspaceBbox } from '../workspaceView';

type Kind = BaseMapSettings['kind'];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'offline', label: 'baseMap.offline' },
  { kind: 'tianditu-img', label: 'baseMap.tiandituImg' },
  { kind: 'tianditu-vec', label: 'baseMap.tiandituVec' },
  { kind: 'xyz', label: 'baseMap.xyz' },
  { kind: 'pmtiles', label: 'baseMap.pmtiles' },
  { kind: 'pmtiles-file', label: 'baseMap.pmtilesFile' },
];

interface PickedFile {
  name: string;
  size: number;
  archive: PmtilesArchive;
}

const isTianditu = (kind: Kind): kind is 'tianditu-img' | 'tianditu-vec' => kind === 'tianditu-img' || kind === 'tianditu-vec';

/** The base map settings dialog; its form is built afresh from the current settings each time it opens. */
export function BaseMapDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const missingFile = useAppStore((s) => s.baseMapMissingFile);
  const setBaseMapError = useAppStore((s) => s.setBaseMapError);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  // A local file chosen before the reload cannot be reopened by the page: say so, in the current language.
  useEffect(() => {
    if (missingFile) setBaseMapError(t('baseMap.fileGone', { name: missingFile.name, size: formatFileSize(missingFile.size) }));
  }, [missingFile, t, setBaseMapError]);

  return (
    <dialog ref={dialog} aria-labelledby="basemap-heading" onClose={onClose} className="dialog">
      {open && <BaseMapForm onClose={onClose} />}
    </dialog>
  );
}

function fileProblem(name: string, error: unknown): BaseMapProblem {
  const reason = error instanceof Error ? error.message : String(error);
  return { key: error instanceof PmtilesProblem && error.code === 'tileType' ? 'baseMap.error.tileType' : 'baseMap.error.notPmtiles', values: { name, reason } };
}

function fileSummary(t: TFunction, picked: PickedFile): string {
  const { archive } = picked;
  const vector = archive.format === 'mvt' || archive.format === 'mlt';
  return t('baseMap.fileSummary', {
    name: picked.name,
    size: formatFileSize(picked.size),
    type: vector ? t('baseMap.fileVector', { count: archive.vectorLayers.length }) : t('baseMap.fileRaster', { format: archive.format.toUpperCase() }),
    minZoom: archive.minZoom,
    maxZoom: archive.maxZoom,
  });
}

function BaseMapForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const current = useAppStore((s) => s.baseMap);
  const missingFile = useAppStore((s) => s.baseMapMissingFile);
  const setBaseMap = useAppStore((s) => s.setBaseMap);
  const [kind, setKind] = useState<Kind>(missingFile ? 'pmtiles-file' : current.kind);
  const [key, setKey] = useState('key' in current ? current.key : '');
  const [matrixSet, setMatrixSet] = useState<TiandituMatrixSet>('matrixSet' in current ? current.matrixSet : 'w');
  const [mirror, setMirror] = useState('mirror' in current ? current.mirror : '');
  const [url, setUrl] = useState('url' in current ? current.url : '');
  const [picked, setPicked] = useState<PickedFile | null>(() => {
    if (current.kind !== 'pmtiles-file') return null;
    const archive = localPmtiles(current.name, current.size);
    return archive ? { name: current.name, size: current.size, archive } : null;
  });
  const [reading, setReading] = useState<string | null>(null);
  const [problem, setProblem] = useState<BaseMapProblem | null>(null);

  const pickFile = (file: File | undefined) => {
    if (!file) return;
    setReading(file.name);
    setProblem(null);
    openLocalPmtiles(file).then(
      (archive) => {
        setPicked({ name: file.name, size: file.size, archive });
        setReading(null);
      },
      (error: unknown) => {
        // A bad file changes nothing: the previous pick, if any, stays.
        setProblem(fileProblem(file.name, error));
        setReading(null);
      },
    );
  };

  const settings = (): BaseMapSettings | null => {
    if (isTianditu(kind)) return { kind, key: key.trim(), matrixSet, mirror: mirror.trim() };
    if (kind === 'xyz' || kind === 'pmtiles') return { kind, url: url.trim() };
    if (kind === 'pmtiles-file') return picked ? { kind, name: picked.name, size: picked.size } : null;
    return { kind: 'offline' };
  };

  const apply = (event: React.FormEvent) => {
    event.preventDefault();
    if (reading) return;
    const chosen = settings();
    const issue = chosen ? baseMapProblem(chosen) : { key: 'baseMap.error.noFile' };
    setProblem(issue);
    if (!chosen || issue) return;
    setBaseMap(chosen);
    // Show a picked archive that lies elsewhere; one covering the workspace leaves the view as it is.
    const bounds = chosen.kind === 'pmtiles-file' ? picked?.archive.bounds : null;
    const { workspace, zoomTo } = useAppStore.getState();
    const box = workspace ? workspaceBbox(workspace) : null;
    const centre = box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : null;
    if (bounds && !(centre && centre[0]! >= bounds[0] && centre[0]! <= bounds[2] && centre[1]! >= bounds[1] && centre[1]! <= bounds[3])) zoomTo(bounds);
    onClose();
  };

  return (
    <form onSubmit={apply}>
      <h2 id="basemap-heading">{t('baseMap.heading')}</h2>
      <fieldset>
        <legend>{t('baseMap.heading')}</legend>
        {KINDS.map((option) => (
          <label key={option.kind} className="radio">
            <input type="radio" name="basemap" value={option.kind} checked={kind === option.kind} onChange={() => { setKind(option.kind); setProblem(null); }} />
            {t(option.label)}
          </label>
        ))}
      </fieldset>
      {isTianditu(kind) && (
        <>
          <label className="field">
            {t('baseMap.key')}
            <input type="text" value={key} onChange={(e) => setKey(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <label className="field">
            {t('baseMap.matrixSet')}
            <select value={matrixSet} onChange={(e) => setMatrixSet(e.target.value as TiandituMatrixSet)} aria-describedby={matrixSet === 'c' ? 'basemap-matrixset-hint' : undefined}>
              <option value="w">{t('baseMap.matrixSetW')}</option>
              <option value="c">{t('baseMap.matrixSetC')}</option>
            </select>
            {matrixSet === 'c' && <small id="basemap-matrixset-hint">{t('baseMap.matrixSetCHint')}</small>}
          </label>
          <label className="field">
            {t('baseMap.mirror')}
            {/* type=text: the dialog's one url field is the tile address of the XYZ and PMTiles choices. */}
            <input type="text" inputMode="url" value={mirror} onChange={(e) => setMirror(e.target.value)} spellCheck={false} aria-describedby="basemap-mirror-hint" />
            <small id="basemap-mirror-hint">{t('baseMap.mirrorHint')}</small>
          </label>
        </>
      )}
      {(kind === 'xyz' || kind === 'pmtiles') && (
        <label className="field">
          {t('baseMap.url')}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} aria-describedby="basemap-hint" />
          <small id="basemap-hint">{t(kind === 'xyz' ? 'baseMap.xyzHint' : 'baseMap.pmtilesHint')}</small>
        </label>
      )}
      {kind === 'pmtiles-file' && (
        <div className="field">
          <label className="field">
            {t('baseMap.pickFile')}
            <input type="file" accept=".pmtiles" onChange={(e) => pickFile(e.target.files?.[0])} />
          </label>
          <small role="status">
            {reading
              ? t('baseMap.fileReading', { name: reading })
              : picked
                ? fileSummary(t, picked)
                : missingFile
                  ? t('baseMap.filePickAgain', { name: missingFile.name, size: formatFileSize(missingFile.size) })
                  : ''}
          </small>
        </div>
      )}
      {problem && <p role="alert" className="error">{t(problem.key, problem.values ?? {})}</p>}
      <p className="hint">{t('baseMap.remembered')}</p>
      <div className="buttons">
        <button type="button" onClick={onClose}>{t('baseMap.cancel')}</button>
        <button type="submit" className="primary" disabled={reading !== null}>{t('baseMap.apply')}</button>
      </div>
    </form>
  );
}
