import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface CurveSeries {
  label: string;
  color: string;
  dash?: number[];
  /** One value per epoch of `epochs` (null where the run has none). */
  values: Array<number | null>;
}

const HEIGHT = 240;
/** Epoch ticks are whole numbers. */
const EPOCH_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

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
    const width = () => Math.max(260, Math.min(el.clientWidth || 600, 1100));
    const plot = new uPlot(
      {
        width: width(),
        height: HEIGHT,
        legend: { show: false },
        scales: { x: { time: false } },
        axes: [
          { label: 'epoch', incrs: EPOCH_INCRS, values: (_u, ticks) => ticks.map(String) },
          { label: yLabel, size: 60 },
        ],
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
      el,
    );
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => plot.setSize({ width: width(), height: HEIGHT }));
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      plot.destroy();
    };
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
