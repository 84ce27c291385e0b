/** Plain ECharts options (JSON only): building them needs no ECharts code, so the board's first bundle stays light. */
export interface ChartOption {
  [key: string]: unknown;
}

/** A vertical bar chart: one bar per label. */
export function barOption(labels: readonly string[], values: readonly number[], seriesName: string): ChartOption {
  return {
    grid: { left: 48, right: 16, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: [...labels], axisLabel: { interval: 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name: seriesName, data: [...values], label: { show: true, position: 'top' } }],
  };
}

/** A horizontal bar chart, best at the top: for rankings. */
export function rankingBarOption(names: readonly string[], values: readonly number[], seriesName: string, percent: boolean): ChartOption {
  return {
    grid: { left: 120, right: 48, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', axisLabel: percent ? { formatter: '{value}%' } : {} },
    yAxis: { type: 'category', inverse: true, data: [...names] },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: values.map((v) => (percent ? Math.round(v * 10_000) / 100 : v)),
        label: { show: true, position: 'right', formatter: percent ? '{c}%' : '{c}' },
      },
    ],
  };
}
