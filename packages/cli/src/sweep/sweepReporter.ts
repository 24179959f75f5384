import type { StoredRun, SweepCounts, SweepEvent } from '@trainyard/core';
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../cliIo.js';
import type { Colors } from '../colors.js';
import { formatReal, formatScore, formatValScore } from '../format/numbers.js';

export interface SweepReporter {
  onEvent(event: SweepEvent): void;
  /** Stops the bar (and its timer); call it on every way out. */
  stop(): void;
}

export interface SweepReporterOptions {
  io: CliIo;
  colors: Colors;
  /** Combinations to train; 0 when not known up front (a search bounded by time alone). */
  total: number;
}

/**
 * Shows a sweep's progress on stderr (stdout stays for the table or JSON): a bar with the
 * combination count and the run in flight on a terminal, one plain line per finished row otherwise.
 */
export function createSweepReporter(options: SweepReporterOptions): SweepReporter {
  // A search that samples until its time is spent has no count for a bar to fill.
  return options.io.isTTY && options.total > 0 ? barReporter(options) : lineReporter(options);
}

/**
 * A row the combination ended with: completed, failed on its own, or stopped by a scheduler. A run
 * cancelled or interrupted is not an outcome (resume trains it again), so it is not counted.
 */
const isOutcome = (row: StoredRun) =>
  row.result === 'completed' ||
  (row.result === 'failed' && row.stopReason !== 'cancelled' && row.stopReason !== 'interrupted');

/** Combinations with an outcome, of a sweep's counts (see isOutcome). */
export const finishedCount = (c: SweepCounts): number => c.done + c.failed + c.stopped;

function lineReporter({ io, colors: c, total }: SweepReporterOptions): SweepReporter {
  // One line per combination: a replayed row and the same row live, or a second attempt, count once.
  const finished = new Set<number | string>();
  return {
    onEvent(event) {
      if (event.type !== 'row' || !isOutcome(event.row)) return;
      const key = event.row.combinationIndex ?? event.row.id;
      if (finished.has(key)) return;
      finished.add(key);
      const count = total > 0 ? `${finished.size}/${total}` : String(finished.size);
      io.stderr.write(`[${count}] ${describeRow(event.row, c)}\n`);
    },
    stop() {},
  };
}

function barReporter({ io, total }: SweepReporterOptions): SweepReporter {
  // cli-progress only draws on a stream that says it is a TTY; this adapter keeps io injectable.
  const stream = { isTTY: true, columns: 100, write: (text: string) => io.stderr.write(text) };
  const bar = new SingleBar({
    stream: stream as unknown as NodeJS.WritableStream,
    format: '{bar} {value}/{total} combinations | {inflight}',
    hideCursor: true,
    barsize: 24,
  });
  bar.start(total, 0, { inflight: 'starting…' });
  let stopped = false;
  return {
    onEvent(event) {
      if (stopped) return;
      if (event.type === 'progress') {
        const finished = finishedCount(event);
        bar.update(finished, finished >= total ? { inflight: 'done' } : {});
      }
      if (event.type === 'epoch') {
        // A k-fold run counts its epochs across the folds and the refit, and names the fold.
        const run = `run ${event.combinationIndex + 1}${event.fold === undefined ? '' : ` (fold ${event.fold})`}`;
        bar.update({
          inflight: `${run}: epoch ${event.epoch}/${event.epochs}, loss ${formatScore(event.train_loss)}`,
        });
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}

/** `completed epochs=10 batch=16 … accuracy=0.9667` — one finished row in plain text. */
export function describeRow(row: StoredRun, c: Colors): string {
  const combo =
    `epochs=${row.epochs} batch=${row.batchSize} lr=${formatReal(row.learningRate)} test=${formatReal(row.testSize)}` +
    (row.mode === 'linear'
      ? ' linear'
      : ` hidden=${row.hiddenDim} layers=${row.numHiddenLayers} dropout=${formatReal(row.dropout)}`);
  if (row.result === 'failed') return `${c.red('failed')} ${combo}: ${row.error ?? 'unknown reason'}`;
  if (row.result === 'running') return `${c.cyan('running…')} ${combo}`;
  const val = row.val_score === undefined ? '' : ` val=${formatValScore(row).replace(' ± ', '±')}`;
  return `${c.green('completed')} ${combo}${val} ${row.metric_name}=${formatScore(row.metric_score)} test_loss=${formatScore(row.test_loss)}`;
}
