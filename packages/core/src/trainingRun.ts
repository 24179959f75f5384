import { errorMessage } from './errors.js';
import { applyLinearBaseline } from './linearBaseline.js';
import type { MlApi } from './mlApi.js';
import type { ProgressHooks } from './progressFanout.js';
import { completedRunRow, failedRunRow, pickCombination } from './runRows.js';
import type {
  CallOptions,
  EpochEvent,
  Framework,
  RunRow,
  TensorflowMode,
  TrainingCombination,
  TrainRequest,
  TrainResponse,
} from './types.js';

export interface TrainingRunOptions extends ProgressHooks {
  datasetId: string;
  combinations: readonly TrainingCombination[];
  /** Called once per combination, in combination order (awaited). */
  appendRow: (row: RunRow) => void | Promise<void>;
  /** Called as `(i + 1, total)` right after the i-th row is appended, failed or not (awaited). */
  onProgress: (done: number, total: number) => void | Promise<void>;
  /** Aborting stops before the next combination; the run in flight gets the signal too. */
  signal?: AbortSignal;
  /** Id of a row the backend did not store. Default `crypto.randomUUID()`. */
  idGenerator?: () => string;
  /** Sent with every request, so a sweep is reproducible. */
  seed?: number;
  /** Sent with every request when the runs belong to a durable sweep. */
  sweepId?: string;
  /**
   * Combinations trained at the same time (default 1). Rows are still appended in combination order;
   * `onRunEnd` fires as each one finishes.
   */
  concurrency?: number;
  /** Per-epoch progress of the combination at `combinationIndex` (same as onEpochEnd). */
  onEpoch?: (combinationIndex: number, event: EpochEvent) => void;
}

const defaultIdGenerator = (): string => globalThis.crypto.randomUUID();

/** The message of a run stopped by the caller's signal, whatever the backend said. */
export const CANCELLED_MESSAGE = 'Cancelled';

async function runTraining(
  o: TrainingRunOptions,
  framework: Framework,
  shape: (c: TrainingCombination) => TrainingCombination,
  call: (req: TrainRequest, callOptions: CallOptions) => Promise<TrainResponse>,
): Promise<RunRow[]> {
  const idGenerator = o.idGenerator ?? defaultIdGenerator;
  const total = o.combinations.length;
  const rows: RunRow[] = [];
  const finished = new Map<number, RunRow>();
  let next = 0;
  let flushing: Promise<void> = Promise.resolve();

  // Appends finished rows while they are contiguous, so rows and progress stay in combination order.
  const flush = async () => {
    for (let row = finished.get(rows.length); row !== undefined; row = finished.get(rows.length)) {
      finished.delete(rows.length);
      rows.push(row);
      await o.appendRow(row);
      await o.onProgress(rows.length, total);
    }
  };

  const trainOne = async (index: number, combination: TrainingCombination): Promise<RunRow> => {
    const base = { framework, datasetId: o.datasetId, combination };
    const request: TrainRequest = { ...pickCombination(combination), datasetId: o.datasetId };
    if (o.seed !== undefined) request.seed = o.seed;
    if (o.sweepId !== undefined) request.sweepId = o.sweepId;
    const callOptions: CallOptions = {};
    if (o.signal) callOptions.signal = o.signal;
    if (o.onEpoch || o.onEpochEnd) {
      callOptions.onEpoch = (event) => {
        o.onEpochEnd?.(index, event);
        o.onEpoch?.(index, event);
      };
    }
    try {
      const response = await call(request, callOptions);
      return completedRunRow({ ...base, id: response.runId ?? idGenerator(), response });
    } catch (err) {
      const error = o.signal?.aborted ? CANCELLED_MESSAGE : errorMessage(err);
      return failedRunRow({ ...base, id: idGenerator(), error });
    }
  };

  const worker = async () => {
    while (next < total && !o.signal?.aborted) {
      const index = next++;
      const combination = shape(o.combinations[index]!);
      await o.onRunStart?.(index, combination);
      const row = await trainOne(index, combination);
      await o.onRunEnd?.(index, row);
      finished.set(index, row);
      flushing = flushing.then(flush);
      await flushing;
    }
  };

  const slots = Math.max(1, Math.min(o.concurrency ?? 1, total));
  await Promise.all(Array.from({ length: slots }, worker));
  return rows;
}

/**
 * REQ-003 / DR-003: trains every combination with PyTorch, one row per combination in order; a
 * combination whose call rejects becomes a failed row and the sweep goes on.
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
