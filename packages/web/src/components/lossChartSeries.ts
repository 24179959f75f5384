import type { EpochEvent } from '@trainyard/core';

/** One curve of the loss chart: its label, colour, scale and the value at each epoch. */
export interface LossCurve {
  label: string;
  stroke: string;
  dash?: number[];
  /** 'loss' (left axis) or 'score' (right axis: the validation metric). */
  scale: 'loss' | 'score';
  values: Array<number | null>;
}

/** Epoch ticks are whole numbers: uPlot picks the first step that leaves room between labels. */
export const EPOCH_TICK_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

/**
 * The curves of one run's history: train and test loss always; validation loss and the validation
 * metric (accuracy or r2, on its own axis) when the run had a validation split.
 *
 * @example lossCurves([{ epoch: 1, epochs: 2, train_loss: 1, test_loss: 1.1, val_loss: 1, val_score: 0.5 }]).map((c) => c.label)
 * // ['train loss', 'test loss', 'val loss', 'val score']
 */
export function lossCurves(history: readonly EpochEvent[]): LossCurve[] {
  const curves: LossCurve[] = [
    { label: 'train loss', stroke: '#2563eb', scale: 'loss', values: history.map((e) => e.train_loss) },
    {
      label: 'test loss',
      stroke: '#db2777',
      dash: [6, 4],
      scale: 'loss',
      values: history.map((e) => e.test_loss),
    },
  ];
  if (history.some((e) => e.val_loss !== undefined)) {
    curves.push({
      label: 'val loss',
      stroke: '#059669',
      scale: 'loss',
      values: history.map((e) => e.val_loss ?? null),
    });
  }
  if (history.some((e) => e.val_score !== undefined)) {
    curves.push({
      label: 'val score',
      stroke: '#d97706',
      dash: [2, 3],
      scale: 'score',
      values: history.map((e) => e.val_score ?? null),
    });
  }
  return curves;
}

/** The legend's value of a curve: at the hovered epoch, else at the last epoch that has one. */
export function legendValue(values: ReadonlyArray<number | null>, index: number | null): string {
  const at =
    index ?? values.reduce<number>((last, v, i) => (typeof v === 'number' ? i : last), values.length - 1);
  const v = values[at];
  return typeof v === 'number' && Number.isFinite(v) ? v.toFixed(4) : '—';
}
