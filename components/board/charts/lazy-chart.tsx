import { useEffect, useRef, useState } from 'react';
import type { ChartOption } from './chart-options';

interface ChartInstance {
  setOption(option: ChartOption, notMerge?: boolean): void;
  resize(): void;
  dispose(): void;
}

/**
 * An ECharts chart loaded after the tables have painted: the ECharts code arrives in its own chunk on first use.
 * A chart that cannot draw (no canvas) leaves its box empty; the table beside it carries the same numbers.
 */
export function LazyChart({ option, height }: { option: ChartOption; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const [failed, setFailed] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is created once; option changes are applied by the effect below
  useEffect(() => {
    let cancelled = false;
    let onResize: (() => void) | null = null;
    import('./echarts-setup')
      .then(({ init }) => {
        if (cancelled || !box.current) return;
        const instance: ChartInstance = init(box.current);
        chart.current = instance;
        instance.setOption(option, true);
        onResize = () => instance.resize();
        window.addEventListener('resize', onResize);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      if (onResize) window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={box} className="board-chart" style={{ height }} data-chart-failed={failed ? 'true' : undefined} aria-hidden="true" />;
}
