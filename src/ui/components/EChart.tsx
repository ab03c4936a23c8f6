import { useEffect, useRef } from 'react';
// Renamed: React's lint takes a bare `use` call for the React 19 hook.
import { init, use as registerChartParts } from 'echarts/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the charts and components the dashboard draws, registered once when this module loads, so the
// bundle carries a fraction of ECharts.
registerChartParts([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * One ECharts chart on a div. The canvas says nothing to a screen reader, so the div is an image whose
 * accessible name (`label`) states the chart's numbers in words.
 */
export function EChart({ option, label, className }: { option: EChartsCoreOption; label: string; className?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // Runs after the effect above on mount (effects run in order), so the instance exists.
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={container} className={className ? `echart ${className}` : 'echart'} role="img" aria-label={label} />;
}
