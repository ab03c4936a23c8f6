import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardFigures } from '../../core';
import { useCaseStore, useLedgerRows } from '../cases/caseStore';
import { useAppStore } from '../store';
import { Dashboard } from './Dashboard';

// The supervisor's tab: figures and charts over the whole ledger; a listed case opens on the map.

export function DashboardTab() {
  const { t } = useTranslation();
  const rows = useLedgerRows();
  const figures = useMemo(() => dashboardFigures(rows), [rows]);
  return (
    <section className="tab-page" id="view-dashboard" role="tabpanel" aria-labelledby="tab-dashboard">
      <button
        type="button"
        onClick={() => {
          useCaseStore.getState().setDensityShown(true);
          useCaseStore.getState().setView('map');
        }}
      >
        {t('caseDesk.densityOnMap')}
      </button>
      <Dashboard
        figures={figures}
        onOpenCase={(id) => {
          useAppStore.getState().selectCase(id);
          useCaseStore.getState().setView('map');
        }}
      />
    </section>
  );
}
