import type { StoredRun, SweepEvent, SweepRecord, SweepStatus } from './studioTypes.js';
import { endedCount } from './sweepCounts.js';
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
  /** The durable sweep these rows belong to (set by `attach`; rows then sit in grid order). */
  sweepId?: string;
  /** The durable sweep's grid, to name the combination of a live epoch. */
  combinations?: TrainingCombination[];
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
  | { type: 'reset' }
  /** Follow a durable sweep (server-side): running until its events say otherwise. */
  | { type: 'attach'; sweep: SweepRecord }
  /** One event of the followed durable sweep (`GET /api/sweeps/:id/events`). */
  | { type: 'sweepEvent'; event: SweepEvent };

export const initialSweepState: SweepState = {
  status: 'idle',
  rows: [],
  done: 0,
  total: 0,
  histories: [],
  datasetId: null,
};

/** The progress fields of a state, without its status-specific ones. */
function progressOf(state: SweepState): Progress {
  const { rows, done, total, histories, datasetId, mode, sweepId, combinations } = state;
  const progress: Progress = { rows, done, total, histories, datasetId };
  if (mode !== undefined) progress.mode = mode;
  if (sweepId !== undefined) progress.sweepId = sweepId;
  if (combinations !== undefined) progress.combinations = combinations;
  return progress;
}

/** What the web shows for a durable sweep that ended without completing or being cancelled. */
export const SWEEP_END_MESSAGES: Record<Extract<SweepStatus, 'failed' | 'interrupted'>, string> = {
  failed: 'The sweep stopped on an internal error (details in the server log)',
  interrupted: 'The sweep was interrupted (the server stopped); resume it from the Sweeps page',
};

const combinationOf = (row: RunRow): number | undefined => (row as Partial<StoredRun>).combinationIndex;

/**
 * A durable sweep's rows stay in grid order, one per combination: a later attempt replaces the
 * earlier one unless that one completed (core's standing-attempt rule, as in the sweep counts).
 */
function upsertRow(rows: RunRow[], row: RunRow): RunRow[] {
  const index = combinationOf(row);
  if (index === undefined) return [...rows, row];
  const at = rows.findIndex((r) => combinationOf(r) === index);
  if (at >= 0) {
    if (rows[at]!.result === 'completed' && row.result !== 'completed') return rows;
    return rows.map((r, i) => (i === at ? row : r));
  }
  const before = rows.findIndex((r) => (combinationOf(r) ?? -1) > index);
  return before < 0 ? [...rows, row] : [...rows.slice(0, before), row, ...rows.slice(before)];
}

/** Applies one event of a followed durable sweep. */
function onSweepEvent(state: SweepState, event: SweepEvent): SweepState {
  switch (event.type) {
    case 'progress': {
      if (!recordsEvents(state)) return state;
      return { ...state, done: endedCount(event), total: event.total };
    }
    case 'row': {
      const { row } = event;
      if (!recordsEvents(state) || row.result === 'running') return state;
      const next = { ...state, rows: upsertRow(state.rows, row as RunRow) };
      const index = row.combinationIndex;
      if (index !== undefined && row.history && row.history.length > 0) {
        next.histories = state.histories.slice();
        next.histories[index] = row.history;
      }
      if (next.status === 'running' && next.current?.index === index) next.current = null;
      return next;
    }
    case 'epoch': {
      const { type: _type, combinationIndex: index, runId: _runId, ...epoch } = event;
      const combination = state.combinations?.[index];
      if (state.status !== 'running' || !combination)
        return sweepReducer(state, { type: 'epoch', index, event: epoch });
      const histories = appendAt(state.histories, index, epoch);
      return { ...state, histories, current: { index, combination, epoch } };
    }
    case 'done':
      if (state.status !== 'running') return state;
      if (event.status === 'completed') return { status: 'done', ...progressOf(state) };
      if (event.status === 'cancelled') return { status: 'cancelled', ...progressOf(state) };
      if (event.status === 'running') return state;
      return { status: 'failed', ...progressOf(state), error: SWEEP_END_MESSAGES[event.status] };
    default:
      return assertNever(event);
  }
}

function appendAt(histories: EpochEvent[][], index: number, event: EpochEvent): EpochEvent[][] {
  const next = histories.slice();
  next[index] = [...(histories[index] ?? []), event];
  return next;
}

const assertNever = (action: never): never => {
  throw new Error(`Unknown sweep action: ${JSON.stringify(action)}`);
};

/** Late events (after Cancel) are still recorded; other statuses take none. */
const recordsEvents = (state: SweepState) => state.status === 'running' || state.status === 'cancelled';

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
    case 'attach': {
      const { sweep } = action;
      const attached: SweepState = {
        status: 'running',
        rows: [],
        done: 0,
        total: sweep.total,
        histories: [],
        datasetId: sweep.fields.datasetId,
        sweepId: sweep.id,
        combinations: sweep.combinations,
        current: null,
      };
      return sweep.fields.mode === undefined ? attached : { ...attached, mode: sweep.fields.mode };
    }
    case 'sweepEvent':
      return onSweepEvent(state, action.event);
    default:
      return assertNever(action);
  }
}
