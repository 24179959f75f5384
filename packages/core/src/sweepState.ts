import type { EpochEvent, RunRow, TensorflowMode, TrainingCombination } from './types.js';

/** The run in flight, for live progress. */
export interface CurrentRun {
  index: number;
  combination: TrainingCombination;
  epoch?: EpochEvent;
}

interface Progress {
  rows: RunRow[];
  done: number;
  total: number;
  /** Per-epoch losses of each combination, indexed like the combinations (and rows). */
  histories: EpochEvent[][];
  /** The dataset the rows belong to (null before the first sweep). */
  datasetId: string | null;
  /** The TensorFlow mode the rows were trained in: 'linear' rows carry DR-004's fixed shape. */
  mode?: TensorflowMode;
}

/** A sweep as a UI or the CLI sees it: one tagged union on `status`. */
export type SweepState =
  | ({ status: 'idle' } & Progress)
  | ({ status: 'running'; current: CurrentRun | null } & Progress)
  | ({ status: 'done' } & Progress)
  | ({ status: 'failed'; error: string } & Progress)
  | ({ status: 'cancelled' } & Progress);

export type SweepAction =
  | { type: 'start'; total: number; datasetId?: string; mode?: TensorflowMode }
  | { type: 'runStart'; index: number; combination: TrainingCombination }
  | { type: 'epoch'; index: number; event: EpochEvent }
  | { type: 'row'; row: RunRow }
  | { type: 'progress'; done: number; total: number }
  | { type: 'finish' }
  | { type: 'fail'; error: string }
  | { type: 'cancel' }
  | { type: 'reset' };

export const initialSweepState: SweepState = {
  status: 'idle',
  rows: [],
  done: 0,
  total: 0,
  histories: [],
  datasetId: null,
};

/** The progress fields of a state, without its status-specific ones. */
const progressOf = ({ rows, done, total, histories, datasetId, mode }: SweepState): Progress =>
  mode === undefined
    ? { rows, done, total, histories, datasetId }
    : { rows, done, total, histories, datasetId, mode };

function appendAt(histories: EpochEvent[][], index: number, event: EpochEvent): EpochEvent[][] {
  const next = histories.slice();
  next[index] = [...(histories[index] ?? []), event];
  return next;
}

/** Late events (after Cancel) are still recorded; other statuses take none. */
const recordsEvents = (state: SweepState) => state.status === 'running' || state.status === 'cancelled';

const assertNever = (action: never): never => {
  throw new Error(`Unknown sweep action: ${JSON.stringify(action)}`);
};

/**
 * The one place a sweep's state changes. Late events (a row that lands after Cancel) are still
 * recorded; events that make no sense in the current status leave the state as it is.
 *
 * @example let s = sweepReducer(initialSweepState, { type: 'start', total: 3 }); // s.status === 'running'
 */
export function sweepReducer(state: SweepState, action: SweepAction): SweepState {
  switch (action.type) {
    case 'start': {
      const started: SweepState = {
        status: 'running',
        rows: [],
        done: 0,
        total: action.total,
        histories: [],
        datasetId: action.datasetId ?? null,
        current: null,
      };
      return action.mode === undefined ? started : { ...started, mode: action.mode };
    }
    case 'runStart':
      if (state.status !== 'running') return state;
      return { ...state, current: { index: action.index, combination: action.combination } };
    case 'epoch': {
      if (!recordsEvents(state)) return state;
      const histories = appendAt(state.histories, action.index, action.event);
      if (state.status !== 'running' || state.current?.index !== action.index) return { ...state, histories };
      return { ...state, histories, current: { ...state.current, epoch: action.event } };
    }
    case 'row':
      if (!recordsEvents(state)) return state;
      return { ...state, rows: [...state.rows, action.row] };
    case 'progress':
      if (!recordsEvents(state)) return state;
      return { ...state, done: action.done, total: action.total };
    case 'finish':
      if (state.status !== 'running') return state;
      return { status: 'done', ...progressOf(state) };
    case 'fail':
      if (state.status !== 'running') return state;
      return { status: 'failed', ...progressOf(state), error: action.error };
    case 'cancel':
      if (state.status !== 'running') return state;
      return { status: 'cancelled', ...progressOf(state) };
    case 'reset':
      return initialSweepState;
    default:
      return assertNever(action);
  }
}
