import { useTranslation } from 'react-i18next';
import { useCaseStore } from '../cases/caseStore';
import { useAppStore } from '../store';

/** Shows a vocabulary value in the UI language when it is a known term, else as the ledger wrote it. */
function useTerm() {
  const { t, i18n } = useTranslation();
  return (group: 'channel' | 'category' | 'status', value: string | null) =>
    value === null ? '' : i18n.exists(`${group}.${value}`) ? t(`${group}.${value}`) : value;
}

/** The most cases the sidebar lists. */
const SIDEBAR_LIMIT = 200;

export function CaseList() {
  const { t } = useTranslation();
  const term = useTerm();
  const workspace = useAppStore((s) => s.workspace);
  const files = useCaseStore((s) => s.files);
  const densityShown = useCaseStore((s) => s.densityShown);
  const all = files.map((f) => f.record);
  // Beside the map, a list of thousands would be slow and of no use: the newest, and the ledger for the rest.
  const cases = all.length > SIDEBAR_LIMIT ? all.slice(-SIDEBAR_LIMIT).reverse() : all;
  const selectedCaseId = useAppStore((s) => s.selectedCaseId);
  const selectCase = useAppStore((s) => s.selectCase);
  if (!workspace) return null;
  return (
    <section className="panel" aria-labelledby="cases-heading">
      <h2 id="cases-heading">
        {t('cases.heading')} <small>{t('cases.count', { count: all.length })}</small>
      </h2>
      {all.length > SIDEBAR_LIMIT && (
        <p className="hint">
          {t('caseDesk.listLimited', { shown: SIDEBAR_LIMIT, count: all.length })}{' '}
          <button type="button" className="link" onClick={() => useCaseStore.getState().setView('ledger')}>{t('caseDesk.seeAll')}</button>
        </p>
      )}
      <div className="case-actions">
        <button type="button" onClick={() => useCaseStore.getState().setIntakeOpen(true)}>{t('caseDesk.intake.open')}</button>
        <button type="button" onClick={() => useCaseStore.getState().setLedgerImportOpen(true)}>{t('caseDesk.ledgerImport.open')}</button>
      </div>
      <label className="density-toggle">
        <input type="checkbox" checked={densityShown} onChange={(e) => useCaseStore.getState().setDensityShown(e.target.checked)} /> {t('caseDesk.density')}
      </label>
      {cases.length === 0 ? (
        <p>{t('cases.empty')}</p>
      ) : (
        <ul className="case-list" aria-label={t('cases.heading')}>
          {cases.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={c.id === selectedCaseId ? 'case selected' : 'case'}
                aria-pressed={c.id === selectedCaseId}
                aria-label={t('cases.select', { id: c.id })}
                onClick={() => selectCase(c.id)}
              >
                <span className="case-id">{c.id}</span>
                <span className="case-meta">
                  {term('category', c.category)} · {term('channel', c.channel)} · {c.receivedDate ? t('cases.received', { date: c.receivedDate }) : ''}
                </span>
                {c.complaint && <span className="case-text">{c.complaint}</span>}
                {c.place && <span className="case-place">{c.place}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
