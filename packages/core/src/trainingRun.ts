import { errorMessage } from './errors.js';
import { applyLinearBaseline } from './linearBaseline.js';
import type { MlApi } from './mlApi.js';
import type { ProgressHooks } from './progressFanout.js';
import { completedRunRow, failedRunRow, pickCombination } from './runRows.js';
import { linkedRunControl, type RunControl, stopOf } from './runStop.js';
import { answerProblem, GroupOutcomeAnswerSchema, TrainAnswerSchema } from './schemas/answerSchemas.js';
import type { BudgetTracker } from './search/searchBudget.js';
import {
  DEFAULT_MAX_GROUP_SIZE,
  type GroupingOptions,
  planTrainingTasks,
  type TrainingTask,
} from './trainingGroups.js';
import type {
  CallOptions,
  Framework,
  GroupOutcome,
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
  /**
   * Issue 16: fuse combinations into one training when the api trains groups (same split, batch size
   * and depth, at most `maxGroupSize` models), and share epoch prefixes (issue 11). Default: whenever
   * possible; false trains every combination on its own.
   */
  fused?: boolean;
  /** Models per fused group at most (default DEFAULT_MAX_GROUP_SIZE). */
  maxGroupSize?: number;
  /**
   * The hooks may prune runs (a pruner: ASHA, the median rule): no shared epoch prefixes then (fused
   * groups stay, each member pruned alone). Without it a run sharing its prefix ignores `prune()`.
   */
  pruning?: boolean;
}

const defaultIdGenerator = (): string => globalThis.crypto.randomUUID();

export { CANCELLED_MESSAGE } from './runStop.js';

type TrainCall = (req: TrainRequest, callOptions: CallOptions) => Promise<TrainResponse>;
type GroupCall = (requests: TrainRequest[], calls: CallOptions[]) => Promise<GroupOutcome[]>;

/** One combination of a task in flight. */
interface Member {
  position: number;
  index: number;
  combination: TrainingCombination;
  run: (RunControl & { dispose(): void }) | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Whether this sweep may share trainings (issue 11's epoch prefixes, issue 16's fused groups), and
 * how: never with `fused: false` (one model per training, for comparisons) nor with k-fold
 * (`folds`: every fold is its own training); no prefixes when a pruner may stop runs (a pruned
 * shorter run would stop the longer ones it shares with); fused groups only when the api trains groups.
 */
function groupingOf(o: TrainingRunOptions, canFuse: boolean, slots: number): GroupingOptions | null {
  const folds = (o.selection as { folds?: number } | undefined)?.folds;
  if (o.fused === false || folds !== undefined) return null;
  return {
    prefixes: !o.pruning,
    maxGroupSize: canFuse ? Math.max(1, o.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE) : 1,
    slots,
  };
}

/**
 * The one sweep scheduler (browser, CLI, server): `concurrency` workers take the next task (a
 * combination, a chain of shared epoch prefixes, or a fused group of them: planTrainingTasks), each
 * combination gets its own RunControl (linked to `signal`) for `onRunStart`, its own epoch events and
 * row; finished rows are appended in order while they are contiguous.
 */
async function runTraining(
  o: TrainingRunOptions,
  framework: Framework,
  shape: (c: TrainingCombination) => TrainingCombination,
  call: TrainCall,
  callGroup: GroupCall | undefined,
): Promise<RunRow[]> {
  const idGenerator = o.idGenerator ?? defaultIdGenerator;
  const order = o.indexes ?? o.combinations.map((_, i) => i);
  for (const index of order) {
    if (o.combinations[index] === undefined)
      throw new Error(`indexes holds ${index}, but there are ${o.combinations.length} combinations`);
  }
  let total = order.length;
  const slots = Math.max(1, Math.min(o.concurrency ?? 1, o.ask ? Number.POSITIVE_INFINITY : total));
  const shaped = order.map((index) => shape(o.combinations[index]!));
  const grouping = groupingOf(o, callGroup !== undefined, slots);
  const tasks: TrainingTask[] = grouping
    ? planTrainingTasks(shaped, grouping)
    : order.map((_, position) => [[position]]);
  let asking = o.ask !== undefined;
  let positions = order.length;
  const rows: RunRow[] = [];
  const finished = new Map<number, RunRow>();
  let nextTask = 0;
  let flushing: Promise<void> = Promise.resolve();

  const append = async (row: RunRow) => {
    rows.push(row);
    await o.appendRow(row);
    await o.onProgress(rows.length, total);
  };
  // Appends finished rows while their positions are contiguous, so rows and progress stay in order.
  let appended = 0;
  const flush = async () => {
    for (let row = finished.get(appended); row !== undefined; row = finished.get(appended)) {
      finished.delete(appended++);
      await append(row);
    }
  };

  const requestFor = (m: Member): TrainRequest => {
    const request: TrainRequest = {
      ...pickCombination(m.combination),
      ...o.selection,
      datasetId: o.datasetId,
    };
    if (o.seed !== undefined) request.seed = o.seed;
    if (o.sweepId !== undefined) {
      request.sweepId = o.sweepId;
      request.combinationIndex = m.index;
    }
    return request;
  };

  /** One training of a chain: the longest run, the shorter ones as its epoch checkpoints. */
  const chainCall = (chain: Member[]): { request: TrainRequest; callOptions: CallOptions } => {
    const lead = chain.at(-1)!;
    const shorter = chain.slice(0, -1);
    const request = requestFor(lead);
    const callOptions: CallOptions = {};
    if (lead.signal) callOptions.signal = lead.signal;
    if (shorter.length > 0) {
      request.epochCheckpoints = shorter.map((m) => m.combination.epochs);
      if (o.sweepId !== undefined) request.checkpointIndexes = shorter.map((m) => m.index);
      callOptions.checkpoints = shorter.map((m) => (m.signal ? { signal: m.signal } : {}));
    } else if (lead.run) callOptions.prune = lead.run.pruneSignal;
    const { onEpochEnd } = o;
    if (onEpochEnd) {
      callOptions.onEpoch = (event) => {
        for (const m of shorter) {
          if (event.epoch <= m.combination.epochs)
            onEpochEnd(m.index, { ...event, epochs: m.combination.epochs });
        }
        onEpochEnd(lead.index, event);
      };
    }
    return { request, callOptions };
  };

  /** The row of one member from its chain's outcome (`k`: its place in the chain). */
  const rowOf = (m: Member, chain: Member[], k: number, outcome: unknown): RunRow => {
    const base = { framework, datasetId: o.datasetId, combination: m.combination };
    // Stopped on purpose: say why, whatever the backend answered (a plain abort reads CANCELLED_MESSAGE).
    const stop = stopOf(m.signal);
    const stopped = (error: string) =>
      failedRunRow({
        ...base,
        id: idGenerator(),
        error: stop ? stop.message : error,
        ...(stop ? { stopReason: stop.reason } : {}),
      });
    const malformedOutcome = answerProblem(GroupOutcomeAnswerSchema, outcome, 'training');
    if (malformedOutcome) return failedRunRow({ ...base, id: idGenerator(), error: malformedOutcome });
    const answer = outcome as GroupOutcome;
    if ('error' in answer) return stopped(answer.error);
    // A shorter run of a chain stopped alone: the training went on for the others, this run ends stopped.
    if (stop && chain.length > 1) return stopped(stop.message);
    const lead = k === chain.length - 1;
    const response = lead ? answer.response : answer.response.checkpoints?.[k];
    const malformed = answerProblem(TrainAnswerSchema, response, 'training');
    if (malformed || response === undefined)
      return failedRunRow({ ...base, id: idGenerator(), error: malformed ?? 'no answer' });
    return completedRunRow({ ...base, id: response.runId ?? idGenerator(), response });
  };

  /** Trains one task (one call) and answers one outcome per chain, whatever happens. */
  const outcomesOf = async (chains: Member[][]): Promise<unknown[]> => {
    const calls = chains.map(chainCall);
    const failure = (error: string) => chains.map(() => ({ error }));
    if (chains.length === 1 || !callGroup) {
      return Promise.all(
        calls.map(async ({ request, callOptions }) => {
          try {
            return { response: await call(request, callOptions) };
          } catch (err) {
            return { error: errorMessage(err) };
          }
        }),
      );
    }
    try {
      const answers: unknown = await callGroup(
        calls.map((c) => c.request),
        calls.map((c) => c.callOptions),
      );
      if (!Array.isArray(answers) || answers.length !== chains.length) {
        const got = Array.isArray(answers) ? `${answers.length} outcomes` : typeof answers;
        return failure(
          `The backend's group training answer is malformed: ${got} for ${chains.length} models`,
        );
      }
      return answers;
    } catch (err) {
      return failure(errorMessage(err));
    }
  };

  /** The next task: planned positions (within the budget), then (with `ask`) a new suggestion; null when done. */
  const take = async (): Promise<Array<
    Array<{ position: number; index: number; raw: TrainingCombination }>
  > | null> => {
    while (nextTask < tasks.length) {
      const task = tasks[nextTask++]!;
      // The budget counts combinations: a group takes what it still allows, in grid order.
      const allowed = new Set<number>();
      for (const position of task.flat().sort((a, b) => a - b)) {
        if (o.signal?.aborted || o.budget?.end()) break;
        o.budget?.started();
        allowed.add(position);
      }
      if (allowed.size === 0) return null;
      return task
        .map((chain) =>
          chain
            .filter((p) => allowed.has(p))
            .map((position) => ({
              position,
              index: order[position]!,
              raw: o.combinations[order[position]!]!,
            })),
        )
        .filter((chain) => chain.length > 0);
    }
    if (o.signal?.aborted || o.budget?.end()) return null;
    if (!asking || !o.ask) return null;
    // Counted before the await, so two free slots cannot both pass a budget with one run left.
    o.budget?.started();
    const asked = await o.ask();
    if (asked === null || o.signal?.aborted) {
      asking = false;
      return null;
    }
    total++;
    return [[{ position: positions++, index: asked.index, raw: asked.combination }]];
  };

  const worker = async () => {
    for (let taken = await take(); taken !== null; taken = await take()) {
      const chains: Member[][] = taken.map((chain) =>
        chain.map(({ position, index, raw }) => {
          // Only a start hook can stop one combination; without one the sweep's signal is enough.
          const run = o.onRunStart ? linkedRunControl(o.signal) : undefined;
          return { position, index, combination: shape(raw), run, signal: run?.signal ?? o.signal };
        }),
      );
      const members = chains.flat().sort((a, b) => a.position - b.position);
      let rowsOf: Array<{ m: Member; row: RunRow }>;
      try {
        for (const m of members) await o.onRunStart?.(m.index, m.combination, m.run);
        const outcomes = await outcomesOf(chains);
        rowsOf = chains.flatMap((chain, c) =>
          chain.map((m, k) => ({ m, row: rowOf(m, chain, k, outcomes[c]) })),
        );
      } finally {
        for (const m of members) m.run?.dispose();
      }
      for (const { m, row } of rowsOf.sort((a, b) => a.m.position - b.m.position)) {
        await o.onRunEnd?.(m.index, row);
        finished.set(m.position, row);
      }
      flushing = flushing.then(flush);
      await flushing;
    }
  };

  await Promise.all(Array.from({ length: slots }, worker));
  // A budget may leave positions of a fused group untrained: the rows after such a gap still go, in order.
  for (const position of [...finished.keys()].sort((a, b) => a - b)) {
    await append(finished.get(position)!);
  }
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
  o: TrainingRunOptions & { api: Pick<MlApi, 'trainPytorch'> & Partial<Pick<MlApi, 'trainPytorchGroup'>> },
): Promise<RunRow[]> {
  const { api } = o;
  const group = api.trainPytorchGroup;
  return runTraining(
    o,
    'pytorch',
    (c) => c,
    (req, callOptions) => api.trainPytorch(req, callOptions),
    group ? (requests, calls) => group.call(api, requests, calls) : undefined,
  );
}

/**
 * REQ-003 / DR-004: as runPytorchTraining with TensorFlow; in `mode: 'linear'` every request (and row)
 * carries hiddenDim 128, numHiddenLayers 2, dropout 0.1 whatever the combination says.
 *
 * @example await runTensorflowTraining({ api, mode: 'linear', datasetId: 'iris', combinations, appendRow, onProgress });
 */
export function runTensorflowTraining(
  o: TrainingRunOptions & {
    api: Pick<MlApi, 'trainTensorflow'> & Partial<Pick<MlApi, 'trainTensorflowGroup'>>;
    mode: TensorflowMode;
  },
): Promise<RunRow[]> {
  const { api, mode } = o;
  const shape = mode === 'linear' ? applyLinearBaseline : (c: TrainingCombination) => c;
  const group = api.trainTensorflowGroup;
  return runTraining(
    o,
    'tensorflow',
    shape,
    (req, callOptions) => api.trainTensorflow({ ...req, mode }, callOptions),
    group
      ? (requests, calls) =>
          group.call(
            api,
            requests.map((req) => ({ ...req, mode })),
            calls,
          )
      : undefined,
  );
}
