import { useCallback, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { CASE_CATEGORIES, CASE_CHANNELS, CASE_STATUSES, CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS, filterLedger, sortLedger, toIsoDate } from '../../core';
import type { CaseCategory, CaseChannel, LedgerRow, LedgerSortKey } from '../../core';
import { activeConditionCount, EMPTY_LEDGER_FILTER_FORM, ledgerFilterFromForm, toggleStatus } from '../ledgerFilterForm';
import type { LedgerFilterForm } from '../ledgerFilterForm';
import './ledger.css';

export type LedgerExportFormat = 'xlsx' | 'csv' | 'docx' | 'pdf';

export interface LedgerViewProps {
  /** Every case, unfiltered: the view filters and sorts them itself. */
  rows: LedgerRow[];
  /** The bureau's officers, for the officer filter. */
  officers: string[];
  selectedId: string | null;
  onOpenCase: (id: string) => void;
  /** Called with the rows as currently filtered and sorted. */
  /** xlsx/csv: the ledger table; docx/pdf: each shown case's verification report, in one zip. */
  onExport: (rows: LedgerRow[], format: LedgerExportFormat, unmask: boolean) => void;
  onImport: () => void;
  onNewCase: () => void;
  /** Verifies the shown cases (in their order) against the loaded layers. */
  onVerify: (rows: LedgerRow[]) => void;
  /** A batch verification is running: its button waits. */
  verifying: boolean;
}

type ColumnId = 'id' | 'receivedDate' | 'channel' | 'category' | 'place' | 'status' | 'assignee' | 'dueDate' | 'repeat';

const COLUMNS: { id: ColumnId; sortKey: LedgerSortKey | null }[] = [
  { id: 'id', sortKey: 'id' },
  { id: 'receivedDate', sortKey: 'receivedDate' },
  { id: 'channel', sortKey: 'channel' },
  { id: 'category', sortKey: 'category' },
  { id: 'place', sortKey: null },
  { id: 'status', sortKey: 'status' },
  { id: 'assignee', sortKey: 'assignee' },
  { id: 'dueDate', sortKey: 'dueDate' },
  { id: 'repeat', sortKey: null },
];

/** Must match .ledger-row and .ledger-head heights in ledger.css. */
const ROW_HEIGHT = 34;
const HEADER_HEIGHT = 34;

type Sort = { key: LedgerSortKey; direction: 'asc' | 'desc' };
type Labels = 'zh-CN' | 'en';

function DeadlineCell({ row }: { row: LedgerRow }) {
  const { t } = useTranslation();
  const d = row.deadline;
  if (!d) return null;
  const kind = t(`ledger.deadline.${d.kind}`);
  return (
    <>
      <span className="ledger-due-kind">{kind}</span>
      <span className="ledger-due-date" title={t('ledger.deadline.kindTitle', { kind, date: d.dueDate })}>{d.dueDate}</span>
      {d.mark !== 'onTime' && <span className={`ledger-mark ledger-mark-${d.mark}`}>{t(`ledger.deadline.${d.mark}`)}</span>}
      {d.mark === 'overdue' && <span className="ledger-days">{t('ledger.deadline.daysOver', { days: Math.abs(d.daysLeft) })}</span>}
      {d.mark === 'dueSoon' && <span className="ledger-days">{d.daysLeft <= 0 ? t('ledger.deadline.dueToday') : t('ledger.deadline.daysLeft', { days: d.daysLeft })}</span>}
    </>
  );
}

export function LedgerView({ rows, officers, selectedId, onOpenCase, onExport, onImport, onNewCase, onVerify, verifying }: LedgerViewProps) {
  const { t, i18n } = useTranslation();
  const labels: Labels = i18n.language.startsWith('en') ? 'en' : 'zh-CN';
  const ids = {
    heading: useId(),
    text: useId(),
    category: useId(),
    channel: useId(),
    assignee: useId(),
    from: useId(),
    to: useId(),
    warning: useId(),
  };

  const [form, setForm] = useState<LedgerFilterForm>(EMPTY_LEDGER_FILTER_FORM);
  const [sort, setSort] = useState<Sort>({ key: 'receivedDate', direction: 'desc' });
  const [format, setFormat] = useState<LedgerExportFormat>('xlsx');
  const [unmask, setUnmask] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const update = (patch: Partial<LedgerFilterForm>) => setForm((f) => ({ ...f, ...patch }));

  // Typing in the search box stays responsive while thousands of rows are filtered behind it.
  const deferredForm = useDeferredValue(form);
  const filtered = useMemo(() => filterLedger(rows, ledgerFilterFromForm(deferredForm)), [rows, deferredForm]);
  const shown = useMemo(() => sortLedger(filtered, sort.key, sort.direction), [filtered, sort]);

  // Officers named in the ledger but missing from the bureau's list can still be filtered on.
  const officerChoices = useMemo(() => {
    const extra = [...new Set(rows.map((r) => r.file.assignee).filter((a): a is string => !!a && !officers.includes(a)))].sort();
    return [...officers, ...extra];
  }, [rows, officers]);

  // Roving tabindex: one row is in the tab order (the last focused, else the selected case, else the first).
  const activeIndex = useMemo(() => {
    for (const id of [activeId, selectedId]) {
      const i = id === null ? -1 : shown.findIndex((r) => r.id === id);
      if (i >= 0) return i;
    }
    return shown.length > 0 ? 0 : -1;
  }, [shown, activeId, selectedId]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  // The row in the tab order is always rendered, even when scrolled out of view, so Tab can reach it.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return activeIndex >= 0 && !indexes.includes(activeIndex) ? [...indexes, activeIndex].sort((a, b) => a - b) : indexes;
    },
    [activeIndex],
  );
  // The virtualiser is read afresh on every render and handed to no memoised child.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    rangeExtractor,
    getItemKey: (index) => shown[index]?.id ?? index,
    initialOffset: () => Math.max(0, activeIndex - 5) * ROW_HEIGHT,
  });

  const moveTo = (index: number) => {
    const row = shown[index];
    if (!row) return;
    setActiveId(row.id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(row.id)}"]`);
    if (el) el.focus({ preventScroll: true });
    else pendingFocus.current = row.id;
  };

  const onRowKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 2);
    const targets: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: shown.length - 1,
    };
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpenCase(shown[index]!.id);
    } else if (e.key in targets) {
      e.preventDefault();
      moveTo(Math.min(shown.length - 1, Math.max(0, targets[e.key]!)));
    }
  };

  const toggleSort = (key: LedgerSortKey) =>
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));

  const channelText = (row: LedgerRow) => (row.channel ? CHANNEL_LABELS[labels][row.channel] : (row.file.record.channel ?? ''));
  const categoryText = (row: LedgerRow) => (row.category ? CATEGORY_LABELS[labels][row.category] : (row.file.record.category ?? ''));
  const conditions = activeConditionCount(form);

  const cell = (row: LedgerRow, column: ColumnId) => {
    switch (column) {
      case 'id':
        return row.id;
      case 'receivedDate':
        return toIsoDate(row.file.record.receivedDate) ?? row.file.record.receivedDate ?? '';
      case 'channel': {
        const text = channelText(row);
        return <span title={text}>{text}</span>;
      }
      case 'category': {
        const text = categoryText(row);
        return <span title={text}>{text}</span>;
      }
      case 'place':
        return <span title={row.file.record.place ?? undefined}>{row.file.record.place ?? ''}</span>;
      case 'status':
        return STATUS_LABELS[labels][row.file.status];
      case 'assignee':
        return row.file.assignee ?? <span className="ledger-muted">{t('ledger.unassigned')}</span>;
      case 'dueDate':
        return <DeadlineCell row={row} />;
      case 'repeat':
        return row.repeatOf.length === 0 ? null : (
          <span title={t('ledger.repeat.of', { ids: row.repeatOf.join(', ') })}>
            <span className="ledger-mark ledger-mark-repeat">{t('ledger.repeat.badge')}</span>
            <span className="ledger-repeat-ids">{row.repeatOf.join(', ')}</span>
          </span>
        );
    }
  };

  const items = virtualizer.getVirtualItems();

  return (
    <section className={labels === 'en' ? 'ledger ledger-en' : 'ledger'} aria-labelledby={ids.heading}>
      <div className="ledger-top">
        <h2 id={ids.heading}>{t('ledger.heading')}</h2>
        <p className="ledger-count" role="status">
          {t('ledger.count', { shown: shown.length, total: rows.length })}
        </p>
        <div className="ledger-export" role="group" aria-label={t('ledger.export.label')}>
          <fieldset className="ledger-format">
            <legend>{t('ledger.export.format')}</legend>
            {(['xlsx', 'csv', 'docx', 'pdf'] as const).map((f) => (
              <label key={f} className="ledger-check">
                <input type="radio" name="ledger-export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
                {f === 'docx' || f === 'pdf' ? t('ledger.export.reports', { format: f.toUpperCase() }) : f.toUpperCase()}
              </label>
            ))}
          </fieldset>
          <label className="ledger-check ledger-unmask">
            <input type="checkbox" checked={unmask} onChange={(e) => setUnmask(e.target.checked)} aria-describedby={unmask ? ids.warning : undefined} />
            {t('ledger.export.unmask')}
          </label>
          <button type="button" className="primary" disabled={shown.length === 0} title={t('ledger.export.rows', { count: shown.length })} onClick={() => onExport(shown, format, unmask)}>
            {format === 'docx' || format === 'pdf' ? t('ledger.export.reportsButton', { count: shown.length }) : t('ledger.export.button')}
          </button>
        </div>
        <div className="ledger-actions">
          <button type="button" disabled={shown.length === 0 || verifying} title={t('ledger.verify.hint')} onClick={() => onVerify(shown)}>
            {t('ledger.verify.button', { count: shown.length })}
          </button>
          <button type="button" onClick={onImport}>{t('ledger.importLedger')}</button>
          <button type="button" className="primary" onClick={onNewCase}>{t('ledger.newCase')}</button>
        </div>
      </div>
      {unmask && (
        <p id={ids.warning} className="ledger-warning" role="alert">
          {t('ledger.export.unmaskWarning')}
        </p>
      )}

      <form role="search" aria-label={t('ledger.filter.label')} className="ledger-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="ledger-filter-row">
          <span className="ledger-field ledger-field-text">
            <label htmlFor={ids.text}>{t('ledger.filter.text')}</label>
            <input id={ids.text} type="search" value={form.text} placeholder={t('ledger.filter.textPlaceholder')} onChange={(e) => update({ text: e.target.value })} />
          </span>
          <span className="ledger-field">
            <label htmlFor={ids.category}>{t('ledger.filter.category')}</label>
            <select id={ids.category} value={form.category} onChange={(e) => update({ category: e.target.value as CaseCategory | '' })}>
              <option value="">{t('ledger.filter.any')}</option>
              {CASE_CATEGORIES.map((c) => (
                <option key={c} value={c}>{CATEGORY_LABELS[labels][c]}</option>
              ))}
            </select>
          </span>
          <span className="ledger-field">
            <label htmlFor={ids.channel}>{t('ledger.filter.channel')}</label>
            <select id={ids.channel} value={form.channel} onChange={(e) => update({ channel: e.target.value as CaseChannel | '' })}>
              <option value="">{t('ledger.filter.any')}</option>
              {CASE_CHANNELS.map((c) => (
                <option key={c} value={c}>{CHANNEL_LABELS[labels][c]}</option>
              ))}
            </select>
          </span>
          <span className="ledger-field">
            <label htmlFor={ids.assignee}>{t('ledger.filter.assignee')}</label>
            <select id={ids.assignee} value={form.assignee} onChange={(e) => update({ assignee: e.target.value })}>
              <option value="">{t('ledger.filter.any')}</option>
              {officerChoices.map((o) => (
                <option key={o} value={o}>{o}</option>
              ))}
            </select>
          </span>
          <span className="ledger-field">
            <label htmlFor={ids.from}>{t('ledger.filter.receivedFrom')}</label>
            <input id={ids.from} type="date" value={form.receivedFrom} onChange={(e) => update({ receivedFrom: e.target.value })} />
          </span>
          <span className="ledger-field">
            <label htmlFor={ids.to}>{t('ledger.filter.receivedTo')}</label>
            <input id={ids.to} type="date" value={form.receivedTo} onChange={(e) => update({ receivedTo: e.target.value })} />
          </span>
        </div>
        <div className="ledger-filter-row">
          <fieldset className="ledger-statuses">
            <legend>{t('ledger.filter.status')}</legend>
            {CASE_STATUSES.map((s) => (
              <label key={s} className="ledger-check">
                <input type="checkbox" checked={form.statuses.includes(s)} onChange={() => update({ statuses: toggleStatus(form.statuses, s) })} />
                {STATUS_LABELS[labels][s]}
              </label>
            ))}
          </fieldset>
          <div className="ledger-flags">
            <label className="ledger-check ledger-flag-overdue">
              <input type="checkbox" checked={form.overdue} onChange={(e) => update({ overdue: e.target.checked })} />
              {t('ledger.filter.overdue')}
            </label>
            <label className="ledger-check ledger-flag-dueSoon">
              <input type="checkbox" checked={form.dueSoon} onChange={(e) => update({ dueSoon: e.target.checked })} />
              {t('ledger.filter.dueSoon')}
            </label>
            <label className="ledger-check">
              <input type="checkbox" checked={form.repeat} onChange={(e) => update({ repeat: e.target.checked })} />
              {t('ledger.filter.repeat')}
            </label>
          </div>
          <button type="button" className="ledger-reset" disabled={conditions === 0} onClick={() => setForm(EMPTY_LEDGER_FILTER_FORM)}>
            {t('ledger.filter.reset')}
          </button>
        </div>
      </form>

      <div className="ledger-table-wrap">
        <div ref={scrollRef} className="ledger-table" role="table" aria-label={t('ledger.table.label')} aria-rowcount={shown.length + 1} aria-colcount={COLUMNS.length}>
          <div role="rowgroup" className="ledger-head">
            <div role="row" aria-rowindex={1} className="ledger-grid">
              {COLUMNS.map(({ id, sortKey }) => {
                const sorted = sortKey !== null && sort.key === sortKey;
                return (
                  <div
                    key={id}
                    role="columnheader"
                    className={`ledger-c-${id}`}
                    aria-sort={sortKey === null ? undefined : sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    {sortKey === null ? (
                      t(`ledger.column.${id}`)
                    ) : (
                      <button type="button" title={t('ledger.table.sortHint')} onClick={() => toggleSort(sortKey)}>
                        {t(`ledger.column.${id}`)}
                        <span className="ledger-sort" aria-hidden="true">{sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
                      </button>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
          <div role="rowgroup" className="ledger-body" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = shown[item.index]!;
              const classes = ['ledger-row', 'ledger-grid', item.index % 2 ? 'odd' : '', row.id === selectedId ? 'selected' : '', row.deadline?.mark === 'overdue' ? 'overdue' : ''];
              return (
                <div
                  key={item.key}
                  ref={(el) => {
                    if (el && pendingFocus.current === row.id) {
                      pendingFocus.current = null;
                      el.focus({ preventScroll: true });
                    }
                  }}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-current={row.id === selectedId ? 'true' : undefined}
                  data-row-id={row.id}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  className={classes.filter(Boolean).join(' ')}
                  style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
                  onClick={() => {
                    setActiveId(row.id);
                    onOpenCase(row.id);
                  }}
                  onFocus={() => setActiveId(row.id)}
                  onKeyDown={(e) => onRowKeyDown(e, item.index)}
                >
                  {COLUMNS.map(({ id }) => (
                    <div key={id} role="cell" className={`ledger-c-${id}`}>
                      {cell(row, id)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
        {shown.length === 0 && <p className="ledger-empty">{rows.length === 0 ? t('ledger.empty') : t('ledger.noMatch')}</p>}
      </div>
    </section>
  );
}
