import type { EpochEvent } from '@trainyard/core';
import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { epochAxis, mountEpochPlot } from './epochPlot.js';
import { legendValue, lossCurves } from './lossChartSeries.js';

/**
 * One run's curves per epoch, drawn with uPlot (canvas; cheap for long runs): train and test loss,
 * and with a validation split the validation loss and the validation metric (right axis). Epoch
 * ticks are whole numbers; the legend shows each curve's value at the hovered epoch, else the last.
 */
export function LossChart(props: { history: EpochEvent[]; title: string }) {
  const { history, title } = props;
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || history.length === 0) return;
    const curves = lossCurves(history);
    const epochs = history.map((e) => e.epoch);
    const withScore = curves.some((c) => c.scale === 'score');
    return mountEpochPlot(
      el,
      {
        scales: { x: { time: false }, loss: {}, ...(withScore ? { score: {} } : {}) },
        axes: [
          epochAxis(30),
          { scale: 'loss', label: 'loss' },
          ...(withScore ? [{ scale: 'score', label: 'val score', side: 1, grid: { show: false } }] : []),
        ],
        series: [
          { label: 'epoch', value: (_u, v, _s, i) => String(i === null ? epochs.at(-1) : v) },
          ...curves.map((c) => ({
            label: c.label,
            stroke: c.stroke,
            width: 2,
            scale: c.scale,
            spanGaps: true,
            ...(c.dash ? { dash: c.dash } : {}),
            value: (_u: uPlot, _v: number, _s: number, i: number | null) => legendValue(c.values, i),
          })),
        ],
      },
      [epochs, ...curves.map((c) => c.values)],
      900,
    );
  }, [history]);

  const last = history[history.length - 1];
  const finals = last
    ? [
        `final train loss ${last.train_loss.toFixed(4)}`,
        `test loss ${last.test_loss.toFixed(4)}`,
        ...(last.val_loss !== undefined ? [`val loss ${last.val_loss.toFixed(4)}`] : []),
        ...(last.val_score !== undefined ? [`val score ${last.val_score.toFixed(4)}`] : []),
      ].join(', ')
    : '';
  return (
    <figure className="loss-chart">
      <figcaption>{title}</figcaption>
      {history.length === 0 ? (
        <p className="muted">No epochs yet.</p>
      ) : (
        <div ref={box} role="img" aria-label={`${title}: ${history.length} epochs, ${finals}`} />
      )}
    </figure>
  );
}
