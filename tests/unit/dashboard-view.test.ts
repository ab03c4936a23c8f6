import { describe, expect, it } from 'vitest';
import type { DashboardFigures } from '../../src/core';
import { categoryChart, channelChart, dashboardCharts, formatDays, formatPercent, monthChart, statusChart } from '../../src/ui/dashboardSeries';
import { dashboardEn, dashboardZhCN } from '../../src/ui/locales/dashboard';

// A hand-made ledger summary: 10 cases, 4 closed; the expected sentences and series are written out by hand.
const figures: DashboardFigures = {
  total: 10,
  byStatus: { registered: 2, accepted: 3, verifying: 1, drafted: 0, reviewed: 0, replied: 0, followedUp: 0, closed: 4 },
  byCategory: [
    { category: 'illegalOccupation', count: 6 },
    { category: 'mining', count: 3 },
    { category: null, count: 1 },
  ],
  byChannel: [
    { channel: 'visit', count: 7 },
    { channel: null, count: 3 },
  ],
  byMonth: [
    { month: '2026-01', received: 5, closed: 3 },
    { month: '2026-02', received: 5, closed: 1 },
  ],
  resolutionRate: 0.4,
  meanDaysToClose: 12.34,
  repeatRate: 1 / 7,
  overdue: [{ id: 'XF-2026-0012', dueDate: '2026-03-01', daysOverdue: 5, assignee: null }],
  dueSoon: 2,
};

const zh = dashboardZhCN.charts;
const en = dashboardEn.charts;

describe('dashboard charts', () => {
  it('states the status counts in case-flow order, in words', () => {
    const chart = statusChart(figures, 'zh-CN', zh);
    expect(chart.title).toBe('按状态统计');
    expect(chart.summary).toBe('按状态统计：登记 2，受理 3，核查 1，拟办 0，审核 0，答复 0，回访 0，办结 4');
    expect(chart.option.animation).toBe(false);
    expect(chart.option.yAxis).toMatchObject({ type: 'category', data: ['登记', '受理', '核查', '拟办', '审核', '答复', '回访', '办结'] });
    expect(chart.option.series).toMatchObject([{ type: 'bar', data: [2, 3, 1, 0, 0, 0, 0, 4] }]);
  });

  it('names cases without a category or channel, in both languages', () => {
    expect(categoryChart(figures, 'zh-CN', zh).summary).toBe('按类别统计：违法占地 6，矿产违法 3，未归类 1');
    expect(channelChart(figures, 'zh-CN', zh).summary).toBe('按来源渠道统计：来访 7，未归类 3');
    expect(channelChart(figures, 'en', en).summary).toBe('By channel: Visit 7, Unclassified 3');
    expect(channelChart(figures, 'zh-CN', zh).option.series).toMatchObject([
      { type: 'pie', data: [{ name: '来访', value: 7 }, { name: '未归类', value: 3 }] },
    ]);
  });

  it('pairs received and closed per month', () => {
    const chart = monthChart(figures, 'en', en);
    expect(chart.summary).toBe('By month: 2026-01 Received 5, Closed 3; 2026-02 Received 5, Closed 1');
    expect(monthChart(figures, 'zh-CN', zh).summary).toBe('按月统计：2026-01 收件 5、办结 3；2026-02 收件 5、办结 1');
    expect(chart.option.xAxis).toMatchObject({ type: 'category', data: ['2026-01', '2026-02'] });
    expect(chart.option.series).toMatchObject([
      { type: 'bar', name: 'Received', data: [5, 5] },
      { type: 'line', name: 'Closed', data: [3, 1] },
    ]);
  });

  it('says so when there is nothing to chart', () => {
    const empty: DashboardFigures = { ...figures, byCategory: [], byChannel: [], byMonth: [] };
    const charts = dashboardCharts(empty, 'zh-CN', zh);
    expect(charts.category.summary).toBe('按类别统计：无数据');
    expect(charts.channel.summary).toBe('按来源渠道统计：无数据');
    expect(charts.month.summary).toBe('按月统计：无数据');
    expect(dashboardCharts(empty, 'en', en).month.summary).toBe('By month: no data');
  });
});

describe('dashboard figures', () => {
  it('shows shares as percentages and days with one decimal', () => {
    expect(formatPercent(0.4)).toBe('40.0%');
    expect(formatPercent(1 / 7)).toBe('14.3%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatDays(12.34, '—')).toBe('12.3');
    expect(formatDays(null, '—')).toBe('—');
  });
});
