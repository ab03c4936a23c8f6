import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workspaceAreaCrs } from '../io/verification';
import { BaseMapDialog } from './components/BaseMapDialog';
import { CoordinateReadout } from './components/CoordinateReadout';
import { DrawTools } from './components/DrawTools';
import { IdentifyPanel } from './components/IdentifyPanel';
import { Importer, ImportError } from './components/Importer';
import { LocateBox } from './components/LocateBox';
import { SwipeBar } from './components/SwipeBar';
import { CaseList } from './components/CaseList';
import { LayerPanel } from './components/LayerPanel';
import { ImageryPanel } from './components/ImageryPanel';
import { SideBySide } from './components/SideBySide';
import { MapView } from './components/MapView';
import { LANGUAGES, rememberLanguage } from './i18n';
import type { Language } from './i18n';
import { CaseDesk } from './components/CaseDesk';
import { CaseSettingsDialog } from './components/CaseSettingsDialog';
import { IntakeForm } from './components/IntakeForm';
import { WorkspaceBackup } from './components/WorkspaceBackup';
import { LedgerImportDialog } from './components/LedgerImportDialog';
import { LedgerTab } from './components/LedgerTab';
import { DashboardTab } from './components/DashboardTab';
import { PatchQueue } from './components/PatchQueue';
import { PatchDesk } from './components/PatchDesk';
import { useCaseStore } from './cases/caseStore';
import type { CasesView } from './cases/caseStore';
import { openPersistedWorkspace, workspaceKeyOf } from './cases/workspacePersistence';
import { setVerifier } from './pageHook';
import { useAppStore } from './store';
import { getWorker } from './worker';

/** The sample county the app opens on; ?workspace=URL opens another manifest. */
const DEFAULT_MANIFEST = 'data/sample/sample.landcheck.json';

// One load per page, even when React mounts the app twice (StrictMode in development).
let loadStarted = false;

export function App() {
  const { t, i18n } = useTranslation();
  const status = useAppStore((s) => s.status);
  const error = useAppStore((s) => s.error);
  const workspace = useAppStore((s) => s.workspace);
  const baseMapError = useAppStore((s) => s.baseMapError);
  const [baseMapOpen, setBaseMapOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const view = useCaseStore((s) => s.view);
  const setView = useCaseStore((s) => s.setView);
  const user = useCaseStore((s) => s.user);
  const setUser = useCaseStore((s) => s.setUser);
  const areaCrs = useMemo(() => (workspace ? workspaceAreaCrs(workspace) : 'EPSG:4547'), [workspace]);

  useEffect(() => {
    if (loadStarted) return;
    loadStarted = true;
    const manifestUrl = new URLSearchParams(location.search).get('workspace') ?? DEFAULT_MANIFEST;
    const { workspaceLoaded, workspaceFailed, setWorkspaceKey } = useAppStore.getState();
    const worker = getWorker();
    const key = workspaceKeyOf(manifestUrl);
    setWorkspaceKey(key);
    worker
      .load(new URL(manifestUrl, document.baseURI).href)
      .then(async (view) => {
        workspaceLoaded(view);
        // Then what this browser kept of it: the cases as last saved, and the layers the user added.
        await openPersistedWorkspace(view, key);
        if (window.__landcheck) window.__landcheck.casesReady = true;
      })
      .catch((e: unknown) => workspaceFailed(e instanceof Error ? e.message : String(e)));
    setVerifier((generatedAt, date) => worker.verify({ lang: 'zh-CN', generatedAt, date }));
  }, []);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  const changeLanguage = (language: Language) => {
    rememberLanguage(localStorage, language);
    void i18n.changeLanguage(language);
  };

  return (
    <div className="app">
      <a href="#map" className="skip-link">{t('app.skipToMap')}</a>
      <header className="topbar">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
        {workspace && <span className="workspace-name">{workspace.manifest.name}</span>}
        {workspace && (
          <div role="tablist" aria-label={t('caseDesk.tabsLabel')} className="view-tabs">
            {(['map', 'patches', 'ledger', 'dashboard'] as CasesView[]).map((v) => (
              <button key={v} type="button" role="tab" id={`tab-${v}`} aria-selected={view === v} aria-controls={`view-${v}`} onClick={() => setView(v)}>
                {t(`caseDesk.tabs.${v}`)}
              </button>
            ))}
          </div>
        )}
        <div className="topbar-actions">
          {workspace && <LocateBox />}
          {workspace && <Importer />}
          <details className="menu">
            <summary>{t('caseDesk.workspaceMenu')}</summary>
            <div className="menu-body">
              <label title={t('caseDesk.userHint')}>
                {t('caseDesk.user')} <input className="user-name" value={user} onChange={(e) => setUser(e.target.value)} placeholder={t('caseDesk.unsigned')} />
              </label>
              {workspace && <WorkspaceBackup />}
              {workspace && <button type="button" onClick={() => setSettingsOpen(true)}>{t('caseDesk.settings.open')}</button>}
              <button type="button" onClick={() => setBaseMapOpen(true)}>{t('baseMap.button')}</button>
            </div>
          </details>
          <label>
            {t('language.label')}{' '}
            <select value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
              {LANGUAGES.map((lang) => (
                <option key={lang} value={lang}>{t(lang === 'en' ? 'language.en' : 'language.zh')}</option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <main className="workbench" id={view === 'patches' ? 'view-patches' : 'view-map'} role={workspace ? 'tabpanel' : undefined} aria-labelledby={workspace ? `tab-${view === 'patches' ? 'patches' : 'map'}` : undefined} hidden={view !== 'map' && view !== 'patches'}>
        {/* One sidebar per view (keyed), so the patch queue opens at its top, not where the map view was scrolled. */}
        <aside className="sidebar" key={view}>
          {status === 'loading' && <p role="status">{t('app.loading')}</p>}
          {status === 'error' && (
            <div role="alert" className="error">
              <strong>{t('app.loadFailed')}</strong>
              <p>{error}</p>
            </div>
          )}
          {workspace && view === 'patches' && <PatchQueue />}
          {workspace && view === 'map' && <DrawTools areaCrs={areaCrs} />}
          {/* While reviewing patches the map draws only the images and the current outline: a layer list there would claim otherwise. */}
          {view === 'map' && <LayerPanel />}
          {workspace && <ImageryPanel />}
          {view === 'map' && <CaseList />}
        </aside>
        <MapView />
        <SideBySide />
        <SwipeBar />
        {workspace && <IdentifyPanel areaCrs={areaCrs} />}
        {workspace && <CoordinateReadout areaCrs={areaCrs} />}
        <ImportError />
        {baseMapError && <p role="alert" className="map-banner">{t('baseMap.loadError', { message: baseMapError })}</p>}
        {workspace && view === 'map' && <CaseDesk />}
        {workspace && view === 'patches' && <PatchDesk />}
      </main>
      {workspace && view === 'ledger' && <LedgerTab />}
      {workspace && view === 'dashboard' && <DashboardTab />}
      {workspace && <IntakeForm />}
      {workspace && <LedgerImportDialog />}
      {settingsOpen && <CaseSettingsDialog onClose={() => setSettingsOpen(false)} />}
      <BaseMapDialog open={baseMapOpen} onClose={() => setBaseMapOpen(false)} />
    </div>
  );
}
