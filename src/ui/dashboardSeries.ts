import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CASE_STATUSES, CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS } from '../core';
import type { DashboardFigures, Lang } from '../core';

// The dashboard's charts as data: figures + language → ECharts options and a sentence that says the
// same numbers in words (the chart's accessible name). Pure, so it is tested without a DOM or a canvas.

export type DashboardChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** Texts the charts need from the app's messages (dashboard.charts.*). */
export interface DashboardChartTexts {
  byStatus: string;
  byCategory: string;
  byChannel: string;
  byMonth: string;
  received: string;
  closed: string;
  /** The label of cases whose category or channel is missing or not recognised. */
  unspecified: string;
  noData: string;
}

export interface DashboardChart {
  title: string;
  option: DashboardChartOption;
  /** The chart's numbers in words, e.g. "按状态统计：登记 12，受理 30". */
  summary: string;
}

export interface DashboardCharts {
  status: DashboardChart;
  category: DashboardChart;
  channel: DashboardChart;
  month: DashboardChart;
}

// Canvas text does not inherit the page's CSS; name the same CJK fonts so Chinese labels render alike.
const FONT_FAMILY = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";
const INK = '#1d2521';
const ACCENT = '#1f5f3a';
const CLOSED_COLOUR = '#d08a2c';
/** Qualitative colours for the pie (the app's green first). */
const PIE_COLOURS = ['#1f5f3a', '#4f8fc0', '#d08a2c', '#9a5fb0', '#c44e52', '#6b8e23'];

/** Punctuation of a summary sentence in each language. */
const PUNCTUATION: Record<Lang, { colon: string; item: string; group: string; pair: string }> = {
  'zh-CN': { colon: '：', item: '，', group: '；', pair: '、' },
  en: { colon: ': ', item: ', ', group: '; ', pair: ', ' },
};

function sentence(lang: Lang, title: string, items: string[], noData: string, separator: 'item' | 'group' = 'item'): string {
  const p = PUNCTUATION[lang];
  return `${title}${p.colon}${items.length > 0 ? items.join(p[separator]) : noData}`;
}

const base = {
  animation: false,
  textStyle: { fontFamily: FONT_FAMILY, color: INK },
  tooltip: { trigger: 'item' },
} satisfies DashboardChartOption;

/** A horizontal bar chart: categories top to bottom in the order given. */
function horizontalBars(names: string[], values: number[], seriesName: string): DashboardChartOption {
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: names, inverse: true, axisTick: { show: false } },
    series: [{ type: 'bar', name: seriesName, data: values, itemStyle: { color: ACCENT }, barMaxWidth: 18, label: { show: true, position: 'right' } }],
  };
}

export function statusChart(figures: DashboardFigures, lang: Lang, texts: DashboardChartTexts): DashboardChart {
  const names = CASE_STATUSES.map((status) => STATUS_LABELS[lang][status]);
  const values = CASE_STATUSES.map((status) => figures.byStatus[status] ?? 0);
  return {
    title: texts.byStatus,
    option: horizontalBars(names, values, texts.byStatus),
    summary: sentence(lang, texts.byStatus, names.map((name, i) => `${name} ${values[i]}`), texts.noData),
  };
}

export function categoryChart(figures: DashboardFigures, lang: Lang, texts: DashboardChartTexts): DashboardChart {
  const names = figures.byCategory.map((c) => (c.category === null ? texts.unspecified : CATEGORY_LABELS[lang][c.category]));
  const values = figures.byCategory.map((c) => c.count);
  return {
    title: texts.byCategory,
    option: horizontalBars(names, values, texts.byCategory),
    summary: sentence(lang, texts.byCategory, names.map((name, i) => `${name} ${values[i]}`), texts.noData),
  };
}

export function channelChart(figures: DashboardFigures, lang: Lang, texts: DashboardChartTexts): DashboardChart {
  const data = figures.byChannel.map((c) => ({ name: c.channel === null ? texts.unspecified : CHANNEL_LABELS[lang][c.channel], value: c.count }));
  return {
    title: texts.byChannel,
    option: {
      ...base,
      color: PIE_COLOURS,
      legend: { bottom: 0, type: 'scroll' },
      series: [{ type: 'pie', name: texts.byChannel, radius: ['35%', '65%'], center: ['50%', '45%'], data, label: { formatter: '{b} {c}' } }],
    },
    summary: sentence(lang, texts.byChannel, data.map((d) => `${d.name} ${d.value}`), texts.noData),
  };
}

export function monthChart(figures: DashboardFigures, lang: Lang, texts: DashboardChartTexts): DashboardChart {
  const p = PUNCTUATION[lang];
  const months = figures.byMonth.map((m) => m.month);
  return {
    title: texts.byMonth,
    option: {
      ...base,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [texts.received, texts.closed] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: texts.received, data: figures.byMonth.map((m) => m.received), itemStyle: { color: ACCENT }, barMaxWidth: 18 },
        { type: 'line', name: texts.closed, data: figures.byMonth.map((m) => m.closed), itemStyle: { color: CLOSED_COLOUR }, lineStyle: { color: CLOSED_COLOUR } },
      ],
    },
    summary: sentence(
      lang,
      texts.byMonth,
      figures.byMonth.map((m) => `${m.month} ${texts.received} ${m.received}${p.pair}${texts.closed} ${m.closed}`),
      texts.noData,
      'group',
    ),
  };
}

/** Every chart of the dashboard. */
export function dashboardCharts(figures: DashboardFigures, lang: Lang, texts: DashboardChartTexts): DashboardCharts {
  return {
    status: statusChart(figures, lang, texts),
    category: categoryChart(figures, lang, texts),
    channel: channelChart(figures, lang, texts),
    month: monthChart(figures, lang, texts),
  };
}

/** A share (0–1) as a percentage with one decimal: 0.8571 → "85.7%". */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Days with one decimal, or the not-available mark when no case has been closed. */
export function formatDays(days: number | null, notAvailable: string): string {
  return days === null ? notAvailable : days.toFixed(1);
}
