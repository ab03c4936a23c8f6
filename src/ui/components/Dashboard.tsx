import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFigures, Lang } from '../../core';
import { dashboardCharts, formatDays, formatPercent } from '../dashboardSeries';
import type { DashboardChart } from '../dashboardSeries';
import { EChart } from './EChart';
import './dashboard.css';

/** One figure with its name; the group is named after the figure so a test or a screen reader can find it. */
function FigureTile({ label, value, warn }: { label: string; value: string; warn?: boolean }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={warn ? 'tile warn' : 'tile'}>
      <span id={id} className="tile-label">{label}</span>
      <span className="tile-value">{value}</span>
    </div>
  );
}

function ChartCard({ chart }: { chart: DashboardChart }) {
  const id = useId();
  return (
    <figure className="chart-card" aria-labelledby={id}>
      <figcaption id={id}>{chart.title}</figcaption>
      <EChart option={chart.option} label={chart.summary} />
    </figure>
  );
}

/** The supervisor's dashboard (DESIGN §1): key figures, charts of the ledger and the overdue cases. */
export function Dashboard({ figures, onOpenCase }: { figures: DashboardFigures; onOpenCase: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const overdueId = useId();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const charts = useMemo(
    () =>
      dashboardCharts(figures, lang, {
        byStatus: t('dashboard.charts.byStatus'),
        byCategory: t('dashboard.charts.byCategory'),
        byChannel: t('dashboard.charts.byChannel'),
        byMonth: t('dashboard.charts.byMonth'),
        received: t('dashboard.charts.received'),
        closed: t('dashboard.charts.closed'),
        unspecified: t('dashboard.charts.unspecified'),
        noData: t('dashboard.charts.noData'),
      }),
    [figures, lang, t],
  );

  return (
    <section className="dashboard" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.heading')}</h2>
      <div className="dashboard-tiles" role="group" aria-label={t('dashboard.figures')}>
        <FigureTile label={t('dashboard.tiles.total')} value={String(figures.total)} />
        <FigureTile label={t('dashboard.tiles.resolutionRate')} value={formatPercent(figures.resolutionRate)} />
        <FigureTile label={t('dashboard.tiles.meanDaysToClose')} value={formatDays(figures.meanDaysToClose, t('dashboard.notAvailable'))} />
        <FigureTile label={t('dashboard.tiles.repeatRate')} value={formatPercent(figures.repeatRate)} />
        <FigureTile label={t('dashboard.tiles.overdue')} value={String(figures.overdue.length)} warn={figures.overdue.length > 0} />
        <FigureTile label={t('dashboard.tiles.dueSoon')} value={String(figures.dueSoon)} />
      </div>
      <div className="dashboard-charts">
        <ChartCard chart={charts.status} />
        <ChartCard chart={charts.category} />
        <ChartCard chart={charts.channel} />
        <ChartCard chart={charts.month} />
      </div>
      <section className="dashboard-overdue" aria-labelledby={overdueId}>
        <h3 id={overdueId}>{t('dashboard.overdue.heading')}</h3>
        {figures.overdue.length === 0 ? (
          <p>{t('dashboard.overdue.none')}</p>
        ) : (
          <table aria-labelledby={overdueId}>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.overdue.id')}</th>
                <th scope="col">{t('dashboard.overdue.dueDate')}</th>
                <th scope="col" className="number">{t('dashboard.overdue.daysOverdue')}</th>
                <th scope="col">{t('dashboard.overdue.assignee')}</th>
                <th scope="col">{t('dashboard.overdue.action')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.overdue.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.id}</th>
                  <td>{row.dueDate}</td>
                  <td className="number">{row.daysOverdue}</td>
                  <td>{row.assignee ?? t('dashboard.overdue.unassigned')}</td>
                  <td>
                    <button type="button" aria-label={t('dashboard.overdue.openCase', { id: row.id })} onClick={() => onOpenCase(row.id)}>
                      {t('dashboard.overdue.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
