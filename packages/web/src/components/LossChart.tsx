import type { EpochEvent } from '@trainyard/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Train and test loss per epoch of one run, drawn with uPlot (canvas; cheap for long runs). */
export function LossChart(props: { history: EpochEvent[]; title: string }) {
  const { history, title } = props;
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || history.length === 0) return;
    const data: uPlot.AlignedData = [
      history.map((e) => e.epoch),
      history.map((e) => e.train_loss),
      history.map((e) => e.test_loss),
    ];
    const width = () => Math.max(260, Math.min(el.clientWidth || 600, 900));
    const plot = new uPlot(
      {
        width: width(),
        height: 220,
        scales: { x: { time: false } },
        axes: [{ label: 'epoch' }, { label: 'loss' }],
        series: [
          { label: 'epoch' },
          { label: 'train loss', stroke: '#2563eb', width: 2 },
          { label: 'test loss', stroke: '#db2777', width: 2, dash: [6, 4] },
        ],
      },
      data,
      el,
    );
    // Follow the container's width (phone portrait vs desktop) without re-creating the chart.
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => plot.setSize({ width: width(), height: 220 }));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      plot.destroy();
    };
  }, [history]);

  const last = history[history.length - 1];
  return (
    <figure className="loss-chart">
      <figcaption>{title}</figcaption>
      {history.length === 0 ? (
        <p className="muted">No epochs yet.</p>
      ) : (
        <div
          ref={box}
          role="img"
          aria-label={`${title}: ${history.length} epochs, final train loss ${last?.train_loss.toFixed(4)}, test loss ${last?.test_loss.toFixed(4)}`}
        />
      )}
    </figure>
  );
}
