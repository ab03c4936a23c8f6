import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readWorkspaceArchive, writeWorkspaceArchive } from '../../io/workspaceArchive';
import { workspaceDb } from '../cases/caseStore';
import { nowIso, todayLocal } from '../cases/clock';
import { downloadBytes } from '../download';
import { useAppStore } from '../store';

// The whole workspace as one file (DESIGN §8: the backup): everything this browser keeps for it —
// cases with their work, imported layers and images, settings — written as a zip with its schema
// version, and read back into the same workspace. A file refused leaves the stored workspace as it was.

export function WorkspaceBackup() {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const workspace = useAppStore((s) => s.workspace);
  const key = useAppStore((s) => s.workspaceKey);
  if (!workspace || !key) return null;

  const backup = async () => {
    const db = workspaceDb();
    if (!db) return;
    const snapshot = await db.snapshot(key, workspace.manifest.name, nowIso());
    downloadBytes(writeWorkspaceArchive(snapshot), `${workspace.manifest.name}-${todayLocal()}.landcheck.zip`, 'application/zip');
  };

  const restore = async (file: File | undefined) => {
    setProblem(null);
    const db = workspaceDb();
    if (!file || !db) return;
    try {
      const snapshot = await readWorkspaceArchive(new Uint8Array(await file.arrayBuffer()), file.name);
      // Restoring replaces what this browser holds for the workspace: the user says so first.
      if (!window.confirm(t('caseDesk.backup.confirm', { cases: snapshot.cases.length, layers: snapshot.layers.length, savedAt: snapshot.savedAt }))) return;
      // The backup may come from another copy of the same workspace (another path): it is restored here.
      await db.restore({
        ...snapshot,
        key,
        layers: snapshot.layers.map((l) => ({ ...l, workspaceKey: key })),
        imagery: snapshot.imagery.map((i) => ({ ...i, workspaceKey: key })),
      });
      location.reload();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button type="button" title={t('caseDesk.backup.confidential')} onClick={() => void backup()}>{t('caseDesk.backup.save')}</button>
      <button type="button" onClick={() => input.current?.click()}>{t('caseDesk.backup.restore')}</button>
      <input ref={input} type="file" accept=".zip" hidden aria-label={t('caseDesk.backup.restoreFile')} onChange={(e) => void restore(e.target.files?.[0])} />
      {problem && <p role="alert" className="menu-alert">{t('caseDesk.backup.refused', { message: problem })}</p>}
    </>
  );
}
