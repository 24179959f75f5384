import { errorMessage } from './errors.js';
import { applyLinearBaseline } from './linearBaseline.js';
import type { MlApi } from './mlApi.js';
import type { ProgressHooks } from './progressFanout.js';
import { completedRunRow, failedRunRow, pickCombination } from './runRows.js';
import { linkedRunControl, stopOf } from './runStop.js';
import { answerProblem, TrainAnswerSchema } from './schemas/answerSchemas.js';
import type { BudgetTracker } from './search/searchBudget.js';
import type {
  CallOptions,
  Framework,
  RunRow,
  SelectionOptions,
  TensorflowMode,
  TrainingCombination,
  TrainRequest,
  TrainResponse,
} from './types.js';

export interface TrainingRunOptions extends ProgressHooks {
  datasetId: string;
  combinations: readonly TrainingCombination[];
  /**
   * Positions in `combinations` to train, in this order (default: all). A resumed sweep passes
   * the ones still missing; hooks and requests carry these grid positions.
   */
  indexes?: readonly number[];
  /** Called once per trained combination, in `indexes` order (awaited). */
  appendRow: (row: RunRow) => void | Promise<void>;
  /** Called as `(i + 1, total)` right after the i-th row is appended, failed or not (awaited). */
  onProgress: (done: number, total: number) => void | Promise<void>;
  /** Aborting stops before the next combination; the runs in flight get the signal too. */
  signal?: AbortSignal;
  /** Id of a row the backend did not store. Default `crypto.randomUUID()`. */
  idGenerator?: () => string;
  /** Sent with every request, so a sweep is reproducible. */
  seed?: number;
  /** Validation split and early stopping, sent with every request (default: none). */
  selection?: SelectionOptions;
  /** Sent with every request (with its `combinationIndex`) when the runs belong to a durable sweep. */
  sweepId?: string;
  /**
   * Combinations trained at the same time (default 1). Rows are still appended in order;
   * `onRunEnd` fires as each one finishes.
   */
  concurrency?: number;
  /**
   * A search budget (maxRuns, maxMinutes): asked before each combination starts, told of each start.
   * Once it says the budget is spent no combination starts; those in flight finish. The caller asks it
   * why afterwards (`budget.end()`).
   */
  budget?: BudgetTracker;
  /**
   * Ask-and-tell (TPE): once `indexes` are taken, a free slot asks for the next combination and its
   * position in the caller's list while the budget allows; null ends the asking. Hooks and requests
   * carry the returned index like any other.
   */
  ask?: () => Promise<{ index: number; combination: TrainingCombination } | null>;
}

const defaultIdGenerator = (): string => globalThis.crypto.randomUUID();

export { CANCELLED_MESSAGE } from './runStop.js';

/**
 * The one sweep scheduler (browser, CLI, server): `concurrency` workers take the next position
 * from `indexes`, each combination gets its own RunControl (linked to `signal`) for `onRunStart`,
 * and finished rows are appended in order while they are contiguous.
 */
async function runTraining(
  o: TrainingRunOptions,
  framework: Framework,
  shape: (c: TrainingCombination) => TrainingCombination,
  call: (req: TrainRequest, callOptions: CallOptions) => Promise<TrainResponse>,
): Promise<RunRow[]> {
  const idGenerator = o.idGenerator ?? defaultIdGenerator;
  const order = o.indexes ?? o.combinations.map((_, i) => i);
  for (const index of order) {
    if (o.combinations[index] === undefined)
      throw new Error(`indexes holds ${index}, but there are ${o.combinations.length} combinations`);
  }
  let total = order.length;
  let asking = o.ask !== undefined;
  const rows: RunRow[] = [];
  const finished = new Map<number, RunRow>();
  let next = 0;
  let flushing: Promise<void> = Promise.resolve();

  // Appends finished rows while they are contiguous, so rows and progress stay in order.
  const flush = async () => {
    for (let row = finished.get(rows.length); row !== undefined; row = finished.get(rows.length)) {
      finished.delete(rows.length);
      rows.push(row);
      await o.appendRow(row);
      await o.onProgress(rows.length, total);
    }
  };

  const trainOne = async (
    index: number,
    combination: TrainingCombination,
    signal: AbortSignal | undefined,
    prune: AbortSignal | undefined,
  ): Promise<RunRow> => {
    const base = { framework, datasetId: o.datasetId, combination };
    const request: TrainRequest = {
      ...pickCombination(combination),
      ...o.selection,
      datasetId: o.datasetId,
    };
    if (o.seed !== undefined) request.seed = o.seed;
    if (o.sweepId !== undefined) {
      request.sweepId = o.sweepId;
      request.combinationIndex = index;
    }
    const callOptions: CallOptions = {};
    if (signal) callOptions.signal = signal;
    if (prune) callOptions.prune = prune;
    const { onEpochEnd } = o;
    if (onEpochEnd) callOptions.onEpoch = (event) => onEpochEnd(index, event);
    try {
      const response = await call(request, callOptions);
      const malformed = answerProblem(TrainAnswerSchema, response, 'training');
      if (malformed) return failedRunRow({ ...base, id: idGenerator(), error: malformed });
      return completedRunRow({ ...base, id: response.runId ?? idGenerator(), response });
    } catch (err) {
      // Stopped on purpose: say why, whatever the backend answered (a plain abort reads CANCELLED_MESSAGE).
      const stop = stopOf(signal);
      const error = stop ? stop.message : errorMessage(err);
      return failedRunRow({
        ...base,
        id: idGenerator(),
        error,
        ...(stop ? { stopReason: stop.reason } : {}),
      });
    }
  };

  /** The next position to train: from `indexes`, then (with `ask`) a new suggestion; null when done. */
  const take = async (): Promise<{ position: number; index: number; raw: TrainingCombination } | null> => {
    if (o.signal?.aborted || o.budget?.end()) return null;
    if (next < order.length) {
      o.budget?.started();
      const position = next++;
      return { position, index: order[position]!, raw: o.combinations[order[position]!]! };
    }
    if (!asking || !o.ask) return null;
    // Counted before the await, so two free slots cannot both pass a budget with one run left.
    o.budget?.started();
    const asked = await o.ask();
    if (asked === null || o.signal?.aborted) {
      asking = false;
      return null;
    }
    total++;
    return { position: next++, index: asked.index, raw: asked.combination };
  };

  const worker = async () => {
    for (let taken = await take(); taken !== null; taken = await take()) {
      const { position, index } = taken;
      const combination = shape(taken.raw);
      // Only a start hook can stop one combination; without one the sweep's signal is enough.
      const run = o.onRunStart ? linkedRunControl(o.signal) : undefined;
      let row: RunRow;
      try {
        await o.onRunStart?.(index, combination, run);
        row = await trainOne(index, combination, run?.signal ?? o.signal, run?.pruneSignal);
      } finally {
        run?.dispose();
      }
      await o.onRunEnd?.(index, row);
      finished.set(position, row);
      flushing = flushing.then(flush);
      await flushing;
    }
  };

  const slots = Math.max(1, Math.min(o.concurrency ?? 1, o.ask ? Number.POSITIVE_INFINITY : total));
  await Promise.all(Array.from({ length: slots }, worker));
  return rows;
}

/**
 * REQ-003 / DR-003: trains every combination with PyTorch, one row per combination in order; a
 * combination whose call rejects, or whose answer is malformed, becomes a failed row and the
 * sweep goes on.
 *
 * @example const rows = await runPytorchTraining({ api, datasetId: 'iris', combinations, appendRow, onProgress });
 */
export function runPytorchTraining(
  o: TrainingRunOptions & { api: Pick<MlApi, 'trainPytorch'> },
): Promise<RunRow[]> {
  return runTraining(
    o,
    'pytorch',
    (c) => c,
    (req, callOptions) => o.api.trainPytorch(req, callOptions),
  );
}

/**
 * REQ-003 / DR-004: as runPytorchTraining with TensorFlow; in `mode: 'linear'` every request (and row)
 * carries hiddenDim 128, numHiddenLayers 2, dropout 0.1 whatever the combination says.
 *
 * @example await runTensorflowTraining({ api, mode: 'linear', datasetId: 'iris', combinations, appendRow, onProgress });
 */
export function runTensorflowTraining(
  o: TrainingRunOptions & { api: Pick<MlApi, 'trainTensorflow'>; mode: TensorflowMode },
): Promise<RunRow[]> {
  const shape = o.mode === 'linear' ? applyLinearBaseline : (c: TrainingCombination) => c;
  return runTraining(o, 'tensorflow', shape, (req, callOptions) =>
    o.api.trainTensorflow({ ...req, mode: o.mode }, callOptions),
  );
}
