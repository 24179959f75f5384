import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { epochAxis, mountEpochPlot } from '../epochPlot.js';

export interface CurveSeries {
  label: string;
  color: string;
  dash?: number[];
  /** One value per epoch of `epochs` (null where the run has none). */
  values: Array<number | null>;
}

/**
 * Several per-epoch series on one uPlot chart (canvas) with integer epoch ticks; the legend is
 * the caller's (values shown without hovering): `onHover` reports the epoch under the cursor.
 */
export function EpochCurves(props: {
  epochs: number[];
  series: CurveSeries[];
  yLabel: string;
  title: string;
  onHover: (epoch: number | null) => void;
}) {
  const { epochs, series, yLabel, title, onHover } = props;
  const box = useRef<HTMLDivElement>(null);
  const hover = useRef(onHover);
  hover.current = onHover;

  useEffect(() => {
    const el = box.current;
    if (!el || epochs.length === 0) return;
    return mountEpochPlot(
      el,
      {
        legend: { show: false },
        scales: { x: { time: false } },
        axes: [epochAxis(), { label: yLabel, size: 60 }],
        series: [
          { label: 'epoch' },
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true })),
        ],
        hooks: {
          setCursor: [
            (u) => {
              const idx = u.cursor.idx;
              hover.current(idx === null || idx === undefined ? null : (epochs[idx] ?? null));
            },
          ],
        },
      },
      [epochs, ...series.map((s) => s.values)] as uPlot.AlignedData,
      1100,
    );
  }, [epochs, series, yLabel]);

  return (
    <figure className="epoch-curves">
      <figcaption>{title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-label={`${title}: ${series.length} series over ${epochs.length} epochs`}
      />
    </figure>
  );
}
