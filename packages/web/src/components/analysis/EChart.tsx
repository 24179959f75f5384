import type { ChartOption } from '@trainyard/core';
import { BarChart, LineChart, LinesChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the analysis views draw: keeps the chunk small (echarts/core, canvas renderer).
use([
  BarChart,
  LineChart,
  LinesChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/**
 * The option with every series drawn in one frame: ECharts draws big series in chunks of a few
 * hundred items, one chunk a frame, which took ~20 frames (1.4 s) for 10,000 parallel lines.
 */
export function drawnAtOnce(option: ChartOption): ChartOption {
  const series = option.series;
  return Array.isArray(series)
    ? { ...option, series: series.map((s) => ({ ...s, progressive: 0 })) }
    : option;
}

/**
 * One Apache ECharts chart (canvas) drawing a core option builder's `option`; follows its
 * container's width. `onReady` gets the instance (to listen to brushing); `data-render-ms` says
 * how long the last option took to draw, from setOption to ECharts' 'finished' (the bench reads it).
 */
export function EChart(props: {
  option: ChartOption;
  label: string;
  height: number;
  onReady?: (chart: ECharts) => void;
}) {
  const { option, label, height, onReady } = props;
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const ready = useRef(onReady);
  ready.current = onReady;

  // A new height (another layout of the panels) gets a new instance, sized once, drawn once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `height` is read from the element's style.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    ready.current?.(instance);
    // The observer also fires once on observe: only a real change of width redraws.
    let width = el.clientWidth;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (el.clientWidth === width) return;
            width = el.clientWidth;
            instance.resize();
          });
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [height]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new instance (new `height`) needs the option too.
  useEffect(() => {
    const el = box.current;
    if (!el || !chart.current) return;
    const instance = chart.current;
    const start = performance.now();
    delete el.dataset.renderMs;
    // 'finished': every series drawn, progressive (chunked) ones included.
    const done = () => {
      el.dataset.renderMs = (performance.now() - start).toFixed(1);
      instance.off('finished', done);
    };
    instance.on('finished', done);
    instance.setOption(drawnAtOnce(option), { notMerge: true });
    return () => {
      instance.off('finished', done);
    };
  }, [option, height]);

  return <div ref={box} className="echart" role="img" aria-label={label} style={{ height }} />;
}
